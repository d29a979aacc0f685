"""The staff workbench (/staff/): what waits for a staff action, and a pipeline per call.

Read-only. Every list is one grouped query, whatever the number of calls and applications, so
the page costs a bounded number of queries (tested).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.enums import InstitutionStatus
from accounts.models import Institution
from applications.enums import ApplicationStatus
from applications.models import Application
from evaluation.enums import AssignmentStatus, ConflictStatus, ObjectionStatus, SheetStatus
from evaluation.models import (
    Assignment,
    CommitteeDecision,
    ConflictRecord,
    FlaggedResultReview,
    Objection,
    SiteCheck,
    StageResult,
)
from evaluation.screening.enums import RunStatus
from evaluation.screening.models import ScreeningResult, ScreeningRun
from programs.enums import CallStatus
from programs.models import Call

RECENT_DAYS = 180  # closed calls shown in the pipeline: closed within this many days
MAX_ITEMS = 20  # per task kind, the most urgent first

# (code, label) of the pipeline's columns, in the order of the process
STAGES = (
    ("draft", _("Draft")),
    ("submitted", _("Submitted")),
    ("screening", _("Screening")),
    ("screened_out", _("Excluded at screening")),
    ("document", _("Document evaluation")),
    ("presentation", _("Presentation evaluation")),
    ("site_check", _("Site check")),
    ("committee", _("Committee decision")),  # the deciding committee differs by programme
    ("selected", _("Selected")),
    ("not_selected", _("Not selected")),
)


@dataclass
class TaskItem:
    label: str
    url: str
    count: int
    detail: str = ""


@dataclass
class Task:
    code: str
    title: str
    hint: str
    items: list[TaskItem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(i.count for i in self.items)


def _title(call_id: int, titles: dict[int, str]) -> str:
    return titles.get(call_id, f"#{call_id}")


def _call_titles(call_ids) -> dict[int, str]:
    return {c.pk: c.display_title for c in Call.objects.filter(pk__in=set(call_ids))}


def my_tasks(now: dt.datetime | None = None) -> list[Task]:
    """Every kind of work that waits for staff, each item linking to the page where it is done."""
    now = now or timezone.now()

    # screening runs finished but not released
    runs = list(
        ScreeningRun.objects.filter(status=RunStatus.DONE, released_at__isnull=True)
        .annotate(n=Count("results"))
        .values_list("pk", "call_id", "n")
        .order_by("created_at")[:MAX_ITEMS]
    )
    # score sheets missing: active assignments without a submitted sheet, per committee
    sheets = list(
        Assignment.objects.filter(status=AssignmentStatus.ACTIVE)
        .exclude(sheet__status=SheetStatus.SUBMITTED)
        .values("committee_id", "committee__name", "call_id")
        .annotate(n=Count("id"))
        .order_by("call_id", "committee_id")[:MAX_ITEMS]
    )
    coi = list(
        ConflictRecord.objects.filter(status=ConflictStatus.PENDING)
        .values("call_id")
        .annotate(n=Count("id"))
        .order_by("call_id")[:MAX_ITEMS]
    )
    objections = list(
        Objection.objects.filter(status=ObjectionStatus.SUBMITTED)
        .values_list("pk", "application__call_id", "application__receipt_no")
        .order_by("filed_at", "pk")[:MAX_ITEMS]
    )
    priority = StageResult.objects.filter(stage="presentation", advances=True)
    site_checks = list(
        priority.exclude(
            Exists(SiteCheck.objects.filter(application_id=OuterRef("application_id")))
        )
        .values_list("application_id", "application__receipt_no", "call_id")
        .order_by("call_id", "rank")[:MAX_ITEMS]
    )
    committee = list(
        priority.exclude(
            Exists(CommitteeDecision.objects.filter(application_id=OuterRef("application_id")))
        )
        .values("call_id")
        .annotate(n=Count("id"))
        .order_by("call_id")[:MAX_ITEMS]
    )
    flagged = list(
        StageResult.objects.filter(flagged=True).values_list(
            "application_id", "stage", "call_id", "scores"
        )[: MAX_ITEMS * 10]
    )
    decided = {
        (app, stage): scores
        for app, stage, scores in FlaggedResultReview.objects.filter(
            application_id__in=[f[0] for f in flagged]
        ).values_list("application_id", "stage", "scores")
    }
    flagged_open: dict[tuple[int, str], int] = defaultdict(int)
    for app, stage, call_id, scores in flagged:
        if decided.get((app, stage)) != scores:  # no decision on these scores yet
            flagged_open[(call_id, stage)] += 1
    today = timezone.localdate(now)
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    closing = list(
        Call.objects.filter(status=CallStatus.PUBLISHED, closes_at__gte=max(start, now),
                            closes_at__lt=start + dt.timedelta(days=1))
        .annotate(n=Count("applications", filter=Q(applications__status=ApplicationStatus.DRAFT)))
        .order_by("closes_at")
    )  # fmt: skip
    unconfirmed = Institution.objects.filter(status=InstitutionStatus.PENDING).count()
    titles = _call_titles(
        [r[1] for r in runs]
        + [r["call_id"] for r in sheets + coi + committee]
        + [r[1] for r in objections]
        + [r[2] for r in site_checks]
        + [k[0] for k in flagged_open]
    )

    tasks = [
        Task("release", _("Screening runs to release"),
             _("Finished runs whose results the applicants do not see yet."),
             [TaskItem(_title(call_id, titles), reverse("screening:run", args=[pk]), n,
                       _("run #%(run)s") % {"run": pk}) for pk, call_id, n in runs]),
        Task("sheets", _("Score sheets missing"),
             _("Active assignments without a submitted score sheet, per committee."),
             [TaskItem(_title(r["call_id"], titles), reverse("evaluation:committee", args=[r["committee_id"]]),
                       r["n"], r["committee__name"]) for r in sheets]),
        Task("coi", _("Exclusion requests to decide"),
             _("Applicants' requests to exclude an evaluator (conflict of interest)."),
             [TaskItem(_title(r["call_id"], titles), reverse("evaluation:coi", args=[r["call_id"]]), r["n"])
              for r in coi]),
        Task("objections", _("Objections to decide"), _("Objections filed against a published result."),
             [TaskItem(_title(call_id, titles), reverse("evaluation:objection", args=[pk]), 1, receipt)
              for pk, call_id, receipt in objections]),
        Task("site_checks", _("Site checks to record"),
             _("Applications with support priority (presentation) without a site check."),
             [TaskItem(_title(call_id, titles), reverse("evaluation:site-check", args=[app]), 1, receipt)
              for app, receipt, call_id in site_checks]),
        Task("committee", _("Committee decisions pending"),
             _("Candidates the coordination committee has not decided yet."),
             [TaskItem(_title(r["call_id"], titles),
                       reverse("evaluation:committee-decisions", args=[r["call_id"]]), r["n"])
              for r in committee]),
        Task("flagged", _("Flagged results to confirm"),
             _("Stage results computed from fewer than 3 scores, awaiting a staff decision."),
             [TaskItem(_title(call_id, titles), reverse("evaluation:ranking", args=[call_id, stage]), n,
                       str(dict(STAGES).get(stage, stage)))
              for (call_id, stage), n in sorted(flagged_open.items())]),
        Task("institutions", _("Institutions to confirm"),
             _("Co-institutions registered through an invitation; plans naming them wait for this."),
             [TaskItem(str(_("Institutions awaiting confirmation")), reverse("institutions-pending"),
                       unconfirmed)] if unconfirmed else []),
        Task("closing", _("Calls closing today"),
             _("Published calls that close today (KST); the count is of drafts not yet submitted."),
             [TaskItem(c.display_title, reverse("screening:call", args=[c.pk]), c.n,
                       timezone.localtime(c.closes_at).strftime("%H:%M KST")) for c in closing]),
    ]  # fmt: skip
    from evaluation.interfaces.workbench_parts import part_tasks

    return tasks + part_tasks(Task, TaskItem, now)


def pipeline(now: dt.datetime | None = None) -> list[dict]:
    """Per open or recently closed call, the number of applications at each stage.

    Three queries: the calls, and one grouped query over their applications (status and the
    furthest evaluation step reached, each an EXISTS), then the numbers are put in columns."""
    now = now or timezone.now()
    calls = list(
        Call.objects.filter(status__in=[CallStatus.PUBLISHED, CallStatus.CLOSED],
                            opens_at__lte=now, closes_at__gte=now - dt.timedelta(days=RECENT_DAYS))
        .order_by("-closes_at", "-pk")[:MAX_ITEMS]
    )  # fmt: skip
    app = OuterRef("pk")
    grouped = (
        Application.objects.filter(call__in=calls)
        .annotate(
            screened=Exists(ScreeningResult.objects.filter(application_id=app)),
            presented=Exists(Assignment.objects.filter(application_id=app, stage="presentation"))
            | Exists(StageResult.objects.filter(application_id=app, stage="presentation")),
            priority=Exists(
                StageResult.objects.filter(application_id=app, stage="presentation", advances=True)
            ),
            checked=Exists(SiteCheck.objects.filter(application_id=app)),
        )
        .values_list("call_id", "status", "screened", "presented", "priority", "checked")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[int, dict[str, int]] = {c.pk: dict.fromkeys(dict(STAGES), 0) for c in calls}
    for call_id, status, screened, presented, priority, checked, n in grouped:
        stage = _stage_of(status, screened, presented, priority, checked)
        if stage in counts[call_id]:  # withdrawn applications are not shown
            counts[call_id][stage] += n
    return [
        {"call": c, "counts": [(code, label, counts[c.pk][code]) for code, label in STAGES],
         "total": sum(counts[c.pk].values()), "is_open": c.is_open_at(now)}
        for c in calls
    ]  # fmt: skip


def _stage_of(status: str, screened: bool, presented: bool, priority: bool, checked: bool) -> str:
    if status == ApplicationStatus.DRAFT:
        return "draft"
    if status == ApplicationStatus.SUBMITTED:
        return "screening" if screened else "submitted"
    if status == ApplicationStatus.SCREENED_OUT:
        return "screened_out"
    if status in (ApplicationStatus.SELECTED, ApplicationStatus.NOT_SELECTED):
        return status
    if status == ApplicationStatus.IN_EVALUATION:
        if priority:
            return "committee" if checked else "site_check"
        return "presentation" if presented else "document"
    return "withdrawn"  # not shown
