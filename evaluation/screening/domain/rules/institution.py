"""Rules on the lead institution: location, SME, firm age, team size, hub tenancy (seed 002 §2)."""

from evaluation.screening.domain.rules.base import (
    add_years,
    failed,
    full_years,
    passed,
    review,
    rule,
)


@rule("seoul_location", ko="서울 소재(본점·지점 또는 서울 관할 세무서 사업자등록)",
      en="Located in Seoul (head office or branch, or registered with a Seoul tax office)",
      clause="seed 002 §2 주관연구개발기관의 자격")  # fmt: skip
def seoul_location(f, p):
    sites = f.data.sites.get(f.lead.pk, [])
    seoul = [s for s in sites if s.in_seoul]
    if seoul:
        site = sorted(seoul, key=lambda s: s.kind != "hq")[0]
        kind_ko = "본점" if site.kind == "hq" else "지점"
        kind_en = "head office" if site.kind == "hq" else "branch"
        return passed(f"{kind_ko} 서울 소재({site.district or site.address})",
                      f"{kind_en} in Seoul ({site.district or site.address})")  # fmt: skip
    if f.lead.seoul_tax_office:
        return passed("서울 소재 관할 세무서에 사업자등록", "registered with a Seoul tax office")
    return failed(f"서울 소재 본점·지점 없음(등록 사업장 {len(sites)}곳), 서울 관할 세무서 등록 아님",
                  f"no head office or branch in Seoul ({len(sites)} sites on record) and not "
                  "registered with a Seoul tax office")  # fmt: skip


@rule("sme", ko="중소기업기본법상 중소기업", en="SME under the Framework Act on SMEs",
      clause="seed 002 §2, §4 기관 자격")  # fmt: skip
def sme(f, p):
    not_sme = [f.lead] if not f.lead.is_sme else []
    for row in f.institution_rows:
        inst = row.institution
        if inst.pk != f.lead.pk and inst.type == "company" and not inst.is_sme:
            not_sme.append(inst)
    if not_sme:
        names = ", ".join(i.name for i in not_sme)
        return failed(f"중소기업 범위 초과: {names}", f"not an SME: {names}")
    return passed(f"{f.lead.name}: 중소기업", f"{f.lead.name}: SME")


@rule("firm_age", ko="업력 제한(접수마감일 기준, 법인설립등기일부터)",
      en="Firm age limit (at the close date, from the incorporation registration date)",
      clause="seed 002 §1 지원대상, §2")  # fmt: skip
def firm_age(f, p):
    max_years = p.get("max_years") or f.program.max_firm_age_years
    born = f.lead.incorporated_on
    if not max_years:
        return passed("업력 제한 없음", "no firm-age limit")
    if born is None:
        return review("법인설립등기일 미등록", "incorporation registration date not on record")
    limit = add_years(born, max_years)
    age = full_years(born, f.close_on)
    figures_ko = f"설립등기일 {born}, 접수마감일 {f.close_on} 기준 만 {age}년"
    figures_en = f"incorporated {born}, {age} full years at the close date {f.close_on}"
    if f.close_on < limit:
        return passed(f"{figures_ko} < {max_years}년", f"{figures_en} < {max_years} years")
    return failed(f"{figures_ko} ≥ {max_years}년 ({limit}부터 초과)",
                  f"{figures_en} ≥ {max_years} years (limit reached on {limit})")  # fmt: skip


@rule("min_participants", ko="과제 참여인력 2인 이상", en="At least 2 people on the project",
      clause="seed 002 §2")  # fmt: skip
def min_participants(f, p):
    minimum = int(p.get("min", 2))
    ids = {r.researcher_id for r in f.researcher_rows}
    if f.app.pi_id:
        ids.add(f.app.pi_id)
    n = len(ids)
    team = getattr(f.app, "challenge_team", None)  # a challenge team counts its members
    if team is not None:
        n = max(n, team.members.count())
    if n >= minimum:
        return passed(f"참여인력 {n}명 ≥ {minimum}명", f"{n} participants ≥ {minimum}")
    return failed(f"참여인력 {n}명 < {minimum}명", f"{n} participants < {minimum}")


@rule("hub_tenant", ko="거점(입주) 요건", en="Located in the programme's hub",
      clause="seed 000 Ⅳ (per programme)")  # fmt: skip
def hub_tenant(f, p):
    hubs = set(p.get("hubs", []))
    active = [
        t for t in f.data.tenancies.get(f.lead.pk, []) if t.hub in hubs and t.active_on(f.close_on)
    ]
    if active:
        t = active[0]
        return passed(
            f"{t.get_hub_display()} 입주({t.starts_on}~)", f"tenant of {t.hub} since {t.starts_on}"
        )
    wanted = ", ".join(sorted(hubs))
    return failed(f"접수마감일({f.close_on}) 기준 입주 기록 없음: {wanted}",
                  f"no tenancy in {wanted} at the close date {f.close_on}")  # fmt: skip
