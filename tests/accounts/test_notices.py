"""Notices are stored at once and e-mailed by a Celery task after the commit."""

import pytest
from django.core import mail

from accounts.domain.audit import send_notice
from accounts.models import Notice
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_notice_is_mailed_only_after_commit(django_capture_on_commit_callbacks):
    user = UserFactory(email="pi@example.kr")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notice = send_notice(recipient=user, subject="접수 완료", body="신청서가 접수되었습니다.")
        assert Notice.objects.filter(pk=notice.pk).exists()
    assert mail.outbox == [] and len(callbacks) == 1  # nothing sent inside the transaction
    callbacks[0]()  # the commit queues the task (eager here: it runs now)
    assert [(m.subject, m.to) for m in mail.outbox] == [("접수 완료", ["pi@example.kr"])]
    assert mail.outbox[0].body == "신청서가 접수되었습니다."


def test_no_mail_without_an_address(django_capture_on_commit_callbacks):
    user = UserFactory(email="")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send_notice(recipient=user, subject="s", body="b")
    assert callbacks == [] and mail.outbox == []
    assert Notice.objects.filter(recipient=user).count() == 1
