"""The officials' money dashboard (issue 13): per programme and year, drilled down city → field →
programme → call → project → ledger rows.

What a figure counts, for the year Y of the filter:
- budget: the catalogue's programme lines (BudgetLine, kind "programme") of year Y, in won;
- call figures (envelope, slots, submitted applications and the city grant they request, the
  competition ratio = submitted / slots, agreements and the city grant they commit): the calls
  opened in Y (Asia/Seoul). A joint call counts once in each of its programmes and once above them;
  on a call's own page the call is the cohort, whatever its year;
- ledger figures (paid, used = executed − disallowed, unspent returned, recovered, royalties billed
  and paid): the LedgerEntry rows of fiscal year Y, the same rows as agreements.domain.money_summary;
- prizes paid (e.g. the Global Challenge's, seed 000: 기타보상금 별도): the ``prize_paid`` rows of
  fiscal year Y, shown apart — paid outside the project budget, never part of paid or used. A
  prize row may have no agreement; it names its call, so it counts at every level but a project.

Every level is a constant number of aggregate queries (grouped by the level's children in SQL; the
level's total is the sum of those groups, since the children partition the level — except on a
call's page, whose rows are one page of projects: its total is one more set of aggregates),
whatever the number of projects or ledger rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone

from agreements.domain.money_summary import Money
from agreements.enums import AgreementStatus, LedgerKind
from agreements.models import Agreement, LedgerEntry
from applications.enums import ApplicationStatus
from applications.models import Application
from programs.enums import BudgetLineKind
from programs.models import BudgetLine, Call, Field, Program

CITY, FIELD, PROGRAM, CALL, PROJECT = "city", "field", "program", "call", "project"
SUBMITTED = (
    ApplicationStatus.SUBMITTED, ApplicationStatus.SCREENED_OUT, ApplicationStatus.IN_EVALUATION,
    ApplicationStatus.SELECTED, ApplicationStatus.NOT_SELECTED,
)  # fmt: skip
NOT_COMMITTED = (AgreementStatus.TERMINATED,)
CALL_PAGE_SIZE = 50
MILLION = 1_000_000


@dataclass
class Figures:
    """The money figures of one row (a field, programme, call or project) or of a level's total."""

    key: object = None
    code: str = ""
    name_ko: str = ""
    name_en: str = ""
    budget_krw: int | None = None
    envelope_krw: int = 0
    slots: int = 0
    calls: int = 0
    submitted: int = 0
    requested_krw: int = 0
    agreements: int = 0
    committed_krw: int = 0
    money: Money = field(default_factory=Money)
    cohort: bool = True  # False: a call (or its project) opened in another year than the filter

    @property
    def name(self) -> str:
        from django.utils import translation

        return self.name_en if translation.get_language() == "en" and self.name_en else self.name_ko

    @property
    def competition_ratio(self) -> float | None:
        return round(self.submitted / self.slots, 2) if self.slots else None

    @property
    def paid_krw(self) -> int:
        return self.money.paid

    @property
    def used_krw(self) -> int:
        return self.money.used

    @property
    def unspent_returned_krw(self) -> int:
        return self.money.unspent_returned

    @property
    def recovered_krw(self) -> int:
        return self.money.recovery_paid

    @property
    def royalty_billed_krw(self) -> int:
        return self.money.k(LedgerKind.ROYALTY_BILLED)

    @property
    def royalty_paid_krw(self) -> int:
        return self.money.k(LedgerKind.ROYALTY_PAID)

    @property
    def prize_paid_krw(self) -> int:
        """Prizes paid (outside the project budget)."""
        return self.money.k(LedgerKind.PRIZE_PAID)

    def as_dict(self) -> dict:
        out = {"key": self.key, "code": self.code, "name_ko": self.name_ko, "name_en": self.name_en}
        out.update({name: getattr(self, name) for name in FIGURE_NAMES})
        return out


# The figures in column order: the page, the API and the Excel export all follow this list.
FIGURE_NAMES = (
    "budget_krw", "envelope_krw", "slots", "submitted", "requested_krw", "competition_ratio",
    "agreements", "committed_krw", "paid_krw", "used_krw", "unspent_returned_krw",
    "recovered_krw", "royalty_billed_krw", "royalty_paid_krw", "prize_paid_krw",
)  # fmt: skip
# The call figures: not shown (null) for a call opened in another year than the filter.
COHORT_NAMES = (
    "envelope_krw", "slots", "submitted", "requested_krw", "competition_ratio", "agreements",
    "committed_krw",
)  # fmt: skip


