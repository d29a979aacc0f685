"""Builders of the money-dashboard tests: calls of a programme in a year, N funded projects each with
its application, agreement and one ledger row of every kind (rows written directly: the flows that
write them are tested in tests/agreements)."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from accounts.enums import Role
from agreements.enums import AgreementStatus, LedgerKind
from agreements.models import Agreement, LedgerEntry
from applications.enums import ApplicationStatus
from applications.models import Application
from programs.models import Call, Program
from tests.factories import InstitutionFactory, UserFactory

SEOUL = dt.timezone(dt.timedelta(hours=9))
KIND_AMOUNTS = {kind: 1_000_000 * (i + 1) for i, kind in enumerate(LedgerKind.values)}
_seq = itertools.count(1)


@dataclass
class World:
    calls: list = field(default_factory=list)
    agreements: list = field(default_factory=list)


def make_call(*, codes=("R04",), year=2025, slots=4, envelope=2_000_000_000) -> Call:
    call = Call.objects.create(
        title=f"{year}년 {'·'.join(codes)} 공고 {next(_seq)}", opens_at=dt.datetime(year, 3, 2, 9, tzinfo=SEOUL),
        closes_at=dt.datetime(year, 4, 1, 16, tzinfo=SEOUL), slots=slots,
        budget_envelope_krw=envelope, status="closed",
    )  # fmt: skip
    call.programs.set(Program.objects.filter(code__in=codes))
    return call


def funded(call: Call, *, code="R04", status=AgreementStatus.ACTIVE, grant=300_000_000,
           fiscal_year=2025, ledger=True) -> Agreement:  # fmt: skip
    n = next(_seq)
    institution = InstitutionFactory(name=f"주식회사 머니{n}")
    user = UserFactory(username=f"money-pi-{n}", role=Role.APPLICANT, institution=institution)
    program = Program.objects.get(code=code)
    app = Application.objects.create(
        call=call, program=program, lead_institution=institution, applicant=user,
        title_ko=f"과제 {n}", title_en=f"Project {n}", status=ApplicationStatus.SELECTED,
        submitted_at=call.opens_at + dt.timedelta(days=3), city_grant_krw=grant + 1,
    )  # fmt: skip
    agreement = Agreement.objects.create(
        application=app, program=program, lead_institution=institution, status=status,
        selection_notified_on=dt.date(call.opens_at.year, 6, 1),
        guarantee_due_on=dt.date(call.opens_at.year, 7, 1),
        starts_on=dt.date(call.opens_at.year, 7, 1), ends_on=dt.date(call.opens_at.year + 1, 6, 30),
        city_grant_krw=grant, verify_code=f"M{n:09d}",
    )  # fmt: skip
    if ledger:
        LedgerEntry.objects.bulk_create([
            LedgerEntry(agreement=agreement, call=call, application=app, program=program,
                        fiscal_year=fiscal_year, year_no=1,
                        kind=kind, amount_krw=amount, institution=institution,
                        occurred_on=dt.date(fiscal_year, 8, 1), reference="test")
            for kind, amount in KIND_AMOUNTS.items()
        ])  # fmt: skip
    return agreement


def not_selected(call: Call, *, code="R04", grant=100_000_000) -> Application:
    n = next(_seq)
    institution = InstitutionFactory(name=f"주식회사 탈락{n}")
    user = UserFactory(username=f"money-out-{n}", role=Role.APPLICANT, institution=institution)
    return Application.objects.create(
        call=call, program=Program.objects.get(code=code), lead_institution=institution,
        applicant=user, title_ko=f"미선정 {n}", status=ApplicationStatus.NOT_SELECTED,
        submitted_at=call.opens_at + dt.timedelta(days=3), city_grant_krw=grant,
    )  # fmt: skip


def world(n_projects: int = 2) -> World:
    """R04 (field of R04) calls of 2025 with n funded projects and one unsuccessful application;
    an R05 call; a 2024 R04 call with a project paid in fiscal 2025."""
    w = World()
    call = make_call(codes=("R04",))
    w.calls.append(call)
    w.agreements += [funded(call) for _ in range(n_projects)]
    not_selected(call)
    other = make_call(codes=("R05",), slots=2, envelope=500_000_000)
    w.calls.append(other)
    w.agreements.append(funded(other, code="R05"))
    old = make_call(codes=("R04",), year=2024)
    w.calls.append(old)
    w.agreements.append(funded(old, fiscal_year=2025))
    return w
