"""Per-track slots and envelopes for every tracked programme (R01, R07, R08, R09): the staff
tracks page, the ranking and committee pages per track (names, not codes), and an agreement
refused beyond its track's budget envelope."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.enums import Role
from agreements.domain.creation import CreationRefused, create_agreement
from evaluation.domain.track_ranking import track_envelope_refusal
from evaluation.models import StageResult
from tests.agreements.factories import agreement_for, selected_application
from tests.applications.factories import applicant_with_institution
from tests.evaluation.factories import ApplicationFactory
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db
M = 1_000_000


@pytest.fixture
def staff(users):
    client = Client()
    client.force_login(users[Role.STAFF])
    return client


def test_staff_set_each_tracks_slots_and_envelope_for_any_tracked_programme(catalogue, staff):
    expected = {"R01": "crowdfunding", "R07": "fashion_it", "R08": "opportunity", "R09": "academic"}
    for code, track in expected.items():
        call = CallFactory(programs=[code])
        url = f"/staff/calls/{call.pk}/tracks/"
        assert 'id="call-tracks-form"' in staff.get(url).content.decode(), code
        response = staff.post(url, {f"{track}-slots": "3", f"{track}-envelope_krw": "150000000"})
        assert response.status_code == 302, code
        call.refresh_from_db()
        assert {"code": track, "slots": 3, "envelope_krw": 150 * M} in call.flow["tracks"], code
    refused = staff.post(url, {f"{track}-slots": "-1"})  # kept input, error next to the field
    assert refused.status_code == 200 and 'aria-invalid="true"' in refused.content.decode()
    # the tracks share the call: their own envelopes may not add up to more than the call's
    over = staff.post(
        url, {f"{track}-slots": "2", f"{track}-envelope_krw": str(call.budget_envelope_krw + 1)}
    )
    html = over.content.decode()
    assert over.status_code == 200 and f'id="id_{track}-envelope_krw_error"' in html
    assert "공고의 예산" in html and f'value="{call.budget_envelope_krw + 1}"' in html
    call.refresh_from_db()
    assert {"code": track, "slots": 3, "envelope_krw": 150 * M} in call.flow["tracks"]  # unchanged
    plain = CallFactory(programs=["INV"])
    assert 'id="no-tracks"' in staff.get(f"/staff/calls/{plain.pk}/tracks/").content.decode()


def test_ranking_and_committee_pages_group_by_track_with_each_tracks_figures(catalogue, staff):
    call = CallFactory(programs=["R07"], slots=7, budget_envelope_krw=2_100 * M, closed=True)
    call.flow = {"tracks": [{"code": "district_innovation", "slots": 4, "envelope_krw": 1_200 * M}]}
    call.save()
    rows = [("fashion_it", 1), ("district_innovation", 1), ("district_innovation", 2)]
    for track, rank in rows:
        app = ApplicationFactory(call=call, track=track)
        StageResult.objects.create(call=call, application=app, stage="presentation", method="trimmed_mean",
                                   rank=rank, advances=True)  # fmt: skip
    html = staff.get(f"/evaluation/calls/{call.pk}/ranking/presentation/").content.decode()
    assert 'id="ranking-tracks"' in html and "동대문 상권 혁신" in html and "1,200,000,000" in html
    # fashion_it has no slots of its own: the call's 7 and 2.1 billion, said so
    assert html.count("패션·IT 융합") >= 2 and "2,100,000,000" in html
    names = [
        n
        for n in ("동대문 상권 혁신", "패션·IT 융합")
        for _ in range(html.count(f'"track-name">{n}<'))
    ]
    assert names == [
        "동대문 상권 혁신",
        "동대문 상권 혁신",
        "패션·IT 융합",
    ]  # grouped, catalogue order
    html = staff.get(f"/evaluation/calls/{call.pk}/committee/").content.decode()
    assert 'id="decision-tracks"' in html and ">district_innovation<" not in html
    counts = []
    for _more in range(2):  # the track names cost no query per row
        with CaptureQueriesContext(connection) as ctx:
            staff.get(f"/evaluation/calls/{call.pk}/ranking/presentation/")
            staff.get(f"/evaluation/calls/{call.pk}/committee/")
        counts.append(len(ctx.captured_queries))
        for rank in (3, 4):
            app = ApplicationFactory(call=call, track="district_innovation")
            StageResult.objects.create(call=call, application=app, stage="presentation", method="trimmed_mean",
                                       rank=rank + _more * 2, advances=True)  # fmt: skip
    assert counts[0] == counts[1], counts


def test_an_agreement_beyond_its_tracks_envelope_is_refused(catalogue, users):
    call = CallFactory(programs=["R07"], budget_envelope_krw=2_100 * M)
    call.flow = {"tracks": [{"code": "district_innovation", "slots": 2, "envelope_krw": 300 * M}]}
    call.save()

    def selected(track, city_krw):
        applicant = applicant_with_institution()
        budget = [{"year": 1, "institution": applicant.institution, "category": "personnel",
                   "city_krw": city_krw, "cash_krw": 0, "inkind_krw": 0}]  # fmt: skip
        return selected_application(applicant=applicant, call=call, attach=False, track=track,
                                    budget_items=budget)  # fmt: skip

    agreement_for(selected("district_innovation", 200 * M), city_grant_per_year_krw=200 * M)
    with pytest.raises(CreationRefused) as refused:  # refused before anything is written
        create_agreement(
            application=selected("district_innovation", 150 * M), actor=users[Role.STAFF]
        )
    assert refused.value.code == "track_envelope" and "동대문 상권 혁신" in refused.value.message_ko
    assert "300,000,000" in refused.value.message_en
    # the other track has its own envelope (the call's, as the call gives it none)
    assert track_envelope_refusal(call=call, track_code="fashion_it", amount_krw=2_100 * M) is None
    assert (
        track_envelope_refusal(call=call, track_code="district_innovation", amount_krw=100 * M)
        is None
    )
