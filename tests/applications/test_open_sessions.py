"""R01 open-evaluation type: a session is scheduled, its agenda published (public page), the
public registers, and each panel member's feedback is delivered once to the applicant's hub."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from accounts.enums import Role
from accounts.models import Notice
from applications.domain import open_sessions as osd
from applications.interfaces.hub import hub_entries
from config.locking import AlreadyDecided
from tests.evaluation.factories import ApplicationFactory, EvaluatorFactory
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(catalogue, users):
    call = CallFactory(programs=["R01"], closed=True)
    app = ApplicationFactory(call=call, track="open_evaluation", receipt_no="2021-R01-0100")
    start = timezone.now() + dt.timedelta(days=3)
    s = osd.schedule_session(call=call, title="1차 공개평가", starts_at=start, place="SBA 서울창업허브",
                             track="open_evaluation", actor=users[Role.STAFF])  # fmt: skip
    osd.add_slot(session=s, application=app, starts_at=start, actor=users[Role.STAFF])
    return s


def test_publish_notifies_once_and_the_public_agenda_shows_it(session, users):
    anonymous = Client()
    assert anonymous.get(f"/crowdfunding/sessions/{session.pk}/agenda/").status_code == 404
    osd.publish_session(session=session, actor=users[Role.STAFF])
    with pytest.raises(AlreadyDecided):
        osd.publish_session(session=session, actor=users[Role.STAFF])
    slot = session.slots.get()
    assert (
        Notice.objects.filter(
            recipient=slot.application.applicant, event_key__startswith="open_session"
        ).count()
        == 1
    )
    page = anonymous.get(f"/crowdfunding/sessions/{session.pk}/agenda/")
    assert page.status_code == 200 and "SBA 서울창업허브" in page.content.decode()
    reg, created = osd.register(session=session, name="시민", email="Citizen@Example.com")
    again, created_again = osd.register(session=session, name="시민", email="citizen@example.com")
    assert (created, created_again, reg.pk) == (True, False, again.pk)


def test_feedback_is_delivered_once_to_the_applicants_hub(session, users):
    expert, outsider = EvaluatorFactory(), EvaluatorFactory()
    osd.set_panel(session=session, evaluators=[expert], actor=users[Role.STAFF])
    osd.publish_session(session=session, actor=users[Role.STAFF])
    slot = session.slots.select_related("application").get()
    with pytest.raises(AlreadyDecided):
        osd.submit_feedback(slot=slot, evaluator=outsider, text="외부인")
    osd.submit_feedback(slot=slot, evaluator=expert, text="시장 검증 계획을 구체화하세요.")
    with pytest.raises(AlreadyDecided):
        osd.submit_feedback(slot=slot, evaluator=expert, text="두 번째")
    applicant = slot.application.applicant
    assert (
        Notice.objects.filter(recipient=applicant, event_key__startswith="open_feedback").count()
        == 1
    )
    assert [f.text for f in osd.feedback_for(slot.application)] == [
        "시장 검증 계획을 구체화하세요."
    ]
    [entry] = hub_entries([slot.application], user=applicant)
    assert "feedback" in {link.kind for link in entry.links}
    page = Client()
    page.force_login(applicant)
    assert (
        "시장 검증 계획을"
        in page.get(f"/crowdfunding/applications/{slot.application_id}/feedback/").content.decode()
    )