@dataclass
class Dashboard:
    level: str
    year: int
    total: Figures
    rows: list[Figures]
    field: Field | None = None
    program: Program | None = None
    call: Call | None = None
    page: object = None  # the call level's page of agreements (django Page)


# Where each source finds the child of a level (the GROUP BY) and the level's scope (the WHERE).
GROUP = {
    CITY: {"ledger": "program__field_id", "apps": "program__field_id",
           "agreements": "program__field_id", "calls": "programs__field_id",
           "budget": "program__field_id"},
    FIELD: {"ledger": "program_id", "apps": "program_id", "agreements": "program_id",
            "calls": "programs__id", "budget": "program_id"},
    PROGRAM: {"ledger": "call_id", "apps": "call_id",
              "agreements": "application__call_id", "calls": "id", "budget": None},
}  # fmt: skip


def _scope(source: str, *, fld: Field | None, program: Program | None, call: Call | None) -> Q:
    if call is not None:
        path = {"ledger": "call", "apps": "call",
                "agreements": "application__call", "calls": "pk"}.get(source)  # fmt: skip
        return Q(**{path: call.pk}) if path else Q(pk__in=[])
    if program is not None:
        path = "programs" if source == "calls" else "program"
        return Q(**{path: program.pk})
    if fld is not None:
        path = "programs__field" if source == "calls" else "program__field"
        return Q(**{path: fld.pk})
    return Q()


def _year(source: str, year: int, *, call: Call | None, call_ids: list[int]) -> Q:
    if source == "ledger":
        return Q(fiscal_year=year)
    if source == "budget":
        return Q(year=year)
    if call is not None:  # the call is the cohort
        return Q()
    if source == "calls":
        return Q(opens_at__year=year)
    # the year's calls as a list of ids (a few dozen): the applications and agreements are then
    # found through the call index instead of joining every application to its call
    path = {"apps": "call_id__in", "agreements": "application__call_id__in"}[source]
    return Q(**{path: call_ids})


def _sources(*, year: int, fld=None, program=None, call=None) -> dict:
    call_ids = [] if call is not None else list(
        Call.objects.filter(opens_at__year=year).values_list("pk", flat=True)
    )  # fmt: skip

    def where(source):
        return _scope(source, fld=fld, program=program, call=call) & _year(
            source, year, call=call, call_ids=call_ids
        )

    return {
        "ledger": LedgerEntry.objects.filter(where("ledger")),
        "apps": Application.objects.filter(where("apps"), status__in=SUBMITTED),
        "agreements": Agreement.objects.filter(where("agreements")).exclude(
            status__in=NOT_COMMITTED
        ),
        "calls": Call.objects.filter(where("calls")),
        "budget": BudgetLine.objects.filter(
            where("budget"), kind=BudgetLineKind.PROGRAMME, program__isnull=False
        ),
    }


def _money(qs, key: str | None) -> dict:
    """{child key: Money} (or {None: Money} for the total): ONE ``SUM`` grouped by key and kind."""
    cols = [key, "kind"] if key else ["kind"]
    out: dict = {}
    for row in qs.values_list(*cols).annotate(total=Sum("amount_krw")).order_by():
        k, kind, total = row if key else (None, *row)
        out.setdefault(k, {})[kind] = int(total)
    return {k: Money(v) for k, v in out.items()}


def _counted(qs, key: str | None, amount: str) -> dict:
    """{child key: (count, sum of amount)}: ONE grouped aggregate (or one plain aggregate)."""
    if key is None:
        agg = qs.aggregate(n=Count("pk"), s=Sum(amount))
        return {None: (agg["n"], int(agg["s"] or 0))}
    rows = qs.values_list(key).annotate(n=Count("pk"), s=Sum(amount)).order_by()
    return {k: (n, int(s or 0)) for k, n, s in rows}


def _calls(qs, key: str | None) -> tuple[dict, tuple[int, int, int]]:
    """Per child (envelope, slots, calls) and the total over DISTINCT calls, from one query of
    (child, call) pairs: a joint call counts in each of its programmes and once in the total."""
    cols = (
        [key, "pk", "budget_envelope_krw", "slots"]
        if key
        else ["pk", "budget_envelope_krw", "slots"]
    )
    per: dict = {}
    seen: dict = {}
    for row in qs.values_list(*cols).distinct().order_by():
        k, pk, env, slots = row if key else (None, *row)
        e, s, n = per.get(k, (0, 0, 0))
        per[k] = (e + env, s + slots, n + 1)
        seen[pk] = (env, slots)
    total = (sum(e for e, _s in seen.values()), sum(s for _e, s in seen.values()), len(seen))
    return per, total


