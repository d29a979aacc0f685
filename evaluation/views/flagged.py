"""Staff control on the ranking page: confirm (or not) a flagged result, with a reason."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.params import choice_param, text_param
from evaluation.domain.results import decide_flagged_result
from evaluation.enums import SCORED_STAGES, FlaggedDecision
from evaluation.views import require, run
from programs.models import Call


@login_required
@require_POST
def flagged_decision(request, pk, stage, application_pk):
    require(request, "evaluation.manage")
    if stage not in SCORED_STAGES:
        raise Http404
    call = get_object_or_404(Call, pk=pk)
    return run(
        request,
        lambda: decide_flagged_result(
            call=call, stage=stage, application_id=application_pk,
            decision=choice_param(request.POST, "decision", FlaggedDecision),
            reason=text_param(request.POST, "reason", max_length=2000),
            actor=request.user,
        ),
        _("Decision recorded; the stage was recomputed."),
        reverse("evaluation:ranking", args=[call.pk, stage]),
    )  # fmt: skip
