"""The inbox: one notice per event, the unread count, only the recipient reads, mail after commit."""

import pytest
from django.core import mail
from django.test import Client

from accounts.domain.audit import send_notice
from accounts.enums import Role
from accounts.models import Notice
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.races import needs_postgresql, race

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_same_event_twice_is_one_notice_and_one_mail(django_capture_on_commit_callbacks):
    user = UserFactory(email="pi@example.kr")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = send_notice(recipient=user, subject="접수 완료", body="b", link="/applications/",
                            event_key="application:1:submitted")  # fmt: skip
        again = send_notice(recipient=user, subject="접수 완료", body="b", link="/applications/",
                            event_key="application:1:submitted")  # fmt: skip
    assert first.pk == again.pk and Notice.objects.filter(recipient=user).count() == 1
    assert len(callbacks) == 1 and [m.subject for m in mail.outbox] == ["접수 완료"]
    # the same key for another person is that person's own notice
    other = send_notice(recipient=UserFactory(), subject="s", body="b",
                        event_key="application:1:submitted")  # fmt: skip
    assert other.pk != first.pk
    # without a key (the old signature) every call stores a notice
    send_notice(recipient=user, subject="s", body="b")
    send_notice(recipient=user, subject="s", body="b")
    assert Notice.objects.filter(recipient=user).count() == 3


@pytest.mark.django_db(transaction=True)
def test_two_writers_of_one_event_at_once_store_one_notice():
    needs_postgresql()
    user = UserFactory()
    outcomes = race(
        *[lambda: send_notice(recipient=user, subject="s", body="b", event_key="e:1")] * 3
    )
    assert all(exc is None for _value, exc in outcomes), outcomes
    assert len({value.pk for value, _exc in outcomes}) == 1
    assert Notice.objects.filter(recipient=user).count() == 1


def test_inbox_lists_own_notices_newest_first_with_unread_count():
    user = UserFactory()
    old = send_notice(recipient=user, subject="첫 번째 알림", body="b", event_key="a")
    send_notice(recipient=user, subject="두 번째 알림", body="b", event_key="b")
    send_notice(recipient=UserFactory(), subject="남의 알림", body="b")
    Notice.objects.filter(pk=old.pk).update(read_at=old.created_at)
    html = _signed_in(user).get("/accounts/inbox/").content.decode()
    assert html.index("두 번째 알림") < html.index("첫 번째 알림")
    assert "남의 알림" not in html
    assert html.count("inbox-item--unread") == 1
    assert '<span class="krds-badge bg-primary">1<span class="sr-only">' in html  # header
    assert "<title>내 알림 |" in html


def test_opening_marks_read_and_follows_the_link_in_the_reader_language():
    user = UserFactory()
    notice = send_notice(recipient=user, subject="s", body="b", link="/applications/#application-7")
    client = _signed_in(user)
    response = client.post(f"/en/accounts/inbox/{notice.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/en/applications/#application-7"
    notice.refresh_from_db()
    first_read = notice.read_at
    assert first_read is not None
    client.post(f"/accounts/inbox/{notice.pk}/open/")
    notice.refresh_from_db()
    assert notice.read_at == first_read  # read once
    assert client.get(f"/accounts/inbox/{notice.pk}/open/").status_code == 405  # POST only


def test_a_link_elsewhere_is_never_followed():
    user = UserFactory()
    notice = send_notice(recipient=user, subject="s", body="b", link="//evil.example/x")
    response = _signed_in(user).post(f"/accounts/inbox/{notice.pk}/open/")
    assert response["Location"] == "/accounts/inbox/"


def test_mark_all_read_and_api_count():
    user = UserFactory()
    for key in "abc":
        send_notice(recipient=user, subject=f"알림 {key}", body="b", event_key=key)
    api = client_for(user)
    body = api.get("/api/v1/notices/").json()
    assert body["unread"] == 3 and [n["subject"] for n in body["results"]][0] == "알림 c"
    assert set(body["results"][0]) == {"id", "subject", "body", "link", "created_at", "read_at"}
    response = _signed_in(user).post("/accounts/inbox/read-all/")
    assert response.status_code == 302
    assert api.get("/api/v1/notices/").json()["unread"] == 0
    html = _signed_in(user).get("/accounts/inbox/").content.decode()
    assert "inbox-item--unread" not in html and "inbox-read-all" not in html


@pytest.mark.parametrize(
    "role", [Role.APPLICANT, Role.EVALUATOR, Role.STAFF, Role.OFFICIAL, Role.OPERATOR]
)
def test_only_the_recipient_reads_or_opens_a_notice(role):
    owner = UserFactory(role=Role.APPLICANT)
    notice = send_notice(recipient=owner, subject="비공개 알림", body="b", link="/applications/")
    other = UserFactory(role=role)
    client = _signed_in(other)
    assert client.post(f"/accounts/inbox/{notice.pk}/open/").status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None
    client.post("/accounts/inbox/read-all/")
    notice.refresh_from_db()
    assert notice.read_at is None
    assert "비공개 알림" not in client.get("/accounts/inbox/").content.decode()
    assert client_for(other).get("/api/v1/notices/").json() == {"unread": 0, "results": []}


def test_signed_out_visitors_are_sent_to_sign_in():
    notice = send_notice(recipient=UserFactory(), subject="s", body="b")
    anonymous = Client()
    assert anonymous.get("/accounts/inbox/")["Location"].startswith("/accounts/login/")
    assert anonymous.post(f"/accounts/inbox/{notice.pk}/open/").status_code == 302
    assert anonymous.get("/api/v1/notices/").status_code in (401, 403)
    assert "portal-inbox" not in anonymous.get("/help/").content.decode()


def test_inbox_query_count_does_not_grow(django_assert_max_num_queries):
    user = UserFactory()
    client = _signed_in(user)
    send_notice(recipient=user, subject="s", body="b")
    with django_assert_max_num_queries(8) as few:
        assert client.get("/accounts/inbox/").status_code == 200
    for i in range(15):
        send_notice(recipient=user, subject=f"s{i}", body="b")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/accounts/inbox/").status_code == 200
