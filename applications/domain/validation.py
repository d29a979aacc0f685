"""All rules of an application, checked live while editing and again at submit."""

import datetime as dt

from django.db.models import Prefetch
from django.utils import timezone

from accounts.enums import HospitalGrade, InstitutionStatus, InstitutionType
from applications.domain.budget import check_matching, check_max_grant, check_participation
from applications.domain.graph import running_participations
from applications.domain.problems import Problem, josa, won
from applications.enums import InstitutionRole, ResearcherRole
from applications.models import (
    Application,
    ApplicationInstitution,
    ApplicationResearcher,
    BudgetItem,
)
from programs.domain.free_call import demo_site_problems
from programs.domain.multi_year import caps_for

REQUIRED_FIELDS = {
    "title_ko": ("과제명(국문)", "Title (Korean)"),
    "title_en": ("과제명(영문)", "Title (English)"),
    "summary": ("요약", "Summary"),
    "objectives": ("연구개발 목표", "Objectives"),
    "content": ("연구개발 내용", "Content"),
    "expected_outcomes": ("기대성과", "Expected outcomes"),
    "outcome_use": ("성과 활용방안", "Use of outcomes"),
    "tech_classification": ("기술분류", "Technology classification"),
    "keywords": ("키워드", "Keywords"),
    "current_trl": ("현재 TRL", "Current TRL"),
    "target_trl": ("목표 TRL", "Target TRL"),
    "period_months": ("연구개발기간(개월)", "Period (months)"),
    "starts_on": ("시작일", "Start date"),
    "ends_on": ("종료일", "End date"),
}

# Eligibility self-check (자가진단): each statement must be confirmed.
ELIGIBILITY_QUESTIONS = [
    ("sme", "중소기업기본법상 중소기업입니다.", "The lead institution is an SME under the Framework Act."),
    ("no_sanction", "참여제한·미납 환수금·기술료 미납 등 제재가 없습니다.",
     "No participation restriction, unpaid recovery or royalties."),
    ("no_tax_arrears", "국세·지방세 체납이 없습니다.", "No national or local tax arrears."),
    ("no_insolvency", "파산·회생절차·휴폐업 상태가 아닙니다.",
     "Not in bankruptcy, rehabilitation, suspension or closure."),
    ("no_duplicate", "동일·유사 과제로 다른 지원을 받고 있지 않습니다.",
     "Not funded elsewhere for the same or a similar project."),
    ("true_documents", "제출 서류는 사실과 다르지 않습니다.", "The documents are true and complete."),
]  # fmt: skip

_GRADE_ORDER = {HospitalGrade.CLINIC: 1, HospitalGrade.GENERAL: 2, HospitalGrade.TERTIARY: 3}


APPLICATION_RELATED = ("call", "program", "lead_institution", "applicant", "pi")


def application_prefetches() -> list:
    """Rows of an application with the objects they point to, one query per relation."""
    return [
        "call__programs",
        Prefetch("institutions", queryset=ApplicationInstitution.objects.select_related(
            "institution")),
        Prefetch("researchers", queryset=ApplicationResearcher.objects.select_related(
            "researcher", "institution")),
        Prefetch("budget_items", queryset=BudgetItem.objects.select_related("institution")),
        "attachments",
    ]  # fmt: skip


def application_queryset():
    """Everything validation, digests and detail pages read, in a fixed number of queries.

    The lead institution's sites and hub tenancies are not prefetched: they are read only by the
    rules that need them (Seoul site without a Seoul tax office, hub tenancy), at most one query
    each, and only for one application at a time.
    """
    return Application.objects.select_related(*APPLICATION_RELATED).prefetch_related(
        *application_prefetches()
    )


def application_detail_queryset():
    """What the API's application detail shows (no call programmes, sites or tenancies)."""
    return Application.objects.select_related("program").prefetch_related(
        Prefetch("institutions", queryset=ApplicationInstitution.objects.select_related(
            "institution")),
        Prefetch("researchers", queryset=ApplicationResearcher.objects.select_related(
            "researcher")),
        "budget_items", "attachments",
    )  # fmt: skip


