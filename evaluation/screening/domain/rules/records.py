"""Rules on past and running projects, obligations and sanctions (seed 002 §4 중복성, 의무사항)."""

from evaluation.screening.domain.rules.base import (
    add_months,
    add_years,
    failed,
    passed,
    review,
    rule,
)


def _running(projects, day):
    return [pr for pr in projects if pr.status == "running" and pr.ends_on >= day]


@rule("same_subprogramme_running", ko="동일 세부사업 수행 중(잔여기간 6개월 이내 예외)",
      en="Same sub-programme already running (unless ≤ 6 months left at the close date)",
      clause="seed 002 §4 중복성")  # fmt: skip
def same_subprogramme_running(f, p):
    months = int(p.get("months_left_exception", 6))
    horizon = add_months(f.close_on, months)
    seen = {}
    for pr in f.data.projects_by_lead.get(f.lead.pk, []) + f.data.projects_by_pi.get(
        f.app.pi_id, []
    ):
        seen[pr.pk] = pr
    same = [pr for pr in _running(seen.values(), f.close_on) if pr.program_id == f.app.program_id]
    blocking = sorted((pr for pr in same if pr.ends_on > horizon), key=lambda pr: pr.pk)
    if blocking:
        pr = blocking[0]
        return failed(f"동일 세부사업 '{pr.title}' 수행 중, 종료일 {pr.ends_on} > 접수마감일+{months}개월({horizon})",
                      f"'{pr.title}' of the same programme running until {pr.ends_on} > close date + "
                      f"{months} months ({horizon})")  # fmt: skip
    if same:
        pr = sorted(same, key=lambda pr: pr.pk)[0]
        return passed(f"'{pr.title}' 종료일 {pr.ends_on} ≤ {horizon}: 잔여기간 {months}개월 이내 예외",
                      f"'{pr.title}' ends {pr.ends_on} ≤ {horizon}: ≤ {months} months left (exception)")  # fmt: skip
    return passed("동일 세부사업 수행 과제 없음", "no running project of the same programme")


@rule("selection_count", ko="공고일 기준 3년 전까지 서울형 R&D 5회 선정 초과",
      en="More than 5 Seoul R&D selections in the 3 years before the call",
      clause="seed 002 §4 중복성, 기타")  # fmt: skip
def selection_count(f, p):
    max_n = int(p.get("max_selections", 5))
    years = int(p.get("years", 3))
    since = add_years(f.data.announced_on, -years)
    n = sum(
        1 for pr in f.data.projects_by_lead.get(f.lead.pk, [])
        if pr.is_seoul_rnd and since <= pr.selected_on < f.data.announced_on
    )  # fmt: skip
    ko = f"{since}~{f.data.announced_on} 선정 {n}회"
    en = f"{n} selections from {since} to {f.data.announced_on}"
    if n > max_n:
        return failed(f"{ko} > {max_n}회", f"{en} > {max_n}")
    return passed(f"{ko} ≤ {max_n}회", f"{en} ≤ {max_n}")


@rule("participation_rates", ko="연구책임자 참여율: 전체 100% 이하, 본 과제 30% 이상",
      en="Participation rates of the PI / co-PIs: ≤ 100 % overall, ≥ 30 % on this project",
      clause="seed 002 §4 인건비계상률")  # fmt: skip
