"""R02 global scale-up and R04 Hongneung rules (seed 000 Ⅳ-②, ④): global partner, institutional
investment, duplicate SBA application of the same year, a consortium that includes one of the
required partner types. Each rule reads the catalogue parameters it is given in Program.eligibility.

The claims and other applications are read per application (one query each): these rules serve
the two small programmes that select them, not the 10,000-application calls.
"""

from django.utils import timezone

from evaluation.screening.domain.rules.base import display, failed, passed, review, rule, won

DEFAULT_FOREIGN_TYPES = ("company", "university", "institute")
NOT_AN_APPLICATION = ("draft", "withdrawn")


def _partners(f) -> list:
    return [r.institution for r in f.institution_rows if r.institution_id != f.lead.pk]


@rule("global_partner", ko="글로벌 기업·대학·연구기관(해외) 협력기관 참여",
      en="A global partner (a foreign company, university or institute) takes part",
      clause="seed 000 Ⅳ-② 지원자격")  # fmt: skip
def global_partner(f, p):
    types = set(p.get("types") or DEFAULT_FOREIGN_TYPES)
    foreign = [i for i in _partners(f) if i.is_foreign and i.type in types]
    if foreign:
        names = ", ".join(f"{i.name}({i.country})" for i in foreign)
        return passed(f"해외 협력기관: {names}", f"global partner: {names}")
    return failed("해외 기업·대학·연구기관 협력기관 없음",
                  "no foreign company, university or institute among the partners")  # fmt: skip


def _claim(f, kind: str):
    from applications.models import ApplicationClaim

    return ApplicationClaim.objects.filter(application_id=f.app.pk, kind=kind).first()


@rule("institutional_investment", ko="기관투자 유치 금액(증빙)", en="Institutional investment attracted (with evidence)",
      clause="seed 000 Ⅳ-② 지원자격")  # fmt: skip
def institutional_investment(f, p):
    minimum = int(p.get("min_krw", 3_000_000_000))
    claim = _claim(f, "institutional_investment")
    if claim is None:
        return failed(f"기관투자 유치 실적 미기재(요건 {won(minimum)}원 이상)",
                      f"no institutional investment stated ({won(minimum)} KRW or more required)")  # fmt: skip
    figures_ko = f"기관투자 {won(claim.amount_krw)}원"
    figures_en = f"institutional investment {won(claim.amount_krw)} KRW"
    if claim.amount_krw < minimum:
        return failed(f"{figures_ko} < {won(minimum)}원", f"{figures_en} < {won(minimum)} KRW")
    if claim.evidence_id is None:
        return review(f"{figures_ko} ≥ {won(minimum)}원, 증빙 없음",
                      f"{figures_en} ≥ {won(minimum)} KRW, no evidence attached")  # fmt: skip
    if not claim.verified:
        return review(f"{figures_ko} ≥ {won(minimum)}원, 증빙 확인 필요",
                      f"{figures_en} ≥ {won(minimum)} KRW, evidence to be checked")  # fmt: skip
    return passed(f"{figures_ko} ≥ {won(minimum)}원(증빙 확인)",
                  f"{figures_en} ≥ {won(minimum)} KRW (evidence checked)")  # fmt: skip


def _year(moment) -> int:
    return timezone.localtime(moment).year


@rule("duplicate_sba_application", ko="같은 해 SBA R&D 타 공모 기신청 기업 중복 신청 제한",
      en="The company applied to another SBA R&D call of the same year",
      clause="seed 000 Ⅳ-② ※ 중복 신청 제한")  # fmt: skip
def duplicate_sba_application(f, p):
    from applications.models import Application

    year = _year(f.data.call.opens_at)
    others = (
        Application.objects.filter(lead_institution_id=f.lead.pk, call__opens_at__year=year)
        .exclude(call_id=f.data.call.pk)
        .exclude(status__in=NOT_AN_APPLICATION)
        .select_related("call")
        .order_by("pk")
    )
    # the year in Asia/Seoul: filter loosely by UTC year above, then check each one exactly
    clashes = [a for a in others if _year(a.call.opens_at) == year]
    if clashes:
        first = clashes[0]
        ko = (f"{year}년 SBA R&D 타 공모 '{first.call.title}'에 신청({first.receipt_no or first.pk})"
              f"{f' 외 {len(clashes) - 1}건' if len(clashes) > 1 else ''}: 중복 신청 제한")  # fmt: skip
        en = (f"already applied to another {year} SBA R&D call '{first.call.title_en or first.call.title}' "
              f"({first.receipt_no or first.pk})"
              f"{f' and {len(clashes) - 1} more' if len(clashes) > 1 else ''}: duplicate application")  # fmt: skip
        return failed(ko, en)
    return passed(
        f"{year}년 SBA R&D 타 공모 신청 없음", f"no other SBA R&D call applied to in {year}"
    )


@rule("consortium_required_type", ko="필수 협력기관 유형(대학·병원·연구소 중 하나 이상)",
      en="The consortium includes one of the required partner types",
      clause="seed 000 Ⅳ-④ 컨소시엄 필수")  # fmt: skip
def consortium_required_type(f, p):
    wanted = list(p.get("any_of") or ["university", "hospital", "institute"])
    found = [i for i in _partners(f) if i.type in wanted]
    if found:
        names = ", ".join(f"{i.name}({display(i, 'type')})" for i in found)
        return passed(f"필수 유형 협력기관: {names}", f"required partner type present: {names}")
    return failed(f"대학·병원·연구소 협력기관 없음(공동 {len(_partners(f))}개 기관)",
                  f"none of {', '.join(wanted)} among the {len(_partners(f))} partners")  # fmt: skip
