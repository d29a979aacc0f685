"""Public check of a commitment letter at /verify/<code>/ (registered with config.verification)."""

import hashlib

from django.shortcuts import render

from agreements.domain.national_matching import matching_rules, ratio_percent


def verify_letter(request, letter):
    """The letter's summary; POST a PDF to compare its SHA-256 with the issued letter's."""
    result = error = None
    if request.method == "POST":
        upload = request.FILES.get("pdf")
        if upload is None or upload.size > 20 * 1024 * 1024:
            error = {"ko": "확인할 PDF 파일을 선택하십시오.", "en": "Choose the PDF file to check."}
        else:
            data = upload.read()
            if not data.startswith(b"%PDF-"):
                error = {"ko": "PDF 파일이 아닙니다.", "en": "This file is not a PDF."}
            else:
                result = {"digest": hashlib.sha256(data).hexdigest()}
                result["match"] = result["digest"] == letter.letter_sha256
    rows = list(zip(letter.national_grants_krw, letter.city_shares_krw, strict=False))
    ctx = {
        "r": letter, "rows": rows, "percent": ratio_percent(matching_rules(program=letter.program)),
        "result": result, "error": error,
    }  # fmt: skip
    return render(request, "national_matching/verify.html", ctx, status=422 if error else 200)
