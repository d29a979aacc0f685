"""The beat schedules the migrations create, made sure of in tests that read them.

Live-server (transactional) tests flush every table at their end, the migrated ``PeriodicTask`` rows
included; on a reused test database a later run would then miss them. Tests that check a schedule
use the fixture below, which runs the migrations' own idempotent forward functions again.
"""

import importlib

import pytest
from django.apps import apps as global_apps

SCHEDULING_MIGRATIONS = [
    ("agreements.migrations.0004_guarantee", "schedule_daily_job"),
    ("agreements.migrations.0005_ledger", "schedule_gates_job"),
    ("agreements.migrations.0007_settlement", "schedule_obligations_job"),
    ("tracking.migrations.0003_reports", "schedule_job"),
]


def ensure_beat_schedules() -> None:
    for module_name, function_name in SCHEDULING_MIGRATIONS:
        getattr(importlib.import_module(module_name), function_name)(global_apps, None)


@pytest.fixture
def beat_schedules(db):
    ensure_beat_schedules()
