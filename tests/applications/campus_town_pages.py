"""Campus-town matching pages of the a11y scenario (tests/e2e/a11y_scenario.py): a designation, an
accepted match with its joint plan, a proposed match awaiting answers, a chained agreement."""

from agreements.domain.chain import create_chained_agreement
from agreements.domain.creation import create_agreement
from applications.domain.matching import propose_match
from applications.enums import ApplicationStatus
from applications.models import Application
from tests.applications import campus_town_factories as ct


def campus_town_pages(staff) -> tuple[dict, dict]:
    """(users by scenario role, pages by scenario role) for the campus-town part."""
    designator = ct.designator(username="a11y-ct-designator")
    ct.designated(actor=designator)
    ct.r03_call()
    startup = ct.startup_user(username="a11y-ct-startup")
    expert = ct.expert(username="a11y-ct-expert", keywords="배터리, 센서")
    match = ct.accepted_match(startup=startup, expert_user=expert)
    plan = ct.joint_plan(match)
    waiting = propose_match(problem_id=ct.problem(startup, title="센서 보정").pk, expert=expert,
                            actor=startup)  # fmt: skip
    selected = ct.joint_plan(ct.accepted_match())
    Application.objects.filter(pk=selected.pk).update(status=ApplicationStatus.SELECTED)
    agreement = create_agreement(application=selected, actor=staff)
    create_chained_agreement(parent=agreement, actor=staff, amount_krw=50_000_000,
                             counterparty=selected.expert_match.expert.expert_profile.university)  # fmt: skip
    p = match.problem_id
    chain = f"/campus-town/agreements/{agreement.pk}/chain/"
    users = {"ct_startup": startup, "ct_expert": expert, "designator": designator}
    pages = {
        "ct_startup": [
            ("technical problems", "/campus-town/problems/"),
            ("post a technical problem", "/campus-town/problems/new/"),
            ("technical problem", f"/campus-town/problems/{waiting.problem_id}/"),
            ("expert pool search", "/campus-town/experts/?field=ai&q=배터리"),
            ("matches (startup)", "/campus-town/matches/"),
            ("accepted match (startup)", f"/campus-town/matches/{match.pk}/"),
            ("joint plan (startup)", f"/applications/{plan.pk}/"),
        ],
        "ct_expert": [
            ("matches (expert)", "/campus-town/matches/"),
            ("expert profile", "/campus-town/profile/"),
            ("match to answer", f"/campus-town/matches/{waiting.pk}/"),
            ("joint plan (expert)", f"/applications/{plan.pk}/"),
        ],
        "designator": [("policy designations (designator)", "/campus-town/designations/")],
        "intake_agency": [
            ("technical problem (intake agency)", f"/campus-town/problems/{p}/"),
            ("chained agreements (intake agency)", "/campus-town/agreements/"),
            ("agreement chain (intake agency)", chain),
        ],
        "staff": [
            ("campus-town matches (staff)", "/campus-town/matches/"),
            ("policy designations (staff)", "/campus-town/designations/"),
            ("agreement chain (staff)", chain),
        ],
        "official": [
            ("policy designations (official)", "/campus-town/designations/"),
            ("chained agreements (official)", "/campus-town/agreements/"),
        ],
    }  # fmt: skip
    return users, pages
