"""The national-matching (R16) and adequacy-committee (INV) pages with something to show, for the
a11y scenario (tests/e2e/a11y_scenario.py) and the title/raw-code checks."""

from agreements.domain.national_matching import decide_request
from agreements.domain.national_years import record_national_selection, record_national_year
from evaluation.domain.adequacy import (
    add_member,
    decide,
    open_committee,
    record_opinion,
    sign_pledge,
)
from tests.agreements.national_matching_helpers import a_request, r16_call
from tests.evaluation.factories import ApplicationFactory, EvaluatorFactory
from tests.factories import CallFactory


def national_matching_pages(applicant, staff, users) -> tuple[dict, dict]:
    """(extra users by role key, pages by role key) — the applicant owns the requests."""
    call = r16_call()
    pending = a_request(applicant=applicant, call=call)
    approved = a_request(applicant=applicant, call=call)
    decide_request(request_id=approved.pk, approve=True, reasons="사업성·효과성 적정", actor=staff)
    selected = a_request(applicant=applicant, call=call)
    decide_request(request_id=selected.pk, approve=True, reasons="적정", actor=staff)
    record_national_selection(request_id=selected.pk, selected=True, actor=staff)
    record_national_year(request_id=selected.pk, year_no=2, result="reduced",
                         national_grant_krw=1_000_000_000, actor=staff)  # fmt: skip
    letter = type(approved).objects.get(pk=approved.pk).letter_code

    inv = CallFactory(closed=True, flow={"round": 2}, title="2023 민간투자연계 2차")
    apps = [ApplicationFactory(call=inv) for _ in range(3)]
    committee = open_committee(call=inv, actor=staff)
    member = EvaluatorFactory(username="a11y-adequacy-member")
    seat = sign_pledge(
        seat=add_member(committee=committee, member=member, actor=staff), actor=member
    )
    record_opinion(
        seat=seat, application=apps[0], result="adequate", reasons="투자계약 적정", actor=member
    )
    decide(committee=committee, application_id=apps[1].pk, result="not_adequate",
           reasons="추천 절차 부적정", actor=staff)  # fmt: skip
    unsigned = EvaluatorFactory(username="a11y-adequacy-unsigned")
    add_member(committee=committee, member=unsigned, actor=staff)

    detail = "/national-matching/requests/{}/"
    pages = {
        "applicant": [
            ("matching requests", "/national-matching/requests/"),
            ("matching request (new)", "/national-matching/requests/new/"),
            ("matching request (pending)", detail.format(pending.pk)),
            ("matching request (selected)", detail.format(selected.pk)),
        ],
        "staff": [
            ("matching requests (staff)", "/national-matching/requests/"),
            ("matching decision", detail.format(pending.pk)),
            ("national selection", detail.format(approved.pk)),
            ("national annual result", detail.format(selected.pk)),
            ("adequacy committees", "/investment/adequacy/"),
            ("adequacy committee", f"/investment/adequacy/calls/{inv.pk}/"),
        ],
        "official": [
            ("matching requests (official)", "/national-matching/requests/"),
            ("adequacy committee (official)", f"/investment/adequacy/calls/{inv.pk}/"),
        ],
        "public": [("commitment letter check", f"/verify/{letter}/")],
        "adequacy_member": [
            ("my adequacy reviews", "/investment/adequacy/mine/"),
            (
                "adequacy opinion",
                f"/investment/adequacy/seats/{seat.pk}/applications/{apps[0].pk}/",
            ),
        ],
        "adequacy_unsigned": [("adequacy pledge", "/investment/adequacy/mine/")],
    }
    return {"adequacy_member": member, "adequacy_unsigned": unsigned}, pages
