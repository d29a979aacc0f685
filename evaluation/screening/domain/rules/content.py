"""Rules on the plan itself: content, duplicates, TRL, consortium and budget (seed 000, 002)."""

from applications.domain.budget import check_matching, check_max_grant
from evaluation.screening.domain.rules.base import display, failed, passed, review, rule

HOSPITAL_RANK = {"": 0, "clinic": 1, "general": 2, "tertiary": 3}
PROHIBITED = [
    "유흥",
    "향락",
    "사행",
    "도박",
    "카지노",
    "성인용",
    "gambling",
    "casino",
    "adult entertainment",
]


def _text(app) -> str:
    return " ".join([app.title_ko, app.title_en, app.summary, app.objectives, app.content]).lower()


@rule("prohibited_content", ko="유흥·향락·사행산업 관련 내용", en="Entertainment, gambling or adult content",
      clause="seed 002 §4 기관 자격")  # fmt: skip
def prohibited_content(f, p):
    words = p.get("keywords") or PROHIBITED
    text = _text(f.app)
    hits = [w for w in words if w.lower() in text]
    if hits:
        found = ", ".join(hits)
        return review(
            f"금지 업종 관련 표현 발견: {found}", f"prohibited-business terms found: {found}"
        )
    return passed("금지 업종 관련 표현 없음", "no prohibited-business terms")


@rule("required_technology", ko="필수 활용 기술(드론·AI·블록체인 등)",
      en="Uses one of the required technologies", clause="seed 000 Ⅳ-⑩")  # fmt: skip
def required_technology(f, p):
    synonyms = {"drone": ["drone", "드론"], "ai": [" ai", "인공지능", "ai "],
                "blockchain": ["blockchain", "블록체인"]}  # fmt: skip
    text = f" {_text(f.app)} "
    found = [t for t in p.get("any_of", []) if any(s in text for s in synonyms.get(t, [t]))]
    wanted = ", ".join(p.get("any_of", []))
    team = getattr(f.app, "challenge_team", None)  # a challenge team declares its technologies
    if team is not None:
        return _declared_technology(team.technologies, p.get("any_of", []), found, wanted)
    if found:
        return passed(f"활용 기술: {', '.join(found)}", f"uses {', '.join(found)}")
    return review(
        f"필수 기술({wanted}) 언급 없음", f"none of the required technologies ({wanted}) mentioned"
    )


def _declared_technology(declared: list, wanted_codes: list, found: list, wanted: str):
    """A challenge team's declared technologies decide; the text must mention one of them."""
    hits = [t for t in declared if t in wanted_codes]
    listed = ", ".join(declared) or "-"
    if not hits:
        return failed(f"필수 기술({wanted}) 중 신고한 기술 없음(신고: {listed})",
                      f"declares none of the required technologies ({wanted}); declared: {listed}")  # fmt: skip
    mentioned = [t for t in hits if t in found]
    if mentioned:
        return passed(f"신고·제안서 기술: {', '.join(mentioned)}",
                      f"declares and describes {', '.join(mentioned)}")  # fmt: skip
    return review(f"신고 기술({', '.join(hits)})이 제안서 본문에 없음",
                  f"declares {', '.join(hits)} but the proposal text does not mention it")  # fmt: skip


@rule("duplicate_proposal", ko="기지원·기개발 과제와의 중복성", en="Duplicate of an earlier application or funded project",
      clause="seed 002 §4 중복성(과제)")  # fmt: skip
def duplicate_proposal(f, p):
    flags = f.data.duplicates.get(f.app.pk, [])
    threshold = f.data.duplicate_threshold
    if not flags:
        return passed(f"유사도 {threshold:.2f} 이상 중복 과제 없음",
                      f"no pair at or above the similarity threshold {threshold:.2f}")  # fmt: skip
    best = max(flags, key=lambda d: (d.similarity, d.other_key))
    if best.other_key.startswith("a:"):
        kind_ko, kind_en = "신청과제", "application"
        title = best.other_application.title_ko if best.other_application_id else ""
    else:
        kind_ko, kind_en = "지원과제", "funded project"
        title = best.other_project.title if best.other_project_id else ""
    ko = (f"유사 {kind_ko} #{best.other_key[2:]} '{title}' 유사도 {best.similarity:.2f} ≥ "
          f"{threshold:.2f} (중복 후보 {len(flags)}건)")  # fmt: skip
    en = (f"similar {kind_en} #{best.other_key[2:]} '{title}', similarity {best.similarity:.2f} ≥ "
          f"{threshold:.2f} ({len(flags)} candidates)")  # fmt: skip
    return review(ko, en)