def _budget(qs, key: str | None) -> dict:
    if key is None:
        agg = qs.aggregate(n=Count("pk"), s=Sum("amount_million_krw"))
        return {None: int(agg["s"]) * MILLION} if agg["n"] else {}
    rows = qs.values_list(key).annotate(s=Sum("amount_million_krw")).order_by()
    return {k: int(s) * MILLION for k, s in rows}


def _figures(parts: dict, k, base: Figures) -> Figures:
    env, slots, n = parts["calls"].get(k, (0, 0, 0))
    base.envelope_krw, base.slots, base.calls = env, slots, n
    base.submitted, base.requested_krw = parts["apps"].get(k, (0, 0))
    base.agreements, base.committed_krw = parts["agreements"].get(k, (0, 0))
    base.money = parts["ledger"].get(k, Money())
    if parts["budget"] is not None:
        base.budget_krw = parts["budget"].get(k)
    return base


def _aggregate(sources: dict, key_of: dict | None, *, with_budget: bool) -> dict:
    key = (lambda s: key_of[s]) if key_of else (lambda s: None)
    calls_per, calls_total = (
        _calls(sources["calls"], key("calls"))
        if (key_of is None or key_of["calls"])
        else ({}, None)
    )
    return {
        "ledger": _money(sources["ledger"], key("ledger")),
        "apps": _counted(sources["apps"], key("apps"), "city_grant_krw"),
        "agreements": _counted(sources["agreements"], key("agreements"), "city_grant_krw"),
        "calls": {None: calls_total} if key_of is None else calls_per,
        "calls_total": calls_total,
        "budget": _budget(sources["budget"], key("budget")) if with_budget else None,
    }


def _total(sources: dict, *, with_budget: bool) -> Figures:
    """A level's total from its own aggregate queries (the call level: its rows are one page)."""
    parts = _aggregate(sources, None, with_budget=with_budget)
    return _figures(parts, None, Figures(code="total", name_ko="합계", name_en="Total"))


def _partition_total(parts: dict, *, budget_krw: int | None) -> Figures:
    """A level's total from its grouped aggregates (no second scan of the ledger): at the city,
    field and programme levels every ledger row, application and agreement of the scope belongs
    to exactly one child (programme → field, application → call), so the total is the sum of the
    children's sums; the calls' total is over distinct calls (a joint call counts once)."""
    by_kind: dict[str, int] = {}
    for money in parts["ledger"].values():
        for kind, amount in money.by_kind.items():
            by_kind[kind] = by_kind.get(kind, 0) + amount
    env, slots, n = parts["calls_total"] or (0, 0, 0)
    return Figures(
        code="total", name_ko="합계", name_en="Total", budget_krw=budget_krw,
        envelope_krw=env, slots=slots, calls=n,
        submitted=sum(c for c, _s in parts["apps"].values()),
        requested_krw=sum(s for _c, s in parts["apps"].values()),
        agreements=sum(c for c, _s in parts["agreements"].values()),
        committed_krw=sum(s for _c, s in parts["agreements"].values()), money=Money(by_kind),
    )  # fmt: skip


def money_dashboard(
    *, year: int, field_code: str = "", program_code: str = "", call_id: int | None = None,
    page: int = 1,
) -> Dashboard:  # fmt: skip
    """One level of the dashboard: the most specific filter given decides the level (call >
    programme > field > city). Raises the model's DoesNotExist for an unknown code or id."""
    fld = program = call = None
    if call_id is not None:
        call = Call.objects.get(pk=call_id)
        level = CALL
    elif program_code:
        program = Program.objects.select_related("field").get(code=program_code)
        level = PROGRAM
    elif field_code:
        fld = Field.objects.get(code=field_code)
        level = FIELD
    else:
        level = CITY
    sources = _sources(year=year, fld=fld, program=program, call=call)
    if level == CALL:
        dash = Dashboard(level=level, year=year, total=_total(sources, with_budget=False),
                         rows=[], call=call)  # fmt: skip
        _call_rows(dash, sources, page=page)
        return dash
    parts = _aggregate(sources, GROUP[level], with_budget=level != PROGRAM)
    if level == PROGRAM:  # the programme's budget: its own line (the rows are calls)
        budget = _budget(sources["budget"], None).get(None)
    else:
        budget = sum(parts["budget"].values()) if parts["budget"] else None
    dash = Dashboard(level=level, year=year, total=_partition_total(parts, budget_krw=budget),
                     rows=[], field=fld, program=program)  # fmt: skip
    dash.rows = [
        _figures(parts, r.key, r) for r in _children(level, parts, fld=fld, program=program)
    ]
    if level == PROGRAM:
        for row in dash.rows:
            row.cohort = row.cohort and row.key in parts["calls"]
    return dash


