"""Receipt times over the API are in KST (+09:00), as the pages show them."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.applications.factories import complete_application
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_submit_api_answers_submitted_at_in_kst(catalogue, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    app = complete_application()
    client = client_for(app.applicant)
    response = client.post(
        reverse("api-application-submit", args=[app.pk]), HTTP_IDEMPOTENCY_KEY="tz-1"
    )
    assert response.status_code == 200, response.json()
    submitted = response.json()["submitted_at"]
    assert submitted.endswith("+09:00"), submitted
    app.refresh_from_db()
    assert dt.datetime.fromisoformat(submitted) == app.submitted_at
    # The repeated submit (same receipt) and the detail answer alike.
    again = client.post(reverse("api-application-submit", args=[app.pk]))
    assert again.json()["submitted_at"] == submitted
    detail = client.get(reverse("api-application", args=[app.pk])).json()
    assert detail["submitted_at"] == submitted
