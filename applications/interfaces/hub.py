"""The applicant's hub ("My applications"): per application a status timeline with dates, what
happens next and by when, and the links the applicant may follow at that point.

Everything is read for all the applicant's applications at once: one query per kind of record
(screening results, stage results, assignments, site checks, committee decisions, result notices,
objections, status changes in the audit trail), so the page's query count does not grow with the
number of applications. Only what the applicant may see is used: screening results of released
runs; stage outcomes, site checks and committee decisions count as steps reached (with their
date) and the scores themselves are on the result page once the result notice is published.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.enums import ApplicationStatus as S
from applications.interfaces.track_links import track_links

DONE, CURRENT, UPCOMING, SKIPPED = "done", "current", "upcoming", "skipped"

STEP_LABELS = {
    "draft": gettext_lazy("Plan written"),
    "submitted": gettext_lazy("Submitted"),
    "screening": gettext_lazy("Eligibility screening"),
    "document": gettext_lazy("Document evaluation"),
    "presentation": gettext_lazy("Presentation evaluation"),
    "site_check": gettext_lazy("Site check"),
    "committee": gettext_lazy("Coordination committee"),
    "result": gettext_lazy("Selected / not selected"),
}
STATE_LABELS = {
    DONE: gettext_lazy("completed"),
    CURRENT: gettext_lazy("in progress"),
    UPCOMING: gettext_lazy("not yet"),
    SKIPPED: gettext_lazy("not reached"),
}


@dataclass
class Step:
    key: str
    label: str
    state: str = UPCOMING
    at: dt.datetime | dt.date | None = None
    note: str = ""

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass
class Link:
    label: str
    url: str
    kind: str = ""


@dataclass
class HubEntry:
    application: object
    steps: list[Step]
    next_text: str = ""
    next_by: dt.datetime | None = None
    links: list[Link] = field(default_factory=list)
    objections: list = field(default_factory=list)
    objection_deadline: dt.datetime | None = None
    can_object: bool = False
    screening_outcome: str = ""
    can_delete: bool = False  # a draft of this user (deleted after a confirmation)
    can_withdraw: bool = False  # submitted, screening not released, evaluation not started


def _by_application(rows, key="application_id"):
    grouped = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key) if not isinstance(row, dict) else row[key]].append(row)
    return grouped


def _load(ids: list[int]) -> dict:
    """Every record the timelines need, one query per model."""
    from django.contrib.contenttypes.models import ContentType

    from accounts.models import AuditEntry
    from applications.models import Application
    from evaluation.models import (
        Assignment,
        CommitteeDecision,
        Objection,
        ResultNotice,
        SiteCheck,
        StageResult,
    )
    from evaluation.screening.enums import RunStatus
    from evaluation.screening.models import ScreeningResult

    screening = {}
    released = (
        ScreeningResult.objects.filter(
            application_id__in=ids, run__status=RunStatus.DONE, run__released_at__isnull=False
        )
        .select_related("run")
        .only("application_id", "outcome", "override_outcome", "run__released_at")
        .order_by("run__created_at", "run_id")
    )
    for result in released:  # the latest released run wins (as screening.latest_result)
        screening[result.application_id] = result
    stage_results = defaultdict(dict)
    for row in StageResult.objects.filter(application_id__in=ids).values(
        "application_id", "stage", "computed_at"
    ):
        stage_results[row["application_id"]][row["stage"]] = row["computed_at"]
    assigned = defaultdict(set)
    for application_id, stage in (
        Assignment.objects.filter(application_id__in=ids)
        .values_list("application_id", "stage")
        .distinct()
    ):
        assigned[application_id].add(stage)
    site_checks = dict(
        SiteCheck.objects.filter(application_id__in=ids).values_list("application_id", "checked_on")
    )
    decisions = dict(
        CommitteeDecision.objects.filter(application_id__in=ids).values_list(
            "application_id", "decided_at"
        )
    )
    notices = {n.application_id: n for n in ResultNotice.objects.filter(application_id__in=ids)}
    objections = _by_application(
        Objection.objects.filter(application_id__in=ids).order_by("filed_at", "pk")
    )
    status_changes = defaultdict(dict)  # application → {new status: first time}
    content_type = ContentType.objects.get_for_model(Application)
    for object_id, after, at in (
        AuditEntry.objects.filter(
            content_type=content_type,
            object_id__in=[str(i) for i in ids],
            action="application.status",
        )
        .order_by("at", "pk")
        .values_list("object_id", "after", "at")
    ):
        status = (after or {}).get("status") if isinstance(after, dict) else None
        if status:
            status_changes[int(object_id)].setdefault(status, at)
    return {
        "screening": screening,
        "stage_results": stage_results,
        "assigned": assigned,
        "site_checks": site_checks,
        "decisions": decisions,
        "notices": notices,
        "objections": objections,
        "status_changes": status_changes,
    }


def hub_entries(applications, *, user, now: dt.datetime | None = None) -> list[HubEntry]:
    """A HubEntry per application (in the given order)."""
    from evaluation.domain.decisions import objection_deadline
    from evaluation.enums import SCORED_STAGES
    from evaluation.screening.enums import Outcome
    from evaluation.templatetags.committee_names import program_committee_name

    now = now or timezone.now()
    applications = list(applications)
    data = _load([a.pk for a in applications])
    entries = []
    for app in applications:
        steps = {key: Step(key, str(label)) for key, label in STEP_LABELS.items()}
        named = program_committee_name(app.program)  # e.g. R03: the city's committee
        if named:
            steps["committee"] = Step("committee", named)
        status = S(app.status)
        changes = data["status_changes"].get(app.pk, {})
        steps["draft"].at = app.created_at
        steps["draft"].state = CURRENT if status == S.DRAFT else DONE
        if app.submitted_at:
            steps["submitted"].state, steps["submitted"].at = DONE, app.submitted_at
        screening = data["screening"].get(app.pk)
        failed = False
        if screening is not None:
            failed = screening.final_outcome == Outcome.FAIL
            steps["screening"].state, steps["screening"].at = DONE, screening.run.released_at
            steps["screening"].note = str(
                _("Excluded at screening") if failed else _("Passed screening")
            )
        elif status in (S.SCREENED_OUT, S.IN_EVALUATION) and status in changes:
            failed = status == S.SCREENED_OUT
            steps["screening"].state, steps["screening"].at = DONE, changes[status]
        stages = data["stage_results"].get(app.pk, {})
        assigned = data["assigned"].get(app.pk, set())
        for stage in ("document", "presentation"):
            if stage in stages:
                steps[stage].state, steps[stage].at = DONE, stages[stage]
            elif stage in assigned:
                steps[stage].state = CURRENT
        if app.pk in data["site_checks"]:
            steps["site_check"].state = DONE
            steps["site_check"].at = data["site_checks"][app.pk]
        if app.pk in data["decisions"]:
            steps["committee"].state = DONE
            steps["committee"].at = data["decisions"][app.pk]
        notice = data["notices"].get(app.pk)
        if notice is not None:
            steps["result"].state, steps["result"].at = DONE, notice.published_at
            steps["result"].label = str(_("Selected") if notice.selected else _("Not selected"))
        elif status in (S.SELECTED, S.NOT_SELECTED):
            steps["result"].state = DONE
            steps["result"].at = changes.get(status)
            steps["result"].label = S(status).label
        # Once decided, what was not done was not reached. While in the process, steps skipped
        # before the last one done were not reached; the step after it is under way when it is
        # certain to come (screening, then the document evaluation) or already assigned.
        ordered = list(steps.values())
        finished = failed or notice is not None
        finished = finished or status in (S.WITHDRAWN, S.SELECTED, S.NOT_SELECTED, S.SCREENED_OUT)
        last_done = max((i for i, s in enumerate(ordered) if s.state == DONE), default=-1)
        for i, step in enumerate(ordered):
            if step.state != DONE and (finished or i < last_done):
                step.state = SKIPPED
        following = ordered[last_done + 1] if 0 <= last_done + 1 < len(ordered) else None
        if following is not None and not finished and status != S.DRAFT:
            if following.key in ("screening", "document"):
                following.state = CURRENT
        if failed:
            steps["result"].label = str(_("Excluded at screening"))
        if status == S.WITHDRAWN:
            steps["result"].label = str(S.WITHDRAWN.label)
            steps["result"].state, steps["result"].at = DONE, changes.get(S.WITHDRAWN)

        entry = HubEntry(application=app, steps=ordered)
        entry.objections = data["objections"].get(app.pk, [])
        if notice is not None:
            notice.application = app  # objection_deadline reads the call through it
            entry.objection_deadline = objection_deadline(notice)
            objected = {o.stage for o in entry.objections}
            entry.can_object = (
                app.applicant_id == user.pk
                and now < entry.objection_deadline
                and any(stage not in objected for stage in SCORED_STAGES)
            )
        if screening is not None:
            entry.screening_outcome = screening.get_final_outcome_display()
        own = app.applicant_id == user.pk
        entry.can_delete = own and status == S.DRAFT
        entry.can_withdraw = own and status == S.SUBMITTED and screening is None and not assigned
        entry.links = _links(app, screening, notice, entry)
        entry.next_text, entry.next_by = _next(app, status, screening, notice, entry, now)
        entries.append(entry)
    return entries


def _links(app, screening, notice, entry) -> list[Link]:
    links = []
    if not app.receipt_no:
        if app.status == S.DRAFT:
            links.append(Link(_("Continue editing"), reverse("applications:edit", args=[app.pk])))
        return links
    links.append(Link(_("Receipt"), reverse("applications:receipt", args=[app.pk]), "receipt"))
    links.append(
        Link(_("Submitted application"), reverse("evaluation:dossier", args=[app.pk]), "dossier")
    )
    if entry.can_withdraw:
        links.append(
            Link(_("Withdraw application"), reverse("applications:withdraw", args=[app.pk]),
                 "withdraw")
        )  # fmt: skip
    if screening is not None:
        links.append(
            Link(
                _("Screening result and reasons"),
                reverse("screening:application", args=[app.pk]),
                "screening",
            )
        )
    if notice is not None:
        links.append(
            Link(_("Evaluation result"), reverse("evaluation:result", args=[app.pk]), "result")
        )
        links.append(
            Link(_("Result notice (PDF)"), reverse("evaluation:notice-pdf", args=[app.pk]), "pdf")
        )
        if entry.can_object:
            links.append(
                Link(
                    _("File an objection"), reverse("evaluation:result", args=[app.pk]), "objection"
                )
            )
    links += track_links(app, Link)  # R01 tracks: crowdfunding result, consultation feedback
    return links


def _next(app, status, screening, notice, entry, now) -> tuple[str, dt.datetime | None]:
    """What happens next, and by when (None when no date is known)."""
    call = app.call
    if status == S.DRAFT:
        if call.closes_at and now < call.closes_at:
            return _("Complete every section and submit before the call closes."), call.closes_at
        return _("The call has closed; this draft can no longer be submitted."), None
    if status == S.WITHDRAWN:
        return _("You withdrew this application."), None
    if notice is not None:
        pending = [o for o in entry.objections if o.status == "submitted"]
        if pending:
            return _("Your objection is being reviewed; you will be notified of the outcome."), None
        if entry.can_object:
            return _(
                "The result is published. You may file an objection until the deadline."
            ), entry.objection_deadline
        if notice.selected:
            return _("SBA will contact you about the agreement (협약)."), None
        return _("The selection is complete."), None
    if status == S.SCREENED_OUT or (screening is not None and screening.final_outcome == "fail"):
        return _("Your application did not pass eligibility screening; see the reasons."), None
    if screening is None and status == S.SUBMITTED:
        if call.closes_at and now < call.closes_at:
            return _(
                "SBA checks eligibility after the call closes; you will be notified of the result."
            ), call.closes_at
        return _("SBA is checking eligibility; you will be notified of the result."), None
    current = next((s for s in entry.steps if s.state == CURRENT), None)
    from evaluation.templatetags.committee_names import program_committee_name

    named = program_committee_name(app.program)  # a programme deciding in another committee
    if named and current is not None:
        return _(
            "%(step)s is under way. The result is published after the %(committee)s's decision; "
            "you will be notified."
        ) % {"step": current.label, "committee": named}, None
    if named:
        return _(
            "The evaluation is under way. The result is published after the %(committee)s's "
            "decision; you will be notified."
        ) % {"committee": named}, None
    if current is not None:
        return _(
            "%(step)s is under way. The result is published after the coordination committee; "
            "you will be notified."
        ) % {"step": current.label}, None
    return _(
        "The evaluation is under way. The result is published after the coordination committee; "
        "you will be notified."
    ), None
