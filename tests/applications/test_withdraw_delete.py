"""Drafts can be deleted; a submitted application can be withdrawn (with a reason) until the
screening result is released or the evaluation starts. Role × URL; one decision per double POST."""

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from accounts.models import AuditEntry
from applications.domain.withdrawal import delete_draft, withdraw_application
from applications.enums import ApplicationStatus
from applications.models import Application, Attachment
from config.locking import AlreadyDecided
from evaluation.screening.models import ScreeningResult, ScreeningRun
from tests.evaluation.factories import ApplicationFactory
from tests.factories import CallFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def owner(db):
    return UserFactory(username="t-owner", role=Role.APPLICANT)


@pytest.fixture
def draft(catalogue, owner, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call = CallFactory(closes_at=timezone.now() + dt.timedelta(days=5))
    app = ApplicationFactory(call=call, applicant=owner, status="draft", title_ko="지울 과제",
                              receipt_no="")  # fmt: skip
    att = Attachment(application=app, doc_code="plan", original_name="plan.pdf",
                     content_type_detected="pdf", size=8, sha256="0" * 64)  # fmt: skip
    att.file.save("plan.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return app


@pytest.fixture
def submitted(catalogue, owner):
    now = timezone.now()
    call = CallFactory(closes_at=now + dt.timedelta(days=5))
    return ApplicationFactory(call=call, applicant=owner, status="submitted", submitted_at=now,
                              receipt_no="2026-INV-0001", title_ko="철회할 과제")  # fmt: skip


# ---------------------------------------------------------------- role × URL


@pytest.mark.parametrize(
    ("who", "delete_status", "withdraw_get", "withdraw_post"),
    [("anonymous", 302, 302, 302), ("other_applicant", 404, 404, 404),
     ("staff", 403, 403, 403), ("evaluator", 403, 403, 403), ("official", 403, 403, 403),
     ("operator", 403, 403, 403)],
)  # fmt: skip
def test_role_by_url(draft, submitted, users, who, delete_status, withdraw_get, withdraw_post):
    people = {"other_applicant": UserFactory(username="t-stranger", role=Role.APPLICANT),
              "staff": users[Role.STAFF], "evaluator": users[Role.EVALUATOR],
              "official": users[Role.OFFICIAL], "operator": users[Role.OPERATOR]}  # fmt: skip
    c = Client() if who == "anonymous" else _client(people[who])
    r = c.post(reverse("applications:delete", args=[draft.pk]))
    assert r.status_code == delete_status
    assert c.get(reverse("applications:withdraw", args=[submitted.pk])).status_code == withdraw_get
    r = c.post(reverse("applications:withdraw", args=[submitted.pk]), {"reason": "x"})
    assert r.status_code == withdraw_post
    assert Application.objects.filter(pk=draft.pk).exists()
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.SUBMITTED
    # GET never deletes
    assert c.get(reverse("applications:delete", args=[draft.pk])).status_code in (
        302,
        403,
        404,
        405,
    )


# ---------------------------------------------------------------- delete


def test_owner_deletes_a_draft_with_its_files_after_confirmation(
    draft, owner, django_capture_on_commit_callbacks
):
    c = _client(owner)
    hub = c.get(reverse("applications:mine")).content.decode()
    form = re.search(rf'<form[^>]*action="/applications/{draft.pk}/delete/"[^>]*>', hub).group(0)
    assert "data-confirm=" in form and "data-submit-once" in form
    path = draft.attachments.get().file.path
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(reverse("applications:delete", args=[draft.pk]))
    assert r.status_code == 302 and r["Location"].endswith(reverse("applications:mine"))
    assert not Application.objects.filter(pk=draft.pk).exists()
    assert not Attachment.objects.filter(application_id=draft.pk).exists()
    import os

    assert not os.path.exists(path)
    entry = AuditEntry.objects.get(action="application.draft_deleted", object_id=str(draft.pk))
    assert entry.actor == owner and entry.before["title_ko"] == "지울 과제"
    # a second POST (double click) is a clear refusal, not a 500
    again = c.post(reverse("applications:delete", args=[draft.pk]))
    assert again.status_code == 404


def test_a_submitted_application_cannot_be_deleted(submitted, owner):
    with pytest.raises(AlreadyDecided) as exc:
        delete_draft(application_id=submitted.pk, actor=owner)
    assert "철회" in exc.value.message_ko and "withdrawn" in exc.value.message_en
    r = _client(owner).post(reverse("applications:delete", args=[submitted.pk]))
    assert r.status_code == 302
    assert Application.objects.filter(pk=submitted.pk).exists()
    hub = _client(owner).get(reverse("applications:mine")).content.decode()
    assert f"/applications/{submitted.pk}/delete/" not in hub


# ---------------------------------------------------------------- withdraw


def test_withdraw_with_a_reason_goes_through_the_state_function(submitted, owner):
    c = _client(owner)
    hub = c.get(reverse("applications:mine")).content.decode()
    assert f'href="/applications/{submitted.pk}/withdraw/"' in hub
    page = c.get(reverse("applications:withdraw", args=[submitted.pk])).content.decode()
    form = re.search(r'<form[^>]*id="withdraw-form"[^>]*>', page).group(0)
    assert "data-confirm=" in form
    assert 'aria-required="true"' in page and "(필수)" in page
    assert "철회 사유" in page and "<title>신청 철회" in page
    empty = c.post(reverse("applications:withdraw", args=[submitted.pk]), {"reason": "  "})
    assert empty.status_code == 400 and "철회 사유를 입력하십시오." in empty.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.SUBMITTED
    r = c.post(reverse("applications:withdraw", args=[submitted.pk]), {"reason": "참여기관 사정"})
    assert r.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.WITHDRAWN
    entry = AuditEntry.objects.get(action="application.status", object_id=str(submitted.pk))
    assert entry.after == {"status": "withdrawn"} and entry.reason == "참여기관 사정"
    assert entry.actor == owner
    hub = c.get(reverse("applications:mine")).content.decode()
    assert f"/applications/{submitted.pk}/withdraw/" not in hub


def test_double_post_gives_one_decision(submitted, owner):
    c = _client(owner)
    url = reverse("applications:withdraw", args=[submitted.pk])
    first = c.post(url, {"reason": "사유"})
    second = c.post(url, {"reason": "사유"})
    assert first.status_code == 302
    assert second.status_code == 409 and "이미 철회된 신청입니다." in second.content.decode()
    assert AuditEntry.objects.filter(action="application.status",
                                     object_id=str(submitted.pk)).count() == 1  # fmt: skip
    from accounts.models import Notice

    assert Notice.objects.filter(recipient=owner).count() == 1


def test_withdrawal_refused_once_screening_is_released(submitted, owner, users):
    run = ScreeningRun.objects.create(call=submitted.call, status="done")
    ScreeningResult.objects.create(run=run, application=submitted, outcome="pass", rules=[])
    c = _client(owner)
    url = reverse("applications:withdraw", args=[submitted.pk])
    assert 'id="withdraw-form"' in c.get(url).content.decode()  # not released yet: allowed
    run.released_at = timezone.now()
    run.released_by = users[Role.STAFF]
    run.save()
    page = c.get(url).content.decode()
    assert 'id="withdraw-form"' not in page
    assert "사전검토(요건검토) 결과가 이미 공개되어 철회할 수 없습니다." in page
    assert "screening result has already been released" in page
    r = c.post(url, {"reason": "사유"})
    assert r.status_code == 409
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.SUBMITTED
    hub = c.get(reverse("applications:mine")).content.decode()
    assert f"/applications/{submitted.pk}/withdraw/" not in hub


@pytest.mark.parametrize("status", ["in_evaluation", "selected", "not_selected", "screened_out"])
def test_withdrawal_refused_once_evaluation_started(catalogue, owner, status):
    app = ApplicationFactory(
        call=CallFactory(), applicant=owner, status=status, submitted_at=timezone.now()
    )
    with pytest.raises(Exception) as exc:
        withdraw_application(application_id=app.pk, actor=owner, reason="사유")
    assert "평가가 이미 시작되어" in exc.value.message_ko
    assert "Evaluation has already started" in exc.value.message_en
    app.refresh_from_db()
    assert app.status == status


def test_withdrawal_refused_for_a_draft_and_for_another_user(draft, submitted, users):
    with pytest.raises(Exception) as exc:
        withdraw_application(application_id=draft.pk, actor=draft.applicant, reason="사유")
    assert exc.value.code == "not_submitted"
    with pytest.raises(Exception) as exc:
        withdraw_application(application_id=submitted.pk, actor=users[Role.STAFF], reason="사유")
    assert exc.value.code == "not_owner"
    with pytest.raises(Exception) as exc:
        withdraw_application(application_id=submitted.pk, actor=submitted.applicant,
                             reason="가" * 1001)  # fmt: skip
    assert exc.value.code == "reason_too_long"
