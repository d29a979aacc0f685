"""Pages of the investment adequacy committee (투자적절성검증위원회, INV; seed 002 §3).

Staff open the committee of a call, seat members and record the committee's decision per
application; members sign the pledge and write their own opinion on the applications they have no
conflict with; officials read. Rules in evaluation.domain.adequacy; permissions in
evaluation.rules_adequacy.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts.enums import Role
from accounts.models import User
from applications.models import Application
from config.forms import KrdsFormMixin
from config.params import id_param
from evaluation.domain import EvaluationError
from evaluation.domain.adequacy import (
    add_member,
    candidates,
    committee_spec,
    decide,
    may_review,
    open_committee,
    record_opinion,
    sign_pledge,
)
from evaluation.models import Adequacy, AdequacyCommittee, AdequacyMember, AdequacyOpinion
from evaluation.screening.models import Recommendation
from programs.models import Call


class OpinionForm(KrdsFormMixin, forms.Form):
    result = forms.ChoiceField(label=gettext_lazy("Opinion"), choices=Adequacy.choices,
                               widget=forms.RadioSelect)  # fmt: skip
    reasons = forms.CharField(label=gettext_lazy("Reasons"), max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


class MemberForm(KrdsFormMixin, forms.Form):
    member = forms.ModelChoiceField(label=gettext_lazy("Evaluator"), queryset=None,
                                    empty_label=gettext_lazy("— choose —"))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = User.objects.filter(
            role=Role.EVALUATOR, is_active=True
        ).order_by("username")


def _message(exc) -> str:
    return getattr(exc, "message", None) or "; ".join(getattr(exc, "messages", [str(exc)]))


def adequacy_calls():
    return [c for c in Call.objects.prefetch_related("programs").order_by("-opens_at")[:200]
            if committee_spec(c)]  # fmt: skip


def _recommendations(call_id, institution_ids) -> dict:
    rows = Recommendation.objects.filter(
        call_id=call_id, institution_id__in=institution_ids
    ).select_related("operator")
    return {r.institution_id: r for r in rows}


class CallListView(LoginRequiredMixin, View):
    def get(self, request):
        if not request.user.has_perm("evaluation.view_adequacy"):
            raise PermissionDenied
        calls = adequacy_calls()
        committees = {c.call_id: c for c in AdequacyCommittee.objects.filter(call__in=calls)}
        rows = [{"call": c, "committee": committees.get(c.pk)} for c in calls]
        return render(request, "national_matching/adequacy_calls.html", {"rows": rows})


class CommitteeView(LoginRequiredMixin, View):
    def context(self, request, call, **forms):
        committee = AdequacyCommittee.objects.filter(call=call).first()
        apps = list(candidates(committee)) if committee else []
        decided = (
            list(committee.decisions.select_related("application__lead_institution"))
            if committee
            else []
        )
        for d in decided:
            if d.application not in apps:
                apps.append(d.application)
        by_app = {d.application_id: d for d in decided}
        opinions: dict = {}
        if committee:
            for o in AdequacyOpinion.objects.filter(seat__committee=committee).select_related(
                "seat__member"
            ):
                opinions.setdefault(o.application_id, []).append(o)
        recs = _recommendations(call.pk, [a.lead_institution_id for a in apps])
        rows = [{"app": a, "decision": by_app.get(a.pk), "opinions": opinions.get(a.pk, []),
                 "rec": recs.get(a.lead_institution_id)} for a in apps]  # fmt: skip
        manage = request.user.has_perm("evaluation.manage_adequacy")
        return {
            "call": call, "committee": committee, "rows": rows, "manage": manage,
            "members": committee.members.select_related("member") if committee else [],
            "member_form": forms.get("member_form") or (MemberForm() if manage and committee else None),
            "decide_errors": forms.get("decide_errors", {}),
        }  # fmt: skip

    def get(self, request, call_id: int):
        if not request.user.has_perm("evaluation.view_adequacy"):
            raise PermissionDenied
        call = get_object_or_404(Call, pk=call_id)
        if committee_spec(call) is None:
            raise Http404
        return render(
            request, "national_matching/adequacy_committee.html", self.context(request, call)
        )

    def post(self, request, call_id: int):
        if not request.user.has_perm("evaluation.manage_adequacy"):
            raise PermissionDenied
        call = get_object_or_404(Call, pk=call_id)
        action, forms_ = request.POST.get("action"), {}
        try:
            if action == "open":
                open_committee(call=call, actor=request.user)
            elif action == "member":
                committee = get_object_or_404(AdequacyCommittee, call=call)
                form = forms_["member_form"] = MemberForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Choose an evaluator."))
                add_member(
                    committee=committee, member=form.cleaned_data["member"], actor=request.user
                )
            elif action == "decide":
                committee = get_object_or_404(AdequacyCommittee, call=call)
                app_id = id_param(request.POST, "application")
                try:
                    decide(committee=committee, application_id=app_id, actor=request.user,
                           result=request.POST.get("result", ""), reasons=request.POST.get("reasons", ""))  # fmt: skip
                except (EvaluationError, ValidationError) as exc:
                    forms_["decide_errors"] = {app_id: _message(exc)}
                    raise
            else:
                raise Http404
        except (EvaluationError, ValidationError) as exc:
            if "decide_errors" not in forms_:
                messages.error(request, _message(exc))
            if "member_form" not in forms_ and "decide_errors" not in forms_:
                return redirect("national_matching:adequacy-committee", call.pk)
            return render(request, "national_matching/adequacy_committee.html",
                          self.context(request, call, **forms_), status=422)  # fmt: skip
        messages.success(request, _("Recorded."))
        return redirect("national_matching:adequacy-committee", call.pk)


class MySeatsView(LoginRequiredMixin, View):
    def get(self, request):
        if not request.user.has_perm("evaluation.sit_adequacy"):
            raise PermissionDenied
        seats = AdequacyMember.objects.filter(member=request.user).select_related("committee__call")
        rows = []
        for seat in seats:
            apps = []
            if seat.pledge_signed_at:
                mine = {o.application_id: o for o in seat.opinions.all()}
                for app in candidates(seat.committee):
                    apps.append({"app": app, "opinion": mine.get(app.pk),
                                 "allowed": may_review(seat=seat, application=app)})  # fmt: skip
            rows.append({"seat": seat, "apps": apps})
        return render(request, "national_matching/adequacy_mine.html", {"rows": rows})

    def post(self, request):
        seat_id = id_param(request.POST, "seat")
        seat = get_object_or_404(AdequacyMember, pk=seat_id)
        if not request.user.has_perm("evaluation.act_on_seat", seat):
            raise PermissionDenied
        sign_pledge(seat=seat, actor=request.user)
        messages.success(request, _("Pledge signed."))
        return redirect("national_matching:adequacy-mine")


class OpinionView(LoginRequiredMixin, View):
    def _load(self, request, seat_id, application_id):
        seat = get_object_or_404(AdequacyMember.objects.select_related("committee"), pk=seat_id)
        if not request.user.has_perm("evaluation.act_on_seat", seat):
            raise PermissionDenied
        app = get_object_or_404(Application.objects.select_related("lead_institution"), pk=application_id,
                                call_id=seat.committee.call_id)  # fmt: skip
        if not may_review(seat=seat, application=app):
            raise PermissionDenied
        return seat, app

    def _render(self, request, seat, app, form, status=200):
        rec = _recommendations(app.call_id, [app.lead_institution_id]).get(app.lead_institution_id)
        return render(request, "national_matching/adequacy_opinion.html",
                      {"seat": seat, "app": app, "rec": rec, "form": form}, status=status)  # fmt: skip

    def get(self, request, seat_id: int, application_id: int):
        seat, app = self._load(request, seat_id, application_id)
        mine = AdequacyOpinion.objects.filter(seat=seat, application=app).first()
        initial = {"result": mine.result, "reasons": mine.reasons} if mine else None
        return self._render(request, seat, app, OpinionForm(initial=initial))

    def post(self, request, seat_id: int, application_id: int):
        seat, app = self._load(request, seat_id, application_id)
        form = OpinionForm(request.POST)
        if form.is_valid():
            try:
                record_opinion(seat=seat, application=app, actor=request.user, **form.cleaned_data)
            except (EvaluationError, ValidationError) as exc:
                form.add_error(None, _message(exc))
            else:
                messages.success(request, _("Your opinion was saved."))
                return redirect("national_matching:adequacy-mine")
        return self._render(request, seat, app, form, status=422)
