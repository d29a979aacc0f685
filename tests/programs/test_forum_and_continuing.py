"""R15's forum records against its budget line (seed 000 Ⅳ-⑮) and R04's continuing projects with an
annual evaluation between years (seed 000 Ⅳ-④, Ⅴ)."""

import datetime as dt

import pytest

from accounts.enums import Role
from agreements.domain.gates import gate_codes
from agreements.domain.rounds import open_round
from programs.domain.forum_records import (
    ForumRecordRefused,
    execution,
    forum_programs,
    record_forum,
)
from programs.models import Program
from tests.agreements.factories import agreement_for, selected_application
from tests.applications.factories import make_call
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_r15_records_show_executed_against_its_budget(catalogue):
    staff = UserFactory(role=Role.STAFF)
    r15 = Program.objects.get(code="R15")
    assert forum_programs() == [r15]
    before = execution(program=r15, year=2021)
    assert (before.budget_krw, before.executed_krw, before.rate_pct) == (64_000_000, 0, "0.0")
    record_forum(program=r15, year=2021, kind="mou", title="SBA-KSEA 업무협약",
                 counterpart="재미한인과학기술자협회(KSEA)", dated_on=dt.date(2021, 4, 1), actor=staff)  # fmt: skip
    record_forum(program=r15, year=2021, kind="event", title="UKC 2021 서울시 포럼",
                 counterpart="UKC 2021", dated_on=dt.date(2021, 7, 29), amount_krw=40_000_000,
                 actor=staff)  # fmt: skip
    record_forum(program=r15, year=2021, kind="expense", title="연구보고서 용역",
                 dated_on=dt.date(2021, 11, 30), amount_krw=8_000_000, actor=staff)  # fmt: skip
    after = execution(program=r15, year=2021)
    assert after.executed_krw == 48_000_000 and after.rate_pct == "75.0"
    assert after.counts == {"mou": 1, "event": 1, "report": 0, "expense": 1}


def test_forum_records_are_refused_for_project_programmes_and_bad_input(catalogue):
    staff = UserFactory(role=Role.STAFF)
    with pytest.raises(ForumRecordRefused):
        record_forum(program=Program.objects.get(code="R01"), year=2021, kind="mou", title="x",
                     dated_on=dt.date(2021, 1, 1), actor=staff)  # fmt: skip
    with pytest.raises(ForumRecordRefused):
        record_forum(program=Program.objects.get(code="R15"), year=2021, kind="mou", title="x",
                     dated_on=dt.date(2021, 1, 1), amount_krw=-1, actor=staff)  # fmt: skip


def test_r04_continuing_projects_get_an_annual_evaluation_before_year_two(catalogue):
    r04 = Program.objects.get(code="R04")
    assert r04.flow["continuing"]["annual_evaluation"] is True
    assert r04.stage("annual")["criteria"] and "previous_year_passed" in gate_codes(r04)
    app = selected_application(call=make_call(programs=("R04",)))
    agreement = agreement_for(app, years=2)
    rnd = open_round(
        agreement=agreement, stage="annual", year_no=1, actor=UserFactory(role=Role.STAFF)
    )
    assert rnd.year_no == 1 and rnd.stage == "annual"
