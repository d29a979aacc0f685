"""config.transitions.StateMachine: table refusal, guarded update race, auto_now (one cheap row)."""

import dataclasses
import datetime as dt

import pytest
from django.db import transaction

from accounts.models import Announcement
from config.locking import AlreadyDecided
from config.transitions import StateMachine


class Refused(Exception):
    pass


MACHINE = StateMachine(
    model=Announcement, field="is_published", states=bool,
    table={False: {True}, True: set()},
    refuse=lambda current, target: Refused(f"{current}->{target}"),
    raced=("방금 바뀌었습니다.", "Just changed."),
)  # fmt: skip


@pytest.fixture
def notice(db):
    row = Announcement.objects.create(title="공지", body="본문")
    Announcement.objects.filter(pk=row.pk).update(updated_at=row.updated_at - dt.timedelta(days=1))
    row.refresh_from_db()
    return row


def test_table_refusal_writes_nothing(notice):
    notice.is_published = True
    Announcement.objects.filter(pk=notice.pk).update(is_published=True)
    with pytest.raises(Refused, match="True->False"):
        with MACHINE.move(notice, False):
            pytest.fail("the body must not run")
    assert notice.is_published is True
    assert MACHINE.allows(False, True) and not MACHINE.allows(True, False)


def test_move_saves_state_auto_now_and_assigned_fields(notice):
    before = notice.updated_at
    with MACHINE.move(notice, True, assign={"title": "새 제목"}) as previous:
        assert previous is False
        assert transaction.get_connection().in_atomic_block
    notice.refresh_from_db()
    assert notice.is_published is True and notice.title == "새 제목"
    assert notice.updated_at > before


def test_race_raises_already_decided_and_restores_state(notice):
    before = notice.updated_at
    Announcement.objects.filter(pk=notice.pk).update(is_published=True)  # someone else first
    with pytest.raises(AlreadyDecided) as refused, transaction.atomic():  # a caller's block
        with MACHINE.move(notice, True):
            pytest.fail("the body must not run")
    assert (refused.value.message_ko, refused.value.message_en) == MACHINE.raced
    assert notice.is_published is False  # the instance is as it was
    notice.refresh_from_db()
    assert notice.updated_at == before


def test_race_in_own_savepoint_leaves_the_callers_transaction_usable(notice):
    Announcement.objects.filter(pk=notice.pk).update(is_published=True)
    with pytest.raises(AlreadyDecided):
        with dataclasses.replace(MACHINE, savepoint=True).move(notice, True):
            pytest.fail("the body must not run")
    assert Announcement.objects.filter(pk=notice.pk, is_published=True).exists()
