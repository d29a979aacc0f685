"""Call window boundaries (open inclusive, close exclusive, Asia/Seoul) and call creation by API."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from accounts.enums import Role
from programs.models import Call
from tests.conftest import client_for
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db
KST = ZoneInfo("Asia/Seoul")
UTC = dt.UTC


@pytest.fixture
def call_0814(catalogue):
    return CallFactory(
        programs=["INV"],
        opens_at=dt.datetime(2023, 7, 14, 10, 0, tzinfo=KST),
        closes_at=dt.datetime(2023, 8, 14, 16, 0, tzinfo=KST),
    )


def test_close_is_exclusive_at_16_kst(call_0814):
    assert call_0814.is_open_at(dt.datetime(2023, 8, 14, 15, 59, 59, tzinfo=KST))
    assert call_0814.is_open_at(dt.datetime(2023, 8, 14, 15, 59, 59, 999999, tzinfo=KST))
    assert not call_0814.is_open_at(dt.datetime(2023, 8, 14, 16, 0, 0, tzinfo=KST))
    # The same instant written in UTC.
    assert not call_0814.is_open_at(dt.datetime(2023, 8, 14, 7, 0, 0, tzinfo=UTC))
    assert call_0814.is_open_at(dt.datetime(2023, 8, 14, 6, 59, 59, tzinfo=UTC))


def test_open_is_inclusive(call_0814):
    assert call_0814.is_open_at(dt.datetime(2023, 7, 14, 10, 0, 0, tzinfo=KST))
    assert not call_0814.is_open_at(dt.datetime(2023, 7, 14, 9, 59, 59, tzinfo=KST))


def test_only_published_calls_are_open(call_0814):
    moment = dt.datetime(2023, 8, 1, 12, 0, tzinfo=KST)
    for status, expected in [("published", True), ("draft", False), ("closed", False)]:
        call_0814.status = status
        assert call_0814.is_open_at(moment) is expected, status


def _payload(**overrides) -> dict:
    data = {
        "title": "2023년 서울형 민간투자연계 기술사업화 지원사업(1차)",
        "title_en": "2023 investment-linked commercialisation R&D (1st round)",
        "programs": ["INV"],
        "opens_at": "2023-07-14T10:00:00+09:00",
        "closes_at": "2023-08-14T16:00:00+09:00",
        "slots": 10,
        "budget_envelope_krw": 4_000_000_000,
    }
    data.update(overrides)
    return data


def test_api_post_with_offsets_stores_the_right_instants(users, catalogue):
    staff = client_for(users[Role.STAFF])
    response = staff.post(
        "/api/v1/calls/",
        _payload(closes_at="2023-08-14T07:00:00Z"),  # = 16:00 KST
        format="json",
    )
    assert response.status_code == 201, response.content
    call = Call.objects.get(pk=response.json()["id"])
    assert call.opens_at == dt.datetime(2023, 7, 14, 1, 0, tzinfo=UTC)
    assert call.closes_at == dt.datetime(2023, 8, 14, 16, 0, tzinfo=KST)
    assert call.status == "published" and list(call.programs.values_list("code", flat=True)) == [
        "INV"
    ]
    assert response.json()["closes_at"] == "2023-08-14T16:00:00+09:00"
    assert not call.is_open_at(dt.datetime(2023, 8, 14, 16, 0, tzinfo=KST))


@pytest.mark.parametrize("key", ["opens_at", "closes_at"])
def test_api_post_without_offset_is_refused(users, catalogue, key):
    value = {"opens_at": "2023-07-14T10:00:00", "closes_at": "2023-08-14T16:00:00"}[key]
    response = client_for(users[Role.STAFF]).post(
        "/api/v1/calls/", _payload(**{key: value}), format="json"
    )
    assert response.status_code == 400
    assert key in response.json()
    assert not Call.objects.exists()


def test_api_post_close_before_open_is_refused(users, catalogue):
    response = client_for(users[Role.STAFF]).post(
        "/api/v1/calls/",
        _payload(opens_at="2023-08-14T16:00:00+09:00", closes_at="2023-08-14T15:00:00+09:00"),
        format="json",
    )
    assert response.status_code == 400
    assert "closes_at" in response.json()
    assert not Call.objects.exists()
