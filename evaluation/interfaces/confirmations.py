"""What an irreversible staff action will do, said before it is done.

Each function counts (server-side, a few queries) what the action will change and returns the
sentence shown in the confirmation dialog (``<form data-confirm="…">``, static/js/portal.js), in
the current language. The pages also show the timeline's refusal beforehand
(``evaluation.domain.timeline.check``).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from evaluation.screening.enums import Outcome


def release_message(run, counts: dict[str, int]) -> str:
    """Screening release: every screened applicant is told their outcome."""
    total = sum(counts.values())
    text = ngettext(
        "%(total)s applicant will be notified of the screening result (%(pass)s pass, %(fail)s "
        "fail). Released results cannot be changed. Release now?",
        "%(total)s applicants will be notified of the screening result (%(pass)s pass, %(fail)s "
        "fail). Released results cannot be changed. Release now?",
        total,
    )
    return text % {
        "total": total, "pass": counts.get(Outcome.PASS, 0), "fail": counts.get(Outcome.FAIL, 0),
    }  # fmt: skip


def aggregate_message(call, stage: str) -> str:
    """Aggregation and ranking of a stage: every assigned application gets its rank."""
    from evaluation.models import Assignment

    count = (
        Assignment.objects.filter(call=call, stage=stage)
        .values("application_id")
        .distinct()
        .count()
    )
    text = ngettext(
        "The scores of %(count)s application will be aggregated and ranked; who advances is set "
        "by the call's rules. Compute now?",
        "The scores of %(count)s applications will be aggregated and ranked; who advances is set "
        "by the call's rules. Compute now?",
        count,
    )
    return text % {"count": count}


def publish_message(call) -> str:
    """Publication: every evaluated applicant without a notice is told selected / not selected."""
    from evaluation.models import Assignment, CommitteeDecision, ResultNotice

    evaluated = Assignment.objects.filter(call=call).values("application_id").distinct()
    notified = ResultNotice.objects.filter(application_id__in=evaluated).count()
    count = evaluated.count() - notified
    selected = CommitteeDecision.objects.filter(call=call, selected=True).count()
    text = ngettext(
        "%(count)s applicant will be notified of the final result (%(selected)s selected by the "
        "committee, cut at the budget envelope). Published results cannot be withdrawn. "
        "Publish now?",
        "%(count)s applicants will be notified of the final result (%(selected)s selected by the "
        "committee, cut at the budget envelope). Published results cannot be withdrawn. "
        "Publish now?",
        count,
    )
    return text % {"count": count, "selected": selected}


def objection_message(objection) -> str:
    """Objection decision: the applicant is told the outcome; the decision is final."""
    return _(
        "The applicant of %(receipt)s will be notified of the outcome of the objection. "
        "The decision cannot be changed. Record it now?"
    ) % {"receipt": objection.application.receipt_no}
