"""Agreement versions (협약서 판): a frozen snapshot of the content, its PDF and the PDF's SHA-256.

Version 1 is recorded at creation; each accepted change request records version n+1
(`record_version`), and `diff_versions` lists what changed between two versions, in Korean and
English, for the change pages and the agreement page.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Sum

from accounts.domain.audit import record_audit
from accounts.models import User
from agreements.domain.terms import active_terms, fill_terms
from agreements.models import Agreement, AgreementVersion
from applications.enums import BudgetCategory, InstitutionRole
from config.locking import lock

SBA_NAME = "서울경제진흥원"
SBA_NAME_EN = "Seoul Business Agency (SBA)"
MONEY_FIELDS = (
    ("city_grant_krw", "시지원연구개발비", "city grant"),
    ("institution_cash_krw", "기관부담 현금", "institution cash"),
    ("institution_inkind_krw", "기관부담 현물", "institution in-kind"),
)


def _institution(inst) -> dict:
    return {"id": inst.pk, "name": inst.name, "name_en": inst.name_en or "",
            "business_no": getattr(inst, "business_no", "") or "",
            "representative": getattr(inst, "representative", "") or ""}  # fmt: skip


def build_snapshot(agreement: Agreement) -> dict:
    """The agreement's content as plain JSON (dates ISO, money integer won)."""
    application = agreement.application
    co = [
        _institution(row.institution)
        for row in application.institutions.filter(role=InstitutionRole.CO)
        .select_related("institution")
        .order_by("institution_id")
    ]
    applied = dict(
        application.budget_items.values_list("year").annotate(s=Sum("city_krw")).order_by("year")
    )
    years = []
    for year in agreement.years.prefetch_related("budget_lines__institution").order_by("year_no"):
        lines = [
            {
                "institution_id": line.institution_id,
                "institution": line.institution.name,
                "category": line.category,
                **{f: getattr(line, f) for f, _ko, _en in MONEY_FIELDS},
            }  # fmt: skip
            for line in sorted(
                year.budget_lines.all(), key=lambda x: (x.institution_id, x.category)
            )
        ]
        years.append({
            "year_no": year.year_no, "starts_on": year.starts_on.isoformat(),
            "ends_on": year.ends_on.isoformat(),
            "guarantee_required_until": year.guarantee_required_until.isoformat(),
            **{f: getattr(year, f) for f, _ko, _en in MONEY_FIELDS},
            "applied_city_grant_krw": int(applied.get(year.year_no) or 0),
            "lines": lines,
        })  # fmt: skip
    program = agreement.program
    terms = active_terms()
    values = {
        "program": program.name_ko, "title": application.title_ko,
        "lead": agreement.lead_institution.name,
        "starts_on": agreement.starts_on.isoformat(), "ends_on": agreement.ends_on.isoformat(),
        "city_grant": f"{agreement.city_grant_krw:,}",
        "guarantee_due_on": agreement.guarantee_due_on.isoformat(),
    }  # fmt: skip
    return {
        "verify_code": agreement.verify_code,
        "program": {"code": program.code, "name_ko": program.name_ko, "name_en": program.name_en},
        "title_ko": application.title_ko, "title_en": application.title_en,
        "receipt_no": application.receipt_no,
        "parties": {"sba": {"name": SBA_NAME, "name_en": SBA_NAME_EN},
                    "lead": _institution(agreement.lead_institution), "co": co},
        "starts_on": agreement.starts_on.isoformat(), "ends_on": agreement.ends_on.isoformat(),
        "selection_notified_on": agreement.selection_notified_on.isoformat(),
        "guarantee_due_on": agreement.guarantee_due_on.isoformat(),
        "city_grant_krw": agreement.city_grant_krw,
        "applied_city_grant_krw": agreement.applied_city_grant_krw,
        "institution_cash_krw": sum(y["institution_cash_krw"] for y in years),
        "institution_inkind_krw": sum(y["institution_inkind_krw"] for y in years),
        "years": years,
        "terms_title": terms.title, "terms": fill_terms(terms.body, values),
    }  # fmt: skip


def record_version(*, agreement: Agreement, actor: User | None, reason: str) -> AgreementVersion:
    """Snapshot the agreement as it is now, render its PDF and store version n+1 (n = 0 at
    creation). Locks the agreement row, so two callers never get the same number. Returns the
    new version; ``agreement.version_no`` is updated."""
    from agreements.interfaces.agreement_pdf import render_agreement_pdf

    with transaction.atomic():
        locked = lock(Agreement, agreement.pk)
        last = locked.versions.aggregate(n=Max("version_no"))["n"] or 0
        number = last + 1
        snapshot = build_snapshot(locked)
        snapshot["version_no"] = number
        pdf = render_agreement_pdf(snapshot=snapshot, reason=reason)
        digest = hashlib.sha256(pdf).hexdigest()
        version = AgreementVersion(
            agreement=locked, version_no=number, snapshot=snapshot, pdf_sha256=digest,
            reason=reason, created_by=actor,
        )  # fmt: skip
        version.pdf.save(
            f"agreement-{locked.verify_code}-v{number}.pdf", ContentFile(pdf), save=False
        )
        version.save()
        Agreement.objects.filter(pk=locked.pk).update(version_no=number)
        agreement.version_no = number
        record_audit(
            actor=actor, action="agreement.version", target=locked,
            before={"version_no": last}, after={"version_no": number, "pdf_sha256": digest},
            reason=reason,
        )  # fmt: skip
    return version


