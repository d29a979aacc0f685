"""Records of a non-project programme (R15 재외한인과학자 학술포럼, seed 000 Ⅳ-⑮): MOUs with
associations, forum events, the research report and budget execution, so its budget line shows
what was executed against what was budgeted. Which programmes keep such records is flow data
(``Program.flow["forum_records"]``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Sum

from accounts.domain.audit import record_audit
from config.locking import AlreadyDecided
from programs.domain.flows import flow_value
from programs.models import BudgetLine, ForumRecord, Program
from programs.models.rules_2024 import ForumRecordKind

MILLION = 1_000_000


class ForumRecordRefused(AlreadyDecided):
    status_code = 422


def forum_programs():
    """Programmes whose flow says they keep forum records (catalogue order)."""
    return [
        p for p in Program.objects.order_by("order") if flow_value(program=p, key="forum_records")
    ]


def record_forum(
    *, program: Program, year: int, kind: str, title: str, dated_on: dt.date, actor,
    counterpart: str = "", amount_krw: int = 0, note: str = "",
) -> ForumRecord:  # fmt: skip
    if not flow_value(program=program, key="forum_records"):
        raise ForumRecordRefused("이 사업은 포럼 기록 대상이 아닙니다.",
                                 "This programme keeps no forum records.", code="program")  # fmt: skip
    if kind not in ForumRecordKind.values:
        raise ForumRecordRefused("구분을 선택하십시오.", "Choose a kind.", code="kind")
    if amount_krw < 0:
        raise ForumRecordRefused("금액은 0원 이상이어야 합니다.", "The amount cannot be negative.",
                                 code="amount")  # fmt: skip
    with transaction.atomic():
        record = ForumRecord.objects.create(
            program=program, year=year, kind=kind, title=title.strip()[:200],
            counterpart=counterpart.strip()[:200], dated_on=dated_on, amount_krw=amount_krw,
            note=note.strip(), recorded_by=actor,
        )  # fmt: skip
        record_audit(actor=actor, action="forum.record", target=record,
                     after={"kind": kind, "year": year, "amount_krw": amount_krw})  # fmt: skip
    return record


@dataclass(frozen=True)
class Execution:
    year: int
    budget_krw: int | None
    executed_krw: int
    counts: dict

    @property
    def rate_pct(self) -> str | None:
        if not self.budget_krw:
            return None
        return f"{self.executed_krw * 100 / self.budget_krw:.1f}"


def execution(*, program: Program, year: int) -> Execution:
    """Budget (the programme's budget line of the year, million KRW as printed) vs executed (the
    sum of the year's records), with the number of records of each kind. Three queries."""
    line = BudgetLine.objects.filter(program=program, year=year, kind="programme").first()
    records = ForumRecord.objects.filter(program=program, year=year)
    executed = records.aggregate(s=Sum("amount_krw"))["s"] or 0
    counts = {k: 0 for k in ForumRecordKind.values}
    for kind in records.values_list("kind", flat=True):
        counts[kind] += 1
    budget = line.amount_million_krw * MILLION if line is not None else None
    return Execution(year, budget, executed, counts)