def participation_rates(f, p):
    max_total = int(p.get("max_total", 100))
    min_pi = int(p.get("min_pi", 30))
    rows = {r.researcher_id: r for r in f.researcher_rows}
    problems_ko, problems_en, fine_ko, fine_en = [], [], [], []
    for rid in sorted(f.key_researcher_ids()):
        row = rows.get(rid)
        if row is None:
            return review(
                "연구책임자의 본 과제 참여율 미입력",
                "the PI's rate on this project is not on record",
            )
        name = row.researcher.name
        others = sum(pt.rate_pct for pt in f.data.participations.get(rid, []))
        total = others + row.rate_pct
        if total > max_total:
            problems_ko.append(
                f"{name} 총 {total}%(수행 중 {others}% + 본 과제 {row.rate_pct}%) > {max_total}%"
            )
            problems_en.append(
                f"{name} {total} % overall (running {others} % + this {row.rate_pct} %) > {max_total} %"
            )
        if row.role in ("pi", "co_pi") and row.rate_pct < min_pi:
            problems_ko.append(f"{name} 본 과제 {row.rate_pct}% < {min_pi}%")
            problems_en.append(f"{name} {row.rate_pct} % on this project < {min_pi} %")
        fine_ko.append(f"{name} 총 {total}%, 본 과제 {row.rate_pct}%")
        fine_en.append(f"{name} {total} % overall, {row.rate_pct} % on this project")
    if problems_ko:
        return failed("; ".join(problems_ko), "; ".join(problems_en))
    if not fine_ko:
        return review("연구책임자 정보 없음", "no PI on record")
    return passed("; ".join(fine_ko), "; ".join(fine_en))


@rule("concurrent_projects", ko="동시수행 과제 수 제한(책임 3개, 전체 5개)",
      en="Concurrent projects: at most 3 as lead researcher and 5 in all (this one included)",
      clause="seed 000 사전검토 (3책5공)")  # fmt: skip
def concurrent_projects(f, p):
    max_lead, max_total = int(p.get("max_lead", 3)), int(p.get("max_total", 5))
    pi = f.app.pi_id
    if not pi:
        return review("주관연구책임자 미지정", "no principal investigator on record")
    parts = f.data.participations.get(pi, [])
    lead = 1 + sum(1 for pt in parts if pt.project.pi_id == pi)
    total = 1 + len(parts)
    ko = f"본 과제 포함 책임 {lead}개 / 전체 {total}개 (한도 {max_lead}/{max_total})"
    en = f"with this one: {lead} as lead, {total} in all (limits {max_lead}/{max_total})"
    if lead > max_lead or total > max_total:
        return failed(ko, en)
    return passed(ko, en)


def _named(obligation) -> str:
    return f" [{obligation.description}]" if obligation.description else ""


@rule("unfulfilled_obligations", ko="의무사항 불이행(보고서, 기술료, 회수금, 제재부가금 등)",
      en="Unfulfilled obligations (reports, royalties, recoveries, penalties)",
      clause="seed 002 §4 의무사항")  # fmt: skip
def unfulfilled_obligations(f, p):
    items = []
    for iid in sorted(f.all_institution_ids()):
        items += f.data.obligations_inst.get(iid, [])
    for rid in sorted(f.key_researcher_ids()):
        items += [o for o in f.data.obligations_res.get(rid, []) if o not in items]
    if not items:
        return passed(f"접수마감일({f.close_on}) 현재 불이행 의무사항 없음",
                      f"no unfulfilled obligation at the close date {f.close_on}")  # fmt: skip
    # The description names the source, e.g. the bill number of a recovery or royalty bill.
    ko = ", ".join(f"{o.get_kind_display()}{_named(o)} 기한 {o.due_on}" for o in items)
    en = ", ".join(f"{o.kind}{_named(o)} due {o.due_on}" for o in items)
    return failed(f"불이행 {len(items)}건: {ko}", f"{len(items)} unfulfilled: {en}")


@rule("participation_restriction", ko="참여제한(제재) 기간 중", en="Active participation restriction",
      clause="seed 002 §4 의무사항")  # fmt: skip
def participation_restriction(f, p):
    items = []
    for iid in sorted(f.all_institution_ids()):
        items += f.data.sanctions_inst.get(iid, [])
    for rid in sorted(f.key_researcher_ids()):
        items += [s for s in f.data.sanctions_res.get(rid, []) if s not in items]
    if not items:
        return passed(
            "접수마감일 현재 참여제한 없음", "no participation restriction at the close date"
        )
    ko = ", ".join(f"{s.reason} ({s.starts_on}~{s.ends_on})" for s in items)
    return failed(f"참여제한 중: {ko}", f"restricted: {ko}")
