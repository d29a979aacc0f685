"""The application dossier: everything a reviewer reads about one application, labelled.

One read model for the page, the PDF and the evaluator API: the plan, the institutions, the
researchers, the budget by year, institution and category with totals, the electronic forms, the
attachments, the screening outcome with its reasons and the receipt with its digest. Every code is
given with its label in the active language (Korean, or English under /en/); amounts are integer
won. The application is read with `load_application_graph` (one statement on PostgreSQL) and the
screening result with one more query, whatever the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.enums import InstitutionType
from applications.domain.graph import load_application_graph
from applications.domain.validation import ELIGIBILITY_QUESTIONS
from applications.enums import (
    ApplicationStatus,
    BudgetCategory,
    InstitutionRole,
    ResearcherRole,
    RndRecordKind,
)
from applications.models import Application, Attachment
from programs.domain.flows import track_name

# Browsers show these inline; HWP/HWPX are always downloaded.
INLINE_TYPES = {"pdf": "application/pdf"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "hwp": "application/x-hwp",
    "hwpx": "application/hwp+zip",
}
TYPE_LABELS = {"pdf": "PDF", "hwp": "HWP", "hwpx": "HWPX"}

PLAN_FIELDS = (
    ("summary", _("Summary")),
    ("objectives", _("Objectives")),
    ("content", _("Content")),
    ("expected_outcomes", _("Expected outcomes")),
    ("outcome_use", _("Use of outcomes")),
)


def _en() -> bool:
    return translation.get_language() == "en"


def _label(choices, value) -> str:
    """The translated label of a choice value (the value itself when unknown)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _money(city: int = 0, cash: int = 0, inkind: int = 0) -> dict:
    return {
        "city_krw": city,
        "cash_krw": cash,
        "inkind_krw": inkind,
        "total_krw": city + cash + inkind,
    }


def _add(total: dict, row) -> None:
    total["city_krw"] += row.city_krw
    total["cash_krw"] += row.cash_krw
    total["inkind_krw"] += row.inkind_krw
    total["total_krw"] += row.city_krw + row.cash_krw + row.inkind_krw


def _institution_name(inst) -> str:
    if inst is None:
        return ""
    return (inst.name_en or inst.name) if _en() else inst.name


def budget_tables(items) -> dict:
    """Budget rows by year → institution → category with subtotals, and totals per year, per
    institution and per category, and the grand total (integer won)."""
    category_order = {value: i for i, value in enumerate(BudgetCategory.values)}
    items = sorted(
        items, key=lambda b: (b.year, b.institution_id, category_order.get(b.category, 99))
    )
    years: list[dict] = []
    by_year: dict[int, dict] = {}
    by_inst: dict[int, dict] = {}
    by_cat: dict[str, dict] = {}
    grand = _money()
    for row in items:
        year = by_year.get(row.year)
        if year is None:
            year = by_year[row.year] = {"year": row.year, "institutions": [], "total": _money()}
            years.append(year)
        inst_block = next(
            (b for b in year["institutions"] if b["institution_id"] == row.institution_id), None
        )
        if inst_block is None:
            inst_block = {
                "institution_id": row.institution_id,
                "institution": _institution_name(row.institution),
                "rows": [],
                "total": _money(),
            }
            year["institutions"].append(inst_block)
        inst_block["rows"].append(
            {
                "category": row.category,
                "category_label": _label(BudgetCategory, row.category),
                **_money(row.city_krw, row.cash_krw, row.inkind_krw),
            }
        )
        _add(inst_block["total"], row)
        _add(year["total"], row)
        inst_total = by_inst.setdefault(
            row.institution_id,
            {"institution_id": row.institution_id, "institution": _institution_name(row.institution),
             **_money()},
        )  # fmt: skip
        _add(inst_total, row)
        cat_total = by_cat.setdefault(
            row.category,
            {"category": row.category, "category_label": _label(BudgetCategory, row.category),
             **_money()},
        )  # fmt: skip
        _add(cat_total, row)
        _add(grand, row)
    return {
        "years": years,
        "by_year": [{"year": y["year"], **y["total"]} for y in years],
        "by_institution": list(by_inst.values()),
        "by_category": sorted(by_cat.values(), key=lambda c: category_order.get(c["category"], 99)),
        "total": grand,
    }


def _required(app: Application) -> list[dict]:
    docs = app.call.required_documents
    return [d for d in docs if isinstance(d, dict)] if isinstance(docs, list) else []


def _documents(app: Application) -> dict[str, str]:
    """Labels of the call's required documents by code."""
    out = {}
    for doc in _required(app):
        code = doc.get("code", "")
        name = doc.get("name_en") if _en() else doc.get("name_ko")
        out[code] = name or doc.get("name_ko") or code
    return out


