"""Public verification of an agreement (/verify/<code>/): its summary and a PDF hash check.

Anyone holding the PDF can check whether its SHA-256 matches a recorded version or the sealed
final of this agreement. The files themselves are never served here.
"""

from __future__ import annotations

import hashlib

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from agreements.models import Agreement
from config.verification import resolve_other

MAX_CODE = 20


def _agreement(code: str) -> Agreement | None:
    code = (code or "").strip().upper()
    if not code or len(code) > MAX_CODE or not code.isalnum():
        return None
    return (
        Agreement.objects.select_related("application", "program", "lead_institution")
        .filter(verify_code=code)
        .first()
    )


def _digest(upload) -> str:
    sha = hashlib.sha256()
    for chunk in upload.chunks():
        sha.update(chunk)
    return sha.hexdigest()


@require_http_methods(["GET", "POST"])
def verify(request, code: str):
    agreement = _agreement(code)
    if agreement is None:
        other = resolve_other(
            request, code
        )  # certificates, commitment letters (config.verification)
        if other is not None:
            return other
        return render(request, "agreements/core/verify_unknown.html", {"code": code[:MAX_CODE]},
                      status=404)  # fmt: skip
    versions = list(agreement.versions.order_by("version_no"))
    result = error = None
    if request.method == "POST":
        upload = request.FILES.get("pdf")
        if upload is None:
            error = {"ko": "확인할 PDF 파일을 선택하십시오.", "en": "Choose the PDF file to check."}
        elif not upload.read(5).startswith(b"%PDF-"):
            error = {"ko": "PDF 파일이 아닙니다.", "en": "This file is not a PDF."}
        else:
            upload.seek(0)
            digest = _digest(upload)
            match = next(((v, kind) for v in versions for kind, h in
                          (("sealed", v.sealed_sha256), ("version", v.pdf_sha256)) if h == digest),
                         (None, None))  # fmt: skip
            result = {"digest": digest, "version": match[0], "kind": match[1]}
    ctx = {
        "agreement": agreement, "versions": versions, "latest": versions[-1] if versions else None,
        "years": agreement.years.order_by("year_no"), "result": result, "error": error,
    }  # fmt: skip
    status = 422 if error else 200
    return render(request, "agreements/core/verify.html", ctx, status=status)
