"""Pages of the crowdfunding tracks part for the a11y scenario and the page-label test."""

import datetime as dt

from django.utils import timezone


def crowdfunding_pages(applicant, staff, evaluator) -> dict[str, list[tuple[str, str]]]:
    from applications.domain import crowdfunding as cf
    from applications.domain import open_sessions as osd
    from tests.evaluation.factories import ApplicationFactory
    from tests.factories import CallFactory

    call = CallFactory(programs=["R01"], closed=True, title="2021년 중소기업 기술상용화 공고")
    funded = ApplicationFactory(call=call, track="crowdfunding", status="selected", applicant=applicant,
                                receipt_no="2021-R01-0900")  # fmt: skip
    presented = ApplicationFactory(
        call=call, track="open_evaluation", applicant=applicant, receipt_no="2021-R01-0901"
    )
    campaign, _ = cf.record_campaign(application=funded, actor=applicant, data={
        "platform": "wadiz", "url": "https://www.wadiz.kr/web/campaign/detail/1", "target_krw": "10000000",
        "raised_krw": "12000000", "backers": "240", "ends_on": "2021-08-31", "succeeded": True})  # fmt: skip
    start = timezone.now() + dt.timedelta(days=5)
    session = osd.schedule_session(call=call, title="1차 공개평가", starts_at=start, place="서울창업허브",
                                   track="open_evaluation", actor=staff)  # fmt: skip
    slot = osd.add_slot(session=session, application=presented, starts_at=start, actor=staff)
    osd.set_panel(session=session, evaluators=[evaluator], actor=staff)
    osd.publish_session(session=session, actor=staff)
    return {
        "applicant": [("track projects", "/crowdfunding/mine/"),
                      ("crowdfunding result", f"/crowdfunding/applications/{funded.pk}/"),
                      ("consultation feedback", f"/crowdfunding/applications/{presented.pk}/feedback/")],
        "staff": [("crowdfunding campaigns", "/crowdfunding/staff/campaigns/"),
                  ("crowdfunding campaign", f"/crowdfunding/staff/campaigns/{campaign.pk}/"),
                  ("open sessions", "/crowdfunding/staff/sessions/"),
                  ("open session", f"/crowdfunding/staff/sessions/{session.pk}/"),
                  ("call tracks", f"/staff/calls/{call.pk}/tracks/")],
        "evaluator": [("open evaluation panel", "/crowdfunding/panel/"),
                      ("consultation feedback form", f"/crowdfunding/panel/slots/{slot.pk}/")],
        "public": [("open evaluation agendas", "/crowdfunding/sessions/"),
                   ("open evaluation agenda", f"/crowdfunding/sessions/{session.pk}/agenda/")],
    }  # fmt: skip
