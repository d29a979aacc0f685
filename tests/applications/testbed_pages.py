"""Testbed Seoul pages of the a11y scenario (tests/e2e/a11y_scenario.py): one proposal at each
role's step, a certified one for the public check, and the people of the new roles."""

from applications.models.testbed import TestbedStep as T
from tests.applications.testbed_factories import advance, make_testbed_world, propose, score_review


def testbed_pages(applicant, staff) -> tuple[dict, dict]:
    """(users by scenario role, pages by scenario role) for the testbed part."""
    w = make_testbed_world(prefix="a11y-tb")
    w["proposer"], w["staff"] = applicant, staff
    at_intake = propose(w)
    at_site = advance(w, propose(w, topic=False), to=T.SITE_OPINION)
    at_evaluation = advance(w, propose(w), to=T.DEMO_EVALUATION)
    certified = advance(w, propose(w), to=T.CERTIFIED)
    at_review = advance(w, propose(w), to=T.WRITTEN_REVIEW)
    score_review(w, at_review, totals=(70, 80, 90))  # the committee's result, not yet closed
    code = certified.certificate.code
    users = {"intake_agency": w["agency"], "demo_site": w["site_user"]}
    pages = {
        "public": [("testbed topics", "/testbed/"), ("certificate check", f"/verify/{code}/")],
        "applicant": [
            ("testbed proposals", "/testbed/mine/"), ("testbed propose", "/testbed/propose/"),
            ("testbed proposal (certified)", f"/testbed/proposals/{certified.pk}/"),
            ("testbed outcomes (company)", "/testbed/outcomes/"),
        ],
        "intake_agency": [
            ("testbed intake", "/testbed/intake/"),
            ("testbed requirements check", f"/testbed/proposals/{at_intake.pk}/"),
            ("testbed demand topics", "/testbed/topics/"),
            ("testbed written review", f"/testbed/proposals/{at_review.pk}/"),
            ("testbed review committees", "/testbed/committees/"),
        ],
        "demo_site": [
            ("site opinions", "/testbed/site/"),
            ("site opinion form", f"/testbed/proposals/{at_site.pk}/"),
        ],
        "staff": [
            ("testbed demonstrations", "/testbed/demonstrations/"),
            ("testbed demonstration evaluation", f"/testbed/proposals/{at_evaluation.pk}/"),
            ("testbed outcomes", "/testbed/outcomes/"),
        ],
    }  # fmt: skip
    return users, pages