def _won(n: int) -> str:
    return f"{n:,}원"


def _line(field: str, ko: str, en: str, old, new) -> dict:
    return {"field": field, "ko": ko, "en": en, "old": old, "new": new}


def _category_label(code: str) -> str:
    try:
        return str(BudgetCategory(code).label)
    except ValueError:
        return code


def diff_versions(*, old: AgreementVersion, new: AgreementVersion) -> list[dict]:
    """Readable differences from `old` to `new`: period, parties, per-year money and per-line
    money (by institution and category). Each line: field, ko, en, old, new."""
    a, b = old.snapshot, new.snapshot
    out: list[dict] = []
    for key, ko, en in (("starts_on", "협약 시작일", "start"), ("ends_on", "협약 종료일", "end")):
        if a.get(key) != b.get(key):
            out.append(_line(key, f"{ko}: {a.get(key)} → {b.get(key)}",
                             f"Agreement {en}: {a.get(key)} → {b.get(key)}", a.get(key), b.get(key)))  # fmt: skip
    old_co = {c["id"]: c["name"] for c in a.get("parties", {}).get("co", [])}
    new_co = {c["id"]: c["name"] for c in b.get("parties", {}).get("co", [])}
    for pk in sorted(new_co.keys() - old_co.keys()):
        out.append(_line("co_institution", f"공동연구개발기관 추가: {new_co[pk]}",
                         f"Co-institution added: {new_co[pk]}", None, new_co[pk]))  # fmt: skip
    for pk in sorted(old_co.keys() - new_co.keys()):
        out.append(_line("co_institution", f"공동연구개발기관 제외: {old_co[pk]}",
                         f"Co-institution removed: {old_co[pk]}", old_co[pk], None))  # fmt: skip
    old_years = {y["year_no"]: y for y in a.get("years", [])}
    new_years = {y["year_no"]: y for y in b.get("years", [])}
    for no in sorted(old_years.keys() | new_years.keys()):
        oy, ny = old_years.get(no), new_years.get(no)
        if oy is None or ny is None:
            added = oy is None
            out.append(_line(f"year{no}", f"{no}차년도 {'추가' if added else '삭제'}",
                             f"Year {no} {'added' if added else 'removed'}",
                             None if added else oy["ends_on"], ny["ends_on"] if ny else None))  # fmt: skip
            continue
        for key, ko, en in (("starts_on", "시작일", "start"), ("ends_on", "종료일", "end")):
            if oy[key] != ny[key]:
                out.append(_line(f"year{no}.{key}", f"{no}차년도 {ko}: {oy[key]} → {ny[key]}",
                                 f"Year {no} {en}: {oy[key]} → {ny[key]}", oy[key], ny[key]))  # fmt: skip
        for key, ko, en in MONEY_FIELDS:
            if oy[key] != ny[key]:
                out.append(_line(f"year{no}.{key}", f"{no}차년도 {ko}: {_won(oy[key])} → {_won(ny[key])}",
                                 f"Year {no} {en}: {oy[key]:,} → {ny[key]:,} KRW", oy[key], ny[key]))  # fmt: skip
        out.extend(_line_diffs(no, oy["lines"], ny["lines"]))
    return out


def _line_diffs(no: int, old_lines: list[dict], new_lines: list[dict]) -> list[dict]:
    def key(line):
        return (line["institution_id"], line["category"])

    empty = {f: 0 for f, _ko, _en in MONEY_FIELDS}
    olds, news = {key(x): x for x in old_lines}, {key(x): x for x in new_lines}
    out = []
    for k in sorted(olds.keys() | news.keys()):
        o, n = olds.get(k, empty), news.get(k, empty)
        name = (news.get(k) or olds.get(k))["institution"]
        label = _category_label(k[1])
        for f, ko, en in MONEY_FIELDS:
            if o[f] != n[f]:
                out.append(_line(
                    f"year{no}.{k[0]}.{k[1]}.{f}",
                    f"{no}차년도 {name} {label} {ko}: {_won(o[f])} → {_won(n[f])}",
                    f"Year {no} {name} {label} {en}: {o[f]:,} → {n[f]:,} KRW", o[f], n[f],
                ))  # fmt: skip
    return out
