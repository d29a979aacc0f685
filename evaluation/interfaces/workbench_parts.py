"""Staff-home tasks of the programme parts (R16 national matching, the INV adequacy committee,
claimed facts, Tech Partners, follow-on support, R03 chained agreements).

Each kind is one query (follow-on: three), whatever the number of rows, so the staff home keeps a
bounded number of queries (tests/evaluation/test_staff_home_parts.py).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from agreements.models import (
    Agreement,
    ChainedAgreement,
    ChainStatus,
    CommitmentRequest,
    CommitmentStatus,
    NationalResult,
)
from applications.enums import ApplicationStatus
from applications.models import Application, ApplicationClaim
from evaluation.models import AdequacyDecision

MAX_ITEMS = 20
CLAIM_REVIEW_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.IN_EVALUATION)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _commitments(Task, TaskItem):
    rows = list(
        CommitmentRequest.objects.filter(status=CommitmentStatus.REQUESTED)
        .values_list("pk", "title", "institution__name")
        .order_by("created_at", "pk")[:MAX_ITEMS]
    )
    return Task("commitments", _("Commitment-letter requests to decide"),
                _("National-matching (R16) requests awaiting SBA's decision on the city's letter."),
                [TaskItem(title, reverse("national_matching:request", args=[pk]), 1, name)
                 for pk, title, name in rows])  # fmt: skip


def _national_results(Task, TaskItem, today: dt.date):
    """Approved requests awaiting the national selection, and selected projects whose next
    project year has begun without its national annual result."""
    rows = (
        CommitmentRequest.objects.filter(
            status__in=[CommitmentStatus.APPROVED, CommitmentStatus.SELECTED]
        )
        .annotate(
            recorded=Count("years"),
            stopped=Count("years", filter=Q(years__result=NationalResult.STOPPED)),
        )
        .values_list("pk", "title", "status", "starts_on", "national_grants_krw", "recorded",
                     "stopped")
        .order_by("starts_on", "pk")
    )  # fmt: skip
    items = []
    for pk, title, status, starts_on, grants, recorded, stopped in rows.iterator():
        if status == CommitmentStatus.APPROVED:
            detail = _g("national selection")
        elif stopped or recorded >= len(grants or []) or _add_years(starts_on, recorded) > today:
            continue
        else:
            detail = _g("national result of year %(n)d") % {"n": recorded + 1}
        items.append(TaskItem(title, reverse("national_matching:request", args=[pk]), 1, detail))
        if len(items) >= MAX_ITEMS:
            break
    return Task("national_results", _("National selections and annual results to record"),
                _("Approved commitment requests awaiting the national selection, and selected "
                  "projects whose next year began without its national result."), items)  # fmt: skip


def _adequacy(Task, TaskItem):
    rows = list(
        Application.objects.filter(
            status=ApplicationStatus.IN_EVALUATION, call__adequacy_committee__isnull=False
        )
        .exclude(Exists(AdequacyDecision.objects.filter(application_id=OuterRef("pk"))))
        .values("call_id", "call__title")
        .annotate(n=Count("id"))
        .order_by("call_id")[:MAX_ITEMS]
    )
    return Task("adequacy", _("Adequacy-committee decisions pending"),
                _("Applications of investment-linked calls the investment adequacy committee has "
                  "not decided yet."),
                [TaskItem(r["call__title"], reverse("national_matching:adequacy-committee",
                                                    args=[r["call_id"]]), r["n"])
                 for r in rows])  # fmt: skip


def _claims(Task, TaskItem):
    n = ApplicationClaim.objects.filter(
        verified=False, application__status__in=CLAIM_REVIEW_STATUSES
    ).count()
    url = reverse("admin:applications_applicationclaim_changelist") + "?verified__exact=0"
    return Task("claims", _("Claimed facts to review"),
                _("Facts applicants claimed with evidence on submitted applications, not yet "
                  "verified; the rules count them only once verified."),
                [TaskItem(_g("Unverified claimed facts"), url, n)] if n else [])  # fmt: skip


def _tech_needs(Task, TaskItem):
    from programs.models import TechMatch, TechNeed

    n = (
        TechNeed.objects.filter(is_open=True)
        .exclude(Exists(TechMatch.objects.filter(need_id=OuterRef("pk"))))
        .count()
    )
    return Task("tech_partners", _("Tech Partners needs to match"),
                _("Open technology needs of partner companies with no match proposed yet."),
                [TaskItem(_g("Needs without a match"), reverse("rules_2024:staff-partners"), n)]
                if n else [])  # fmt: skip


def _follow_on(Task, TaskItem):
    """Programme-years whose follow-on cap (⌊share × cohort⌋) leaves places that eligible projects
    could take. Three queries: the programmes, the cohort agreements, their latest scores."""
    from programs.domain.follow_on import _latest_scores, follow_on_cap
    from programs.models import FollowOnSelection, Program

    programs = {p.pk: p for p in Program.objects.filter(flow__has_key="follow_on")}
    specs = {pk: (p.flow or {}).get("follow_on") or {} for pk, p in programs.items()}
    statuses = {
        s for spec in specs.values() for s in spec.get("cohort_statuses", ["active", "completed"])
    }
    stages = {s for spec in specs.values() for s in spec.get("score_stages", ["final", "annual"])}
    rows = list(
        Agreement.objects.filter(program_id__in=list(programs), status__in=statuses)
        .annotate(chosen=Exists(FollowOnSelection.objects.filter(agreement_id=OuterRef("pk"))))
        .values_list("pk", "program_id", "status", "selection_notified_on", "chosen")
    )
    scores = _latest_scores([r[0] for r in rows], list(stages)) if rows else {}
    size: dict = defaultdict(int)
    chosen: dict = defaultdict(int)
    eligible: dict = defaultdict(int)
    for pk, program_id, status, notified_on, is_chosen in rows:
        spec = specs[program_id]
        if status not in spec.get("cohort_statuses", ["active", "completed"]):
            continue
        key = (program_id, notified_on.year)
        size[key] += 1
        if is_chosen:
            chosen[key] += 1
        elif pk in scores and scores[pk][0] >= Decimal(str(spec.get("min_score", 0))):
            eligible[key] += 1
    items = []
    for (program_id, year), n in sorted(size.items(), key=lambda kv: (-kv[0][1], kv[0][0])):
        cap = follow_on_cap(n, specs[program_id].get("share", "0.3"))
        places = min(cap - chosen[(program_id, year)], eligible[(program_id, year)])
        if places > 0:
            code = programs[program_id].code
            items.append(TaskItem(f"{programs[program_id].name} {year}",
                                  f"{reverse('rules_2024:follow-on')}?program={code}&year={year}",
                                  places, _g("%(cap)d of %(n)d projects may be selected")
                                  % {"cap": cap, "n": n}))  # fmt: skip
    return Task("follow_on", _("Follow-on selections open"),
                _("Programme-years where eligible projects could still take follow-on support "
                  "(the best ≤ 30 %); the count is of places left."), items[:MAX_ITEMS])  # fmt: skip


def _chained(Task, TaskItem):
    rows = list(
        ChainedAgreement.objects.filter(status=ChainStatus.DRAFTING)
        .values("parent_id", "parent__application__receipt_no")
        .annotate(n=Count("id"))
        .order_by("parent_id")[:MAX_ITEMS]
    )
    return Task("chained", _("Chained agreements to conclude"),
                _("Campus-town agreements between the designated lead and universities still "
                  "being drafted."),
                [TaskItem(r["parent__application__receipt_no"] or f"#{r['parent_id']}",
                          reverse("campus_town:chain", args=[r["parent_id"]]), r["n"])
                 for r in rows])  # fmt: skip


def part_tasks(Task, TaskItem, now: dt.datetime | None = None) -> list:
    """The programme parts' tasks (Task and TaskItem are the workbench's dataclasses)."""
    today = timezone.localdate(now or timezone.now())
    return [
        _commitments(Task, TaskItem),
        _national_results(Task, TaskItem, today),
        _adequacy(Task, TaskItem),
        _claims(Task, TaskItem),
        _tech_needs(Task, TaskItem),
        _follow_on(Task, TaskItem),
        _chained(Task, TaskItem),
    ]
