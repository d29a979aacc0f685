"""One call taken through screening, two evaluation stages, committee, publication and an objection,
plus a draft in an open call: every staff, evaluator and applicant page has something to show.

``build_scenario()`` returns the URLs each role can open (Korean paths; the English ones are the same
paths under ``/en``). Used by tests/e2e/test_a11y_pages.py (axe-core, titles, raw codes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from accounts.enums import Role
from accounts.models import Researcher
from applications.domain.submission import submit_application
from evaluation.domain.committees import auto_assign
from evaluation.domain.decisions import (
    decide_candidate,
    file_objection,
    publish_results,
    record_site_check,
)
from evaluation.domain.results import compute_stage_results
from evaluation.models import StageResult
from evaluation.screening.domain.runs import process_run, start_run
from tests.applications.factories import applicant_with_institution, complete_application, make_call
from tests.evaluation.factories import ApplicationFactory, committee_with_members, score_all
from tests.factories import CallFactory, UserFactory
from tests.screening.factories import call_2023, eligible_application, operator

LEVELS = [[25, 25, 25, 20], [22, 22, 22, 22], [20, 20, 20, 20], [18, 18, 18, 16], [10, 10, 10, 10]]


@dataclass
class Scenario:
    users: dict = field(default_factory=dict)  # role name -> user
    pages: dict = field(default_factory=dict)  # role name -> [(name, path)]


def build_scenario(users) -> Scenario:
    staff = users[Role.STAFF]
    applicant = applicant_with_institution(username="a11y-applicant")
    open_call = make_call()
    sent = complete_application(applicant=applicant, call=make_call())
    # complete_application gives the applicant a new researcher record each time (one per user)
    Researcher.objects.filter(user=applicant).update(user=None)
    draft = complete_application(applicant=applicant, call=open_call)
    submit_application(application_id=sent.pk, actor=applicant)

    # screening: pass, fail, needs review (shown with its override form)
    s_call = call_2023()
    s_apps = [eligible_application(call=s_call) for _ in range(3)]
    s_apps[1].lead_institution.recommendations.update(company_share_pct=50)
    s_apps[2].lead_institution.credit_statuses.all().delete()
    run = start_run(call=s_call, actor=staff)
    process_run(run_id=run.pk)
    review = run.results.get(application=s_apps[2])

    # evaluation: a closed call, document and presentation stages, committee, publication
    call = CallFactory(slots=2, budget_envelope_krw=1_000_000_000, closed=True)
    apps = [ApplicationFactory(call=call) for _ in range(4)]
    apps.append(ApplicationFactory(call=call, applicant=applicant))
    doc = committee_with_members(call, n=5, actor=staff)
    doc.evaluators_per_application = 3
    doc.save()
    auto_assign(committee=doc, applications=apps, actor=staff)
    for i, app in enumerate(apps):
        score_all(doc, app, [LEVELS[i]] * 3)
    compute_stage_results(call=call, stage="document", actor=staff)
    pres = committee_with_members(call, n=3, stage="presentation", actor=staff)
    advancing = [
        r.application
        for r in StageResult.objects.filter(call=call, stage="document", advances=True)
        .select_related("application")
        .order_by("rank")
    ]
    auto_assign(committee=pres, applications=advancing, actor=staff)
    for i, app in enumerate(advancing):
        score_all(pres, app, [LEVELS[i]] * 3)
    compute_stage_results(call=call, stage="presentation", actor=staff)
    priority = list(
        StageResult.objects.filter(call=call, stage="presentation", advances=True).order_by("rank")
    )
    first = priority[0].application
    record_site_check(application=first, actor=staff, result="pass",
                      checked_on=dt.date(2023, 9, 10), researchers_ok=True, facilities_ok=True,
                      infrastructure_ok=True, notes="연구시설 확인")  # fmt: skip
    for order, result in enumerate(priority, start=1):
        decide_candidate(application=result.application, selected=True, order=order,
                         reason="발표평가 순위", actor=staff)  # fmt: skip
    publish_results(call=call, actor=staff)
    mine = apps[-1]  # the applicant's own, not selected (40 points)
    objection = file_objection(
        application=mine, stage="document", text="점수 산정 이의", actor=applicant
    )
    # an evaluator of the document committee, with a signed pledge and a submitted sheet
    member = doc.members.select_related("evaluator").first()
    evaluator = member.evaluator
    assignment = evaluator.assignments.filter(stage="document").first()
    # a second, unsigned committee for the pledge page
    pending = committee_with_members(call, n=1, stage="presentation", actor=staff, sign=False)
    pledge_member = pending.members.get()
    extra = pledge_member.evaluator

    operator_user = users[Role.OPERATOR]
    operator_user.operator = operator()
    operator_user.save()

    c, a = call.pk, assignment.application_id
    pages = {
        "public": [
            ("home", "/"), ("calls", "/calls/"), ("call detail", f"/calls/{open_call.pk}/"),
            ("notices", "/notices/"), ("help", "/help/"), ("login", "/accounts/login/"),
            ("sign-up", "/accounts/signup/"), ("password reset", "/accounts/password/reset/"),
        ],
        "applicant": [
            ("my applications", "/applications/"),
            ("plan form", f"/applications/{draft.pk}/"),
            ("receipt", f"/applications/{sent.pk}/receipt/"),
            ("withdraw", f"/applications/{sent.pk}/withdraw/"),
            ("result", f"/evaluation/applications/{mine.pk}/result/"),
            ("dossier (own)", f"/evaluation/applications/{sent.pk}/dossier/"),
            ("institution", "/accounts/institution/"),
            ("inbox", "/accounts/inbox/"),
        ],
        "evaluator": [
            ("my assignments", "/evaluation/my/"),
            ("score sheet + dossier", f"/evaluation/assignments/{assignment.pk}/"),
            ("dossier", f"/evaluation/applications/{a}/dossier/"),
            ("recuse", f"/evaluation/assignments/{assignment.pk}/recuse/"),
            ("inbox", "/accounts/inbox/"),
        ],
        "evaluator2": [
            ("pledge", f"/evaluation/members/{pledge_member.pk}/pledge/"),
        ],
        "staff": [
            ("staff home", "/staff/"),
            ("screening calls", "/screening/"),
            ("screening call", f"/screening/calls/{s_call.pk}/"),
            ("screening run", f"/screening/runs/{run.pk}/"),
            ("duplicates", f"/screening/runs/{run.pk}/duplicates/"),
            ("screening result", f"/screening/applications/{s_apps[2].pk}/"),
            ("override", f"/screening/results/{review.pk}/override/"),
            ("evaluation call", f"/evaluation/calls/{c}/"),
            ("committee", f"/evaluation/committees/{doc.pk}/"),
            ("conflicts", f"/evaluation/calls/{c}/coi/"),
            ("ranking document", f"/evaluation/calls/{c}/ranking/document/"),
            ("ranking presentation", f"/evaluation/calls/{c}/ranking/presentation/"),
            ("what-if", f"/evaluation/calls/{c}/what-if/document/"),
            ("committee decisions", f"/evaluation/calls/{c}/committee/"),
            ("objections", f"/evaluation/calls/{c}/objections/"),
            ("objection review", f"/evaluation/objections/{objection.pk}/"),
            ("site check", f"/evaluation/applications/{first.pk}/site-check/"),
            ("site check (new)", f"/evaluation/applications/{priority[1].application_id}/site-check/"),
            ("dossier (staff)", f"/evaluation/applications/{a}/dossier/"),
            ("applications of a call", f"/applications/calls/{open_call.pk}/"),
            ("admin index", "/admin/"),
        ],
        "official": [("budget dashboard", "/dashboard/budget/?year=2021")],
        "operator": [("recommendations", "/operator/recommendations/")],
    }  # fmt: skip
    # money dashboard (money_dash): a 2025 R04 call with one funded project and its ledger rows
    from tests.tracking.money_dash_helpers import funded
    from tests.tracking.money_dash_helpers import make_call as money_call

    m_call = money_call(codes=("R04",), year=2025)
    m_project = funded(m_call)
    pages["official"] += [
        ("money dashboard", "/dashboard/money/?year=2025"),
        ("money dashboard field", "/dashboard/money/?year=2025&field=cluster"),
        ("money dashboard programme", "/dashboard/money/programs/R04/?year=2025"),
        ("money dashboard call", f"/dashboard/money/calls/{m_call.pk}/?year=2025"),
        ("money dashboard project", f"/dashboard/money/projects/{m_project.pk}/?year=2025"),
        ("outcome reports (official)", "/tracking/reports/"),
    ]
    pages["public"] += [("open data", "/open-data/")]
    # outcomes dashboard (outcomes_dash): the printed record and one accepted outcome report
    from tests.tracking.outcomes_helpers import tracked_report, with_history

    with_history()
    tracked_report(program="R04", covers_year=2026, sales_krw=1_500_000_000, hires_research=2)
    pages["official"] += [
        ("outcomes dashboard", "/tracking/outcomes/?from=2005&to=2030"),
        ("outcomes dashboard (programme)", "/tracking/outcomes/?to=2030&program=R04"),
    ]
    pages["staff"] += [("outcomes dashboard", "/tracking/outcomes/")]
    # rules 2024 (rules_2024): Tech Partners, follow-on selection and R15 forum records
    from programs.domain.tech_partners import propose_matches
    from tests.programs.rules_2024_helpers import (
        need_of,
        partner_with_user,
        r01_call,
        scored_agreement,
    )

    tp_partner, tp_user, tp_staff = partner_with_user()
    scored_agreement(r01_call(), "90")
    propose_matches(need=need_of(tp_partner, tp_staff), actor=tp_staff)
    pages.setdefault("partner", []).append(("tech partners (partner)", "/tech-partners/"))
    # a self-signed-up partner account registers its company (size class) before its needs
    new_partner = UserFactory(username="a11y-new-partner", role=Role.PARTNER)
    pages["partner_new"] = [("tech partners company registration", "/tech-partners/register/")]
    pages["public"].append(("partner sign-up", "/accounts/signup/partner/"))
    pages["applicant"] += [("tech partners matches", "/tech-partners/matches/"),
                           ("facts with evidence", "/applications/claims/")]  # fmt: skip
    pages["staff"] += [
        ("tech partners (staff)", "/tech-partners/staff/"),
        ("follow-on selection", "/follow-on/?program=R01&year=2026"),
        ("forum records", "/forum-records/?year=2021"),
    ]
    pages["official"] += [("follow-on (official)", "/follow-on/?program=R01&year=2026"),
                          ("forum records (official)", "/forum-records/?year=2021")]  # fmt: skip
    # challenges (challenges): R10 tiers, R09 contests with the ballot and a prize, the applicant's team
    from tests.evaluation.challenge_helpers import challenge_pages

    for role, extra_pages in challenge_pages(applicant, staff).items():
        pages[role] += extra_pages
    # testbed (testbed): proposals at the intake agency's, the site's and SBA's steps, a certificate
    from tests.applications.testbed_pages import testbed_pages

    tb_users, tb_pages = testbed_pages(applicant, staff)
    for role, extra_pages in tb_pages.items():
        pages.setdefault(role, []).extend(extra_pages)
    # campus town (campus_town): designation, matches, joint plan, chained agreements
    from tests.applications.campus_town_pages import campus_town_pages

    ct_users, ct_pages = campus_town_pages(staff)
    for role, extra_pages in ct_pages.items():
        pages.setdefault(role, []).extend(extra_pages)
    # national matching (national_matching): R16 commitment letters, the INV adequacy committee
    from tests.agreements.national_matching_pages import national_matching_pages

    nm_users, nm_pages = national_matching_pages(applicant, staff, users)
    for role, extra_pages in nm_pages.items():
        pages.setdefault(role, []).extend(extra_pages)
    # crowdfunding tracks (crowdfunding_tracks): R01 campaign, fraud checks, open-evaluation session
    from tests.applications.crowdfunding_pages import crowdfunding_pages

    for role, extra_pages in crowdfunding_pages(applicant, staff, evaluator).items():
        pages.setdefault(role, []).extend(extra_pages)
    return Scenario(
        users={
            "public": None, "applicant": applicant, "evaluator": evaluator, "evaluator2": extra,
            "staff": staff, "official": users[Role.OFFICIAL], "operator": operator_user,
            **tb_users,
            **ct_users,
            **nm_users,
            "partner": tp_user,
            "partner_new": new_partner,
        },
        pages=pages,
    )  # fmt: skip
