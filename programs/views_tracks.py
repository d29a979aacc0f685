"""Staff set each track's slots and budget envelope of a call (Call.flow["tracks"]) in labelled
fields; the ranking and the budget cut read them per track (evaluation.domain.track_ranking)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

import applications.rules_crowdfunding  # noqa: F401
from config.params import MAX_KRW
from evaluation.domain.track_ranking import tracks_of_call
from programs.domain.call_tracks import TrackSplitRefused, set_call_tracks, split_problems
from programs.models import Call


def track_form(call, data=None) -> forms.Form:
    form = forms.Form(data)
    for t in tracks_of_call(call).values():
        form.fields[f"{t.code}-slots"] = forms.IntegerField(
            label=_l("%(track)s: number of projects") % {"track": t.name}, min_value=0, max_value=10_000,
            initial=t.slots, required=False)  # fmt: skip
        form.fields[f"{t.code}-envelope_krw"] = forms.IntegerField(
            label=_l("%(track)s: budget envelope (KRW)") % {"track": t.name}, min_value=0, max_value=MAX_KRW,
            initial=t.envelope_krw, required=False)  # fmt: skip
    for f in form.fields.values():
        f.widget.attrs["class"] = "krds-input"
    return form


@login_required
def call_tracks(request, pk: int):
    if not request.user.has_perm("crowdfunding.set_call_tracks"):
        raise PermissionDenied
    call = get_object_or_404(Call, pk=pk)
    tracks = tracks_of_call(call)
    form = track_form(call, request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = {code: {"slots": form.cleaned_data.get(f"{code}-slots"),
                         "envelope_krw": form.cleaned_data.get(f"{code}-envelope_krw")} for code in tracks}  # fmt: skip
        try:
            set_call_tracks(call=call, values=values, actor=request.user)
        except TrackSplitRefused:
            for problem in split_problems(call=call, values=values):  # next to each figure the
                text = f"{problem.message_ko} / {problem.message_en}"  # tracks gave, input kept
                for code, spec in values.items():
                    if spec.get(problem.key) is not None:
                        form.add_error(f"{code}-{problem.key}", text)
        else:
            messages.success(request, _("Track settings saved."))
            return redirect("crowdfunding_tracks:call-tracks", pk=call.pk)
    return render(
        request, "crowdfunding/call_tracks.html", {"call": call, "form": form, "tracks": tracks}
    )