def attachment_rows(app: Application) -> list[dict]:
    labels = _documents(app)
    rows = []
    for att in app.attachments.all():
        kind = att.content_type_detected
        rows.append(
            {
                "id": att.pk,
                "doc_code": att.doc_code,
                "doc_label": labels.get(att.doc_code, att.doc_code),
                "name": att.original_name,
                "type": kind,
                "type_label": TYPE_LABELS.get(kind, kind.upper()),
                "size": att.size,
                "sha256": att.sha256,
                "uploaded_at": att.uploaded_at,
                "opens_inline": kind in INLINE_TYPES,
                "view_url": reverse("evaluation:dossier-file", args=[app.pk, att.pk]),
                "download_url": reverse("evaluation:dossier-file-download", args=[app.pk, att.pk]),
            }
        )
    return rows


def missing_documents(app: Application) -> list[str]:
    """Labels of the call's required documents that have no file."""
    present = {att.doc_code for att in app.attachments.all()}
    labels = _documents(app)
    return [
        labels.get(doc.get("code"), doc.get("code"))
        for doc in _required(app)
        if doc.get("required") and doc.get("code") not in present
    ]


def forms_section(app: Application) -> dict:
    answers = app.eligibility_check if isinstance(app.eligibility_check, dict) else {}
    record = app.rnd_record if isinstance(app.rnd_record, list) else []
    return {
        "eligibility": [
            {"code": code, "question": en if _en() else ko, "answer": answers.get(code) is True}
            for code, ko, en in ELIGIBILITY_QUESTIONS
        ],
        "privacy_consent": app.privacy_consent,
        "privacy_consent_at": app.privacy_consent_at,
        "export_record": app.export_record,
        "rnd_record": [
            {
                "year": r.get("year"),
                "kind": r.get("kind"),
                "kind_label": _label(RndRecordKind, r.get("kind")),
                "title": r.get("title", ""),
                "agency": r.get("agency", ""),
                "amount_krw": r.get("amount_krw") or 0,
            }
            for r in record
            if isinstance(r, dict)
        ],
    }


def screening_section(app: Application, *, released_only: bool) -> dict | None:
    """The latest screening result of the application (released only, unless staff)."""
    from evaluation.screening.domain.rules import RULES
    from evaluation.screening.domain.runs import latest_result
    from evaluation.screening.enums import Outcome

    result = latest_result(application=app, released_only=released_only)
    if result is None:
        return None
    rules = []
    for r in result.rule_rows():
        rule = RULES.get(r.get("code", ""))
        name = (rule.description_en if _en() else rule.description_ko) if rule else r.get("code")
        rules.append(
            {
                "code": r.get("code"),
                "label": name,
                "outcome": r.get("outcome"),
                "outcome_label": _label(Outcome, r.get("outcome")),
                "reason": r.get("reason") or "",
                "clause": r.get("clause") or (rule.clause if rule else ""),
            }
        )
    return {
        "run": result.run_id,
        "outcome": result.final_outcome,
        "outcome_label": _label(Outcome, result.final_outcome),
        "computed_outcome": result.outcome,
        "computed_outcome_label": _label(Outcome, result.outcome),
        "overridden": bool(result.override_outcome),
        "override_reason": result.override_reason,
        "released_at": result.run.released_at,
        "rules": rules,
    }


@dataclass
class Dossier:
    """The dossier of one application (``app`` is the loaded graph, for templates)."""

    app: Application
    plan: dict
    institutions: list[dict]
    researchers: list[dict]
    budget: dict
    forms: dict
    attachments: list[dict]
    missing_documents: list[str]
    screening: dict | None
    receipt: dict | None

    def as_json(self) -> dict:
        """The dossier as plain JSON values (dates ISO 8601, labels as strings)."""
        return _jsonable(
            {
                "application": self.plan,
                "institutions": self.institutions,
                "researchers": self.researchers,
                "budget": self.budget,
                "forms": self.forms,
                "attachments": self.attachments,
                "missing_documents": self.missing_documents,
                "screening": self.screening,
                "receipt": self.receipt,
            }
        )


def _jsonable(value):
    import datetime as dt

    from django.utils.functional import Promise

    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Promise):
        return str(value)
    return value