@rule("trl_minimum", ko="사업별 최소 기술성숙도(TRL)", en="Programme TRL minimum",
      clause="seed 000 Ⅳ (per programme)")  # fmt: skip
def trl_minimum(f, p):
    minimum = p.get("min") or f.program.min_trl
    if not minimum:
        return passed("최소 TRL 요건 없음", "no TRL minimum")
    trl = f.app.current_trl
    if trl is None:
        return review(
            f"현재 TRL 미입력(요건 TRL {minimum} 이상)",
            f"current TRL not given (≥ {minimum} required)",
        )
    if trl >= minimum:
        return passed(f"현재 TRL {trl} ≥ {minimum}", f"current TRL {trl} ≥ {minimum}")
    return failed(f"현재 TRL {trl} < {minimum}", f"current TRL {trl} < {minimum}")


@rule("consortium", ko="컨소시엄 구성 요건", en="Consortium rules of the programme",
      clause="seed 000 Ⅳ (per programme)")  # fmt: skip
def consortium(f, p):
    spec = f.program.consortium or {}
    lead, rows = f.lead, f.institution_rows
    partners = [r.institution for r in rows if r.institution_id != lead.pk]
    ko, en = [], []
    if spec.get("lead_types") and lead.type not in spec["lead_types"]:
        ko.append(f"주관기관 유형 {display(lead, 'type')} 불가")
        en.append(f"lead type {lead.type} not allowed")
    if spec.get("required") and not partners:
        ko.append("공동연구개발기관 필수(없음)")
        en.append("a co-institution is required (none)")
    types = spec.get("partner_types")
    for inst in partners:
        if types and inst.type not in types:
            ko.append(f"{inst.name}: 참여 불가 유형({display(inst, 'type')})")
            en.append(f"{inst.name}: type {inst.type} not allowed")
        grade = spec.get("min_hospital_grade")
        if (
            grade
            and inst.type == "hospital"
            and HOSPITAL_RANK[inst.hospital_grade] < HOSPITAL_RANK[grade]
        ):
            ko.append(f"{inst.name}: 병원 등급 미달(종합병원 이상)")
            en.append(f"{inst.name}: hospital below {grade}")
    if spec.get("companies_incorporated"):
        for inst in [lead, *partners]:
            if inst.type == "company" and not inst.is_corporation:
                ko.append(f"{inst.name}: 법인 아님")
                en.append(f"{inst.name}: not incorporated")
    if ko:
        return failed("; ".join(ko), "; ".join(en))
    return passed(f"주관 {display(lead, 'type')}, 공동 {len(partners)}개 기관: 요건 충족",
                  f"lead {lead.type}, {len(partners)} co-institutions: rules met")  # fmt: skip


@rule("budget_rules", ko="사업비 한도·기간·매칭 비율", en="Budget limit, period and matching shares",
      clause="seed 002 §1 지원금액; seed 000 공통")  # fmt: skip
def budget_rules(f, p):
    app, prog = f.app, f.program
    problems = check_max_grant(city_krw=app.city_grant_krw, max_grant_krw=prog.max_grant_krw)
    problems += check_matching(
        rule=prog.matching_rule, city_krw=app.city_grant_krw, cash_krw=app.institution_cash_krw,
        inkind_krw=app.institution_inkind_krw,
    )  # fmt: skip
    ko = [pr.message_ko for pr in problems]
    en = [pr.message_en for pr in problems]
    if prog.max_period_months and app.period_months and app.period_months > prog.max_period_months:
        ko.append(f"연구기간 {app.period_months}개월 > {prog.max_period_months}개월")
        en.append(f"period {app.period_months} months > {prog.max_period_months}")
    if ko:
        return failed(" ".join(ko), " ".join(en))
    return passed(f"시지원 {app.city_grant_krw:,}원, 기관 현금 {app.institution_cash_krw:,}원, "
                  f"현물 {app.institution_inkind_krw:,}원: 한도·비율 충족",
                  f"city {app.city_grant_krw:,}, cash {app.institution_cash_krw:,}, in-kind "
                  f"{app.institution_inkind_krw:,} KRW: limits and shares met")  # fmt: skip
