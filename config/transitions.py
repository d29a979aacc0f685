"""The one shape of a state change: check the table, save guarded, then audit and notify.

Each part keeps its own transition table, refusal (error class and ko/en or translated text),
audit action and notice; :class:`StateMachine` holds the part that was written out again and
again::

    MACHINE = StateMachine(
        model=Agreement, field="status", states=AgreementStatus, table=TRANSITIONS,
        refuse=lambda current, target: AgreementTransitionError(...),
        raced=("협약 상태가 방금 …", "The agreement's status was just changed …"),
    )

    with MACHINE.move(agreement, target, extra_fields=(...)) as previous:
        record_audit(...)  # same transaction as the update
        send_notice(...)

:meth:`StateMachine.move`:

1. refuses a move the table does not allow with the part's own error, before anything is written
   or assigned (outside any transaction block, so a caller's transaction stays usable);
2. assigns the new state (and the caller's ``assign`` attributes) on the instance;
3. inside ``transaction.atomic(savepoint=False)`` (the caller's transaction when there is one;
   ``savepoint=True`` for a part that wants its own savepoint),
   computes the values with ``field.pre_save(obj, add=False)`` (``auto_now`` fields too) and runs
   ``UPDATE … WHERE pk = <pk> AND <field> = <current>``: PostgreSQL re-checks the condition after
   waiting for a concurrent writer, so only one of two racing moves writes;
4. when no row was updated, puts the previous state back on the instance and raises
   :class:`config.locking.AlreadyDecided` with the part's ko/en text;
5. yields the previous state: the caller audits and notifies inside the same block.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from config.locking import AlreadyDecided


@dataclass(frozen=True)
class StateMachine:
    model: type[models.Model]
    field: str  # the state field, e.g. "status" or "step"
    states: Callable[[Any], Any]  # the enum (or str) a stored value is read as
    table: Mapping[Any, Collection[Any]]  # state → the states it may move to
    refuse: Callable[[Any, Any], Exception]  # (current, target) → the part's own refusal
    raced: tuple[str, str]  # ko/en text of AlreadyDecided when someone else moved first
    touch: tuple[str, ...] = field(default=("updated_at",))  # always saved (auto_now)
    # False: the caller's transaction is the unit (a refusal inside rolls the caller back); True:
    # a savepoint of its own, so a caller catching AlreadyDecided may go on in its transaction.
    savepoint: bool = False

    def allows(self, current: Any, target: Any) -> bool:
        return self.states(target) in self.table[self.states(current)]

    def check(self, current: Any, target: Any) -> None:
        """Raise the part's refusal when the table does not allow current → target."""
        if self.states(target) not in self.table[self.states(current)]:
            raise self.refuse(self.states(current), self.states(target))

    @contextmanager
    def move(
        self,
        obj: models.Model,
        target: Any,
        *,
        extra_fields: tuple[str, ...] = (),
        assign: Mapping[str, Any] | None = None,
    ) -> Iterator[Any]:
        """Check, assign, save guarded; yields the previous state inside the transaction block.

        ``assign``: further attributes set on the instance once the table allows the move and
        saved with it; ``extra_fields``: fields the caller already set, saved with it.
        """
        current = self.states(getattr(obj, self.field))
        target = self.states(target)
        self.check(current, target)
        setattr(obj, self.field, target)
        for name, value in (assign or {}).items():
            setattr(obj, name, value)
        names = dict.fromkeys((self.field, *(assign or {}), *self.touch, *extra_fields))
        with transaction.atomic(savepoint=self.savepoint):
            fields = [self.model._meta.get_field(name) for name in names]
            values = {f.attname: f.pre_save(obj, add=False) for f in fields}  # auto_now too
            guarded = {"pk": obj.pk, self.field: current}
            if not self.model._default_manager.filter(**guarded).update(**values):
                setattr(obj, self.field, current)
                raise AlreadyDecided(*self.raced)
            yield current