def months_between(start: dt.date, end: dt.date) -> int:
    """Calendar months covered by [start, end], e.g. 2023-10-01..2024-09-30 → 12."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    return months + (1 if end.day >= start.day else 0)


def application_period(app: Application) -> tuple[dt.date, dt.date]:
    if app.starts_on and app.ends_on and app.ends_on >= app.starts_on:
        return app.starts_on, app.ends_on
    start = app.starts_on or timezone.localdate(app.call.closes_at)
    return start, start + dt.timedelta(days=30 * (app.period_months or 12))


def validate_application(application: Application, *, moment=None) -> list[Problem]:
    """Return every problem of the application (empty list = it may be submitted)."""
    app = application
    problems: list[Problem] = []
    problems += _required(app)
    problems += _programme(app)
    problems += _period_and_trl(app)
    problems += _budget(app)
    problems += _consortium(app, moment=moment)
    problems += _researchers(app)
    problems += _forms(app)
    problems += _documents(app)
    return problems


def _required(app) -> list[Problem]:
    out = []
    for name, (ko, en) in REQUIRED_FIELDS.items():
        value = getattr(app, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            out.append(
                Problem("required", name, f"{josa(ko, '을')} 입력하십시오.", f"{en} is required.")
            )
    return out


def _programme(app) -> list[Problem]:
    from programs.domain.flows import program_tracks

    tracks = {t.code for t in program_tracks(program=app.program)} if app.program_id else set()
    if tracks and app.track not in tracks:  # a programme with tracks: the applicant chooses one
        return [Problem("track_required", "track", "공모 유형(트랙)을 선택하십시오.",
                        "Choose the track you apply to.")]  # fmt: skip
    if app.program_id not in {p.pk for p in app.call.programs.all()}:
        return [Problem("program_not_in_call", "program",
                        "선택한 단위사업은 이 공고에 포함되지 않습니다.",
                        "The chosen programme is not part of this call.")]  # fmt: skip
    return []


def _period_and_trl(app) -> list[Problem]:
    out, program = [], app.program
    max_months = caps_for(program=program, call=app.call).max_months  # 2024: multi-year caps
    if app.period_months and max_months and app.period_months > max_months:
        out.append(Problem(
            "period_too_long", "period_months",
            f"연구개발기간({app.period_months}개월)이 최대 {max_months}개월을 넘습니다.",
            f"The period ({app.period_months} months) exceeds the maximum of {max_months} months.",
        ))  # fmt: skip
    if app.starts_on and app.ends_on:
        if app.ends_on < app.starts_on:
            out.append(Problem("period_dates_order", "ends_on", "종료일이 시작일보다 빠릅니다.",
                               "The end date is before the start date."))  # fmt: skip
        elif app.period_months and months_between(app.starts_on, app.ends_on) > app.period_months:
            out.append(Problem(
                "period_dates_mismatch", "ends_on",
                "시작일~종료일이 연구개발기간(개월)보다 깁니다.",
                "The start and end dates cover more than the period in months.",
            ))  # fmt: skip
    for name in ("current_trl", "target_trl"):
        value = getattr(app, name)
        if value is not None and not 1 <= value <= 9:
            out.append(Problem("trl_range", name, "TRL은 1~9 사이여야 합니다.",
                               "TRL must be between 1 and 9."))  # fmt: skip
    if app.current_trl and program.min_trl and app.current_trl < program.min_trl:
        out.append(Problem(
            "trl_below_minimum", "current_trl",
            f"현재 TRL({app.current_trl})이 이 사업의 최소 TRL({program.min_trl})보다 낮습니다.",
            f"The current TRL ({app.current_trl}) is below this programme's minimum "
            f"({program.min_trl}).",
        ))  # fmt: skip
    if app.current_trl and app.target_trl and app.target_trl < app.current_trl:
        out.append(Problem("trl_target_below_current", "target_trl",
                           "목표 TRL이 현재 TRL보다 낮습니다.",
                           "The target TRL is below the current TRL."))  # fmt: skip
    return out


def _budget(app) -> list[Problem]:
    out: list[Problem] = []
    items = list(app.budget_items.all())
    if not items:
        return [Problem("budget_missing", "budget_items", "연구개발비를 입력하십시오.",
                        "Enter the budget.")]  # fmt: skip
    city = sum(i.city_krw for i in items)
    cash = sum(i.cash_krw for i in items)
    inkind = sum(i.inkind_krw for i in items)
    if (city, cash, inkind) != (
        app.city_grant_krw,
        app.institution_cash_krw,
        app.institution_inkind_krw,
    ):
        out.append(Problem(
            "budget_totals_mismatch", "budget_items",
            f"비목 합계({won(city + cash + inkind)}원)가 총액({won(app.total_krw)}원)과 다릅니다.",
            f"The cost categories ({won(city + cash + inkind)} KRW) do not sum to the totals "
            f"({won(app.total_krw)} KRW).",
        ))  # fmt: skip
    known = {app.lead_institution_id} | {r.institution_id for r in app.institutions.all()}
    years = -(-(app.period_months or 12) // 12)
    for item in items:
        if item.institution_id not in known:
            out.append(Problem("budget_institution_unknown", "budget_items",
                               f"{josa(str(item.institution), '은')} 참여기관이 아닙니다.",
                               f"{item.institution} is not an institution of this application."))  # fmt: skip
        if not 1 <= item.year <= years:
            out.append(Problem("budget_year_out_of_period", "budget_items",
                               f"{item.year}차년도는 연구개발기간 밖입니다.",
                               f"Year {item.year} lies outside the period."))  # fmt: skip
    company = sum(
        i.cash_krw + i.inkind_krw for i in items if i.institution.type == InstitutionType.COMPANY
    )
    out += check_matching(rule=app.program.matching_rule, city_krw=city, cash_krw=cash,
                          inkind_krw=inkind, company_share_krw=company)  # fmt: skip
    caps = caps_for(program=app.program, call=app.call)  # 2024: multi-year caps
    out += check_max_grant(city_krw=city, max_grant_krw=caps.max_total_krw)
    return out


def _consortium(app, *, moment=None) -> list[Problem]:
    rules = app.program.consortium or {}
    out: list[Problem] = []
    lead = app.lead_institution
    co = [r.institution for r in app.institutions.all() if r.role == InstitutionRole.CO]
    out += _unconfirmed(lead, co)
    out += demo_site_problems(app)  # 2024 free-call cooperation projects (rules 2024)
    partner_types = rules.get("partner_types")
    any_of = rules.get("required_any_of")  # R04: at least one university, hospital or institute
    if any_of and not any(i.type in any_of for i in co):
        kinds = ", ".join(any_of)
        out.append(Problem("consortium_required_type", "institutions",
                           f"공동연구개발기관 중 하나 이상은 {kinds} 유형이어야 합니다.",
                           f"At least one co-institution must be one of: {kinds}."))  # fmt: skip
    if rules.get("required"):
        partners = [i for i in co if not partner_types or i.type in partner_types]
        if not partners:
            kinds = ", ".join(partner_types or [])
            out.append(Problem("consortium_required", "institutions",
                               f"공동연구개발기관({kinds})이 반드시 참여해야 합니다.",
                               f"A co-institution ({kinds}) is required."))  # fmt: skip
    if rules.get("lead_types") and lead.type not in rules["lead_types"]:
        out.append(Problem("consortium_lead_type", "lead_institution",
                           "주관연구개발기관의 유형이 이 사업의 요건에 맞지 않습니다.",
                           "The lead institution's type is not allowed in this programme."))  # fmt: skip
    min_grade = rules.get("min_hospital_grade")
    if min_grade:
        for inst in [lead, *co]:
            if inst.type == InstitutionType.HOSPITAL and _GRADE_ORDER.get(
                inst.hospital_grade, 0
            ) < _GRADE_ORDER.get(min_grade, 0):
                out.append(Problem("consortium_hospital_grade", "institutions",
                                   f"{inst.name}: 종합병원 이상만 참여할 수 있습니다.",
                                   f"{inst.name}: only general hospitals or above may take part."))  # fmt: skip
    if rules.get("lead_in_seoul") and not (lead.seoul_tax_office or lead.has_seoul_site):
        out.append(Problem("consortium_lead_not_in_seoul", "lead_institution",
                           "주관연구개발기관의 본사 또는 지사가 서울에 있어야 합니다.",
                           "The lead institution needs a head office or branch in Seoul."))  # fmt: skip
    if rules.get("companies_incorporated"):
        for inst in [lead, *co]:
            if inst.type == InstitutionType.COMPANY and not inst.is_corporation:
                out.append(Problem("consortium_company_not_incorporated", "institutions",
                                   f"{inst.name}: 법인 기업만 참여할 수 있습니다.",
                                   f"{inst.name}: only incorporated companies may take part."))  # fmt: skip
    hub = rules.get("lead_hub")
    if hub:
        day = timezone.localdate(moment or app.call.closes_at)
        if not any(t.hub == hub and t.active_on(day) for t in lead.tenancies.all()):
            out.append(Problem("consortium_lead_hub", "lead_institution",
                               f"주관연구개발기관이 거점({hub})에 입주해 있어야 합니다.",
                               f"The lead institution must be located in the hub ({hub})."))  # fmt: skip
    return out


def _unconfirmed(lead, co) -> list[Problem]:
    """An institution registered through an invitation is named, but staff have not confirmed it
    (accounts.domain.co_institutions)."""
    out = []
    for inst in [lead, *co]:
        if inst.status == InstitutionStatus.PENDING:
            out.append(Problem("institution_unconfirmed", "institutions",
                               f"{inst.name}: 공동기관 확인 대기 중입니다. SBA 확인 후 제출할 수 있습니다.",
                               f"{inst.name}: co-institution awaiting confirmation by SBA staff."))  # fmt: skip
        elif inst.status == InstitutionStatus.REJECTED:
            out.append(Problem("institution_rejected", "institutions",
                               f"{inst.name}: 기관 등록이 반려되었습니다. 이 기관을 빼십시오.",
                               f"{inst.name}: the institution's registration was rejected; remove it."))  # fmt: skip
    return out


def _researchers(app) -> list[Problem]:
    rows = list(app.researchers.all())
    pis = [r for r in rows if r.role == ResearcherRole.PI]
    if len(pis) != 1:
        return [Problem("pi_count", "researchers",
                        "주관연구책임자를 한 명 지정하십시오.",
                        "Name exactly one principal investigator.")]  # fmt: skip
    start, end = application_period(app)
    others: dict[int, int] = {}
    for part in running_participations(app):
        if (
            part.starts_on <= end
            and part.ends_on >= start
            and part.project.application_id != app.pk
        ):
            others[part.researcher_id] = others.get(part.researcher_id, 0) + part.rate_pct
    out: list[Problem] = []
    for row in rows:
        out += check_participation(
            name=row.researcher.name, field=f"researchers.{row.researcher.researcher_no}",
            this_rate=row.rate_pct, other_rates=others.get(row.researcher_id, 0) or 0,
            is_pi=row.role == ResearcherRole.PI,
        )  # fmt: skip
    return out


def _forms(app) -> list[Problem]:
    out = []
    answers = app.eligibility_check or {}
    missing = [code for code, _ko, _en in ELIGIBILITY_QUESTIONS if answers.get(code) is not True]
    if missing:
        out.append(Problem("eligibility_check_incomplete", "eligibility_check",
                           "자가진단 항목을 모두 확인하십시오.",
                           "Confirm every item of the eligibility self-check."))  # fmt: skip
    if not app.privacy_consent:
        out.append(Problem("privacy_consent_required", "privacy_consent",
                           "개인정보 수집·이용에 동의해야 제출할 수 있습니다.",
                           "Consent to the use of personal data is required to submit."))  # fmt: skip
    return out


def _documents(app) -> list[Problem]:
    have = {a.doc_code for a in app.attachments.all()}
    out = []
    for doc in app.call.required_documents or []:
        if doc.get("required") and doc.get("code") not in have:
            out.append(Problem("document_missing", f"attachments.{doc.get('code')}",
                               f"필수 서류가 없습니다: {doc.get('name_ko')}",
                               f"Required document missing: {doc.get('name_en')}"))  # fmt: skip
    return out
