"""Batch loading of everything the rules read, with a constant number of queries per batch."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from accounts.models import HubTenancy, InstitutionSite
from agreements.enums import ProjectStatus
from agreements.models import Project, ProjectParticipation
from applications.models import Application, ApplicationInstitution, ApplicationResearcher
from evaluation.screening.models import (
    CreditStatus,
    FinancialStatement,
    Obligation,
    Recommendation,
    Sanction,
)
from programs.models import Call


def close_date(call: Call) -> dt.date:
    """The close date in Asia/Seoul (closes_at is exclusive, so a midnight close is the day before)."""
    return timezone.localtime(call.closes_at - dt.timedelta(microseconds=1)).date()


def announce_date(call: Call) -> dt.date:
    return timezone.localtime(call.opens_at).date()


@dataclass
class BatchData:
    """Dicts keyed by institution / researcher / application id, loaded once per batch."""

    call: Call
    close_on: dt.date
    announced_on: dt.date
    sites: dict = field(default_factory=lambda: defaultdict(list))
    tenancies: dict = field(default_factory=lambda: defaultdict(list))
    institutions: dict = field(default_factory=lambda: defaultdict(list))
    researchers: dict = field(default_factory=lambda: defaultdict(list))
    recommendations: dict = field(default_factory=dict)
    operator_rank: dict = field(default_factory=dict)
    projects_by_lead: dict = field(default_factory=lambda: defaultdict(list))
    projects_by_pi: dict = field(default_factory=lambda: defaultdict(list))
    participations: dict = field(default_factory=lambda: defaultdict(list))
    obligations_inst: dict = field(default_factory=lambda: defaultdict(list))
    obligations_res: dict = field(default_factory=lambda: defaultdict(list))
    sanctions_inst: dict = field(default_factory=lambda: defaultdict(list))
    sanctions_res: dict = field(default_factory=lambda: defaultdict(list))
    credit: dict = field(default_factory=dict)
    financials: dict = field(default_factory=dict)
    duplicates: dict = field(default_factory=lambda: defaultdict(list))
    duplicate_threshold: float = 0.5


@dataclass
class Facts:
    """What the rules see of one application."""

    application: Application
    data: BatchData

    @property
    def app(self) -> Application:
        return self.application

    @property
    def lead(self):
        return self.application.lead_institution

    @property
    def program(self):
        return self.application.program

    @property
    def close_on(self) -> dt.date:
        return self.data.close_on

    @property
    def institution_rows(self) -> list[ApplicationInstitution]:
        return self.data.institutions.get(self.application.pk, [])

    @property
    def researcher_rows(self) -> list[ApplicationResearcher]:
        return self.data.researchers.get(self.application.pk, [])

    def all_institution_ids(self) -> set[int]:
        ids = {row.institution_id for row in self.institution_rows}
        ids.add(self.application.lead_institution_id)
        return ids

    def key_researcher_ids(self) -> set[int]:
        """The PI and co-PIs (연구책임자)."""
        ids = {r.researcher_id for r in self.researcher_rows if r.role in ("pi", "co_pi")}
        if self.application.pi_id:
            ids.add(self.application.pi_id)
        return ids


def load_batch(
    *,
    call: Call,
    applications: list[Application],
    duplicates: dict | None = None,
    duplicate_threshold: float | None = None,
) -> BatchData:
    """Load the rule inputs of `applications` (all of `call`) into dicts: one query per source."""
    data = BatchData(call=call, close_on=close_date(call), announced_on=announce_date(call))
    close_on = data.close_on
    app_ids = [a.pk for a in applications]
    for row in ApplicationInstitution.objects.filter(application_id__in=app_ids).select_related(
        "institution"
    ):
        data.institutions[row.application_id].append(row)
    for row in ApplicationResearcher.objects.filter(application_id__in=app_ids).select_related(
        "researcher"
    ):
        data.researchers[row.application_id].append(row)
    inst_ids = {a.lead_institution_id for a in applications}
    for rows in data.institutions.values():
        inst_ids.update(r.institution_id for r in rows)
    res_ids = {a.pi_id for a in applications if a.pi_id}
    for rows in data.researchers.values():
        res_ids.update(r.researcher_id for r in rows if r.role in ("pi", "co_pi"))

    for site in InstitutionSite.objects.filter(institution_id__in=inst_ids):
        data.sites[site.institution_id].append(site)
    for ten in HubTenancy.objects.filter(institution_id__in=inst_ids):
        data.tenancies[ten.institution_id].append(ten)

    recs = list(
        Recommendation.objects.filter(institution_id__in=inst_ids)
        .filter(Q(call=call) | Q(call__isnull=True))
        .select_related("operator")
    )
    for rec in sorted(recs, key=lambda r: (r.call_id is None, r.recommended_on, r.pk)):
        data.recommendations.setdefault(rec.institution_id, rec)
    _load_operator_ranks(data, [r for r in recs if data.recommendations.get(r.institution_id) is r])

    lead_ids = {a.lead_institution_id for a in applications}
    pi_ids = {a.pi_id for a in applications if a.pi_id}
    projects = Project.objects.filter(Q(lead_institution_id__in=lead_ids) | Q(pi_id__in=pi_ids))
    for project in projects.exclude(application__call=call):
        data.projects_by_lead[project.lead_institution_id].append(project)
        if project.pi_id:
            data.projects_by_pi[project.pi_id].append(project)
    parts = ProjectParticipation.objects.filter(
        researcher_id__in=res_ids, starts_on__lte=close_on, ends_on__gte=close_on,
        project__status=ProjectStatus.RUNNING,
    ).select_related("project")  # fmt: skip
    for part in parts:
        data.participations[part.researcher_id].append(part)

    open_obligation = Q(fulfilled_on__isnull=True) | Q(fulfilled_on__gt=close_on)
    for ob in Obligation.objects.filter(open_obligation, due_on__lte=close_on).filter(
        Q(institution_id__in=inst_ids) | Q(researcher_id__in=res_ids)
    ):
        if ob.institution_id in inst_ids:
            data.obligations_inst[ob.institution_id].append(ob)
        if ob.researcher_id in res_ids:
            data.obligations_res[ob.researcher_id].append(ob)
    for sa in Sanction.objects.filter(starts_on__lte=close_on, ends_on__gte=close_on).filter(
        Q(institution_id__in=inst_ids) | Q(researcher_id__in=res_ids)
    ):
        if sa.institution_id in inst_ids:
            data.sanctions_inst[sa.institution_id].append(sa)
        if sa.researcher_id in res_ids:
            data.sanctions_res[sa.researcher_id].append(sa)

    for cs in CreditStatus.objects.filter(
        institution_id__in=lead_ids, checked_on__lte=close_on
    ).order_by("institution_id", "-checked_on"):
        data.credit.setdefault(cs.institution_id, cs)
    for fs in FinancialStatement.objects.filter(
        institution_id__in=lead_ids, settled_on__lte=close_on
    ).order_by("institution_id", "-settled_on"):
        data.financials.setdefault(fs.institution_id, fs)
    if duplicates is not None:
        data.duplicates = duplicates
    if duplicate_threshold is None:
        duplicate_threshold = getattr(settings, "SCREENING_DUPLICATE_THRESHOLD", 0.5)
    data.duplicate_threshold = float(duplicate_threshold)
    return data


def _load_operator_ranks(data: BatchData, recs: list[Recommendation]) -> None:
    """Rank of each recommendation among its operator's recommendations of the same year (1 query)."""
    keys = {(r.operator_id, r.recommended_on.year) for r in recs}
    if not keys:
        return
    years = {y for _, y in keys}
    q = Q()
    for operator_id, year in keys:
        q |= Q(operator_id=operator_id, recommended_on__year=year)
    ordered = Recommendation.objects.filter(q).order_by("recommended_on", "id")
    counters: dict[tuple[int, int], int] = defaultdict(int)
    for operator_id, rec_id, day in ordered.values_list("operator_id", "id", "recommended_on"):
        if day.year in years:
            counters[(operator_id, day.year)] += 1
            data.operator_rank[rec_id] = counters[(operator_id, day.year)]