def build_dossier(app: Application, *, screening_released_only: bool) -> Dossier:
    """The dossier of a loaded application graph (see `load_dossier`)."""
    institutions = sorted(
        app.institutions.all(), key=lambda r: (r.role != InstitutionRole.LEAD, r.pk)
    )
    plan = {
        "id": app.pk,
        "receipt_no": app.receipt_no,
        "status": app.status,
        "status_label": _label(ApplicationStatus, app.status),
        "call": app.call.display_title,
        "call_id": app.call_id,
        "program_code": app.program.code,
        "program": app.program.name,
        # the track by its name in the active language (programs.domain.flows), "" without one
        "track": app.track,
        "track_name": track_name(program=app.program, code=app.track),
        "title_ko": app.title_ko,
        "title_en": app.title_en,
        "lead_institution": _institution_name(app.lead_institution),
        "pi": app.pi.name if app.pi else "",
        "tech_classification": app.tech_classification,
        "keywords": app.keywords,
        "current_trl": app.current_trl,
        "target_trl": app.target_trl,
        "period_months": app.period_months,
        "starts_on": app.starts_on,
        "ends_on": app.ends_on,
        "texts": [
            {"field": name, "label": label, "text": getattr(app, name) or ""}
            for name, label in PLAN_FIELDS
        ],
        "schedule": [s for s in app.schedule if isinstance(s, dict)]
        if isinstance(app.schedule, list)
        else [],
        "city_grant_krw": app.city_grant_krw,
        "institution_cash_krw": app.institution_cash_krw,
        "institution_inkind_krw": app.institution_inkind_krw,
        "total_krw": app.total_krw,
    }
    receipt = None
    if app.receipt_no:
        receipt = {
            "receipt_no": app.receipt_no,
            "submitted_at": app.submitted_at,
            "digest": app.digest,
        }
    return Dossier(
        app=app,
        plan=plan,
        institutions=[
            {
                "role": r.role,
                "role_label": _label(InstitutionRole, r.role),
                "name": _institution_name(r.institution),
                "business_no": r.institution.business_no,
                "type": r.institution.type,
                "type_label": _label(InstitutionType, r.institution.type),
                "role_description": r.role_description,
            }
            for r in institutions
        ],
        researchers=[
            {
                "name": r.researcher.name,
                "researcher_no": r.researcher.researcher_no,
                "institution": _institution_name(r.institution),
                "role": r.role,
                "role_label": _label(ResearcherRole, r.role),
                "rate_pct": r.rate_pct,
            }
            for r in app.researchers.all()
        ],
        budget=budget_tables(app.budget_items.all()),
        forms=forms_section(app),
        attachments=attachment_rows(app),
        missing_documents=missing_documents(app),
        screening=screening_section(app, released_only=screening_released_only),
        receipt=receipt,
    )


def load_dossier(application_id: int, *, screening_released_only: bool) -> Dossier | None:
    app = load_application_graph(application_id=application_id)
    if app is None:
        return None
    return build_dossier(app, screening_released_only=screening_released_only)


def attachment_of(application_id: int, attachment_id: int) -> Attachment | None:
    return Attachment.objects.filter(pk=attachment_id, application_id=application_id).first()


# What each evaluation criterion asks (seed 000 Ⅴ, seed 002 §3); shown beside the score sheet when
# the programme's stage definition has no description of its own ("description_ko"/"_en").
CRITERION_GUIDANCE = {
    "capability": ("연구책임자와 참여기관이 과제를 수행할 역량(인력·실적·시설)을 갖추었는지 평가합니다.",
                   "Whether the PI and institutions have the staff, record and facilities to carry out the project."),
    "clarity": ("추진목표가 구체적이고 측정 가능하며, 연구내용이 목표 달성에 적합한지 평가합니다.",
                "Whether the goals are specific and measurable and the content fits them."),
    "organisation": ("참여기관·연구인력의 역할 분담과 추진체계가 목표와 정합한지 평가합니다.",
                     "Whether the roles of institutions and researchers and the organisation fit the goals."),
    "budget": ("사업비가 연구내용에 비추어 적정하게 편성되었고 비목별 산정 근거가 타당한지 평가합니다.",
               "Whether the budget fits the work and each cost category is soundly justified."),
    "utilisation": ("연구성과의 사업화·활용 계획이 구체적이고 실현 가능한지 평가합니다.",
                    "Whether the plan to commercialise or use the results is concrete and feasible."),
    "creativity": ("기존 기술·제품과 비교한 창의성과 차별성을 평가합니다.",
                   "Creativity and differentiation against existing technology and products."),
    "market": ("목표 시장의 규모·성장성과 고객 수요를 평가합니다.",
               "Size and growth of the target market and customer demand."),
    "concreteness": ("추진일정·방법·검증계획이 구체적인지 평가합니다.",
                     "Whether schedule, methods and verification plan are concrete."),
    "commercialisation": ("사업화 경로, 인증·판로 확보 등 사업화의 용이성을 평가합니다.",
                          "How easily the results reach the market (route, certification, sales)."),
    "excellence": ("연구개발과제의 기술적 우수성과 목표의 도전성을 평가합니다.",
                   "Technical excellence of the project and ambition of its goals."),
    "competence": ("연구자의 개발 역량과 관련 분야 수행 실적을 평가합니다.",
                   "The researchers' development capability and record in the field."),
    "impact": ("연구 결과의 기술적·경제적·사회적 파급효과를 평가합니다.",
               "Technical, economic and social impact of the results."),
}  # fmt: skip


def criterion_guidance(criterion: dict) -> str:
    """The description of a criterion in the active language (its own, else the default)."""
    own = criterion.get("description_en" if _en() else "description_ko") or criterion.get(
        "description"
    )
    if own:
        return str(own)
    ko, en = CRITERION_GUIDANCE.get(criterion.get("code", ""), ("", ""))
    return en if _en() else ko
