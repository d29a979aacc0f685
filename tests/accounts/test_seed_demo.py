"""seed_demo: five demo users with the demo password; refused when DEBUG is off."""

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from accounts.enums import Role
from accounts.models import User
from programs.models import Call

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_seed_demo_creates_the_five_users(catalogue):
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    demo = {u.username: u for u in User.objects.filter(username__startswith="demo-")}
    assert {u: demo[u].role for u in demo} == {
        "demo-staff": Role.STAFF,
        "demo-applicant": Role.APPLICANT,
        "demo-evaluator": Role.EVALUATOR,
        "demo-official": Role.OFFICIAL,
        "demo-operator": Role.OPERATOR,
    }
    assert all(u.check_password(settings.DEMO_PASSWORD) for u in demo.values())
    assert demo["demo-applicant"].institution.business_no == "1248100998"
    assert demo["demo-staff"].is_staff and not demo["demo-official"].is_staff
    assert Call.objects.filter(title__startswith="[데모]").count() == 4
    # the tracked programmes' demo calls give each track its own slots and envelope
    from evaluation.domain.track_ranking import tracks_of_call

    for code in ("R01", "R07"):
        tracks = tracks_of_call(Call.objects.get(title__startswith="[데모]", programs__code=code))
        assert len(tracks) == 2 and all(t.slots and t.envelope_krw for t in tracks.values())


@override_settings(DEBUG=False)
def test_seed_demo_refused_without_debug(catalogue):
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.filter(username__startswith="demo-").exists()