def _children(level: str, parts: dict, *, fld, program) -> list[Figures]:
    """The rows of a level, labelled: every field (city) or programme of the field (field) of the
    catalogue, zero or not; the calls with a figure in the year (programme)."""
    if level == CITY:
        return [Figures(key=f.pk, code=f.code, name_ko=f.name_ko, name_en=f.name_en)
                for f in Field.objects.order_by("order", "pk")]  # fmt: skip
    if level == FIELD:
        return [Figures(key=p.pk, code=p.code, name_ko=p.name_ko, name_en=p.name_en)
                for p in Program.objects.filter(field=fld).order_by("order", "code")]  # fmt: skip
    keys = set()
    for source in ("ledger", "apps", "agreements", "calls"):
        keys |= {k for k in parts[source] if k is not None}
    calls = Call.objects.filter(pk__in=keys).order_by("-opens_at", "-pk")
    return [Figures(key=c.pk, code=f"{c.pk}", name_ko=c.title, name_en=c.title_en or c.title)
            for c in calls]  # fmt: skip


def _call_rows(dash: Dashboard, sources: dict, *, page: int) -> None:
    """The call's agreements, a page at a time: each with its application's requested grant, its
    committed grant and its ledger figures of the fiscal year (ledger: ONE grouped query)."""
    agreements = (
        Agreement.objects.filter(application__call=dash.call)
        .select_related("application", "lead_institution")
        .order_by("verify_code", "pk")
    )
    dash.page = Paginator(agreements, CALL_PAGE_SIZE).get_page(page)
    ids = [a.pk for a in dash.page.object_list]
    money = _money(sources["ledger"].filter(agreement_id__in=ids), "agreement_id")
    dash.rows = [project_figures(agreement=a, money=money.get(a.pk, Money())) for a in dash.page]


def project_figures(*, agreement: Agreement, money: Money) -> Figures:
    app = agreement.application
    committed = agreement.status not in NOT_COMMITTED
    return Figures(
        key=agreement.pk, code=agreement.verify_code,
        name_ko=f"{app.title_ko} ({agreement.lead_institution.name})",
        name_en=f"{app.title_en or app.title_ko} ({agreement.lead_institution.name})",
        submitted=1, requested_krw=app.city_grant_krw, agreements=int(committed),
        committed_krw=agreement.city_grant_krw if committed else 0, money=money,
    )  # fmt: skip


@dataclass
class ProjectDashboard:
    year: int
    agreement: Agreement
    figures: Figures
    entries: list


def project_dashboard(*, agreement_id: int, year: int, limit: int = 2000) -> ProjectDashboard:
    """One project: its figures and its ledger rows of the fiscal year (3 queries)."""
    agreement = Agreement.objects.select_related(
        "application__call", "program__field", "lead_institution"
    ).get(pk=agreement_id)
    ledger = LedgerEntry.objects.filter(agreement_id=agreement_id, fiscal_year=year)
    money = _money(ledger, None).get(None, Money())
    entries = list(ledger.select_related("institution").order_by("occurred_on", "pk")[:limit])
    return ProjectDashboard(
        year=year, agreement=agreement, figures=project_figures(agreement=agreement, money=money),
        entries=entries,
    )  # fmt: skip


def seoul_year() -> int:
    return timezone.localdate().year


def dashboard_years() -> list[int]:
    """The years offered by the filter: from the first call or budget line to next year (two
    aggregates over small tables; the ledger is not scanned for its years)."""
    calls = Call.objects.aggregate(lo=Min("opens_at"), hi=Max("opens_at"))
    budget = BudgetLine.objects.aggregate(lo=Min("year"), hi=Max("year"))
    now = seoul_year()
    lows = [now, *(x for x in (budget["lo"],) if x)]
    highs = [now + 1, *(x for x in (budget["hi"],) if x)]
    if calls["lo"]:
        lows.append(timezone.localtime(calls["lo"]).year)
        highs.append(timezone.localtime(calls["hi"]).year)
    return list(range(max(highs), min(lows) - 1, -1))
