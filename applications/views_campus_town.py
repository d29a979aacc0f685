"""Pages of the campus-town matching before intake (R03): problems, the expert search, matches.

Thin views over applications.domain.matching; permissions in applications.rules."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.enums import Role
from accounts.models import TechField, User
from applications.domain.matching import (
    decide_match,
    matching_programs,
    post_problem,
    propose_match,
    search_experts,
    start_joint_plan,
    visible_matches,
)
from applications.models import ExpertMatch, MatchStatus, TechnicalProblem
from config.params import id_param


class PermView(LoginRequiredMixin, View):
    permission_required = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm(self.permission_required):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _refusal(exc: ValidationError) -> str:
    from django.utils import translation

    ko, en = getattr(exc, "message_ko", ""), getattr(exc, "message_en", "")
    return (en if translation.get_language() == "en" else ko) or "; ".join(exc.messages)


class ProblemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    field = forms.ChoiceField(label=_("Technical field"), choices=TechField.choices)
    keywords = forms.CharField(
        label=_("Keywords"), max_length=300, required=False,
        help_text=_("Comma-separated, e.g. sensor, battery."),
    )  # fmt: skip
    description = forms.CharField(
        label=_("Description of the technical problem"), widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
    )  # fmt: skip


class SearchForm(forms.Form):
    field = forms.ChoiceField(
        label=_("Technical field"),
        required=False,
        choices=[("", _("All fields")), *TechField.choices],
    )
    q = forms.CharField(label=_("Keywords"), required=False, max_length=200)


def _problems_for(user):
    qs = TechnicalProblem.objects.select_related("startup", "program")
    if user.role in (Role.STAFF, Role.INTAKE_AGENCY) or user.is_superuser:
        return qs
    return qs.filter(startup_id=user.institution_id) if user.institution_id else qs.none()


class ProblemListView(PermView):
    permission_required = "applications.list_matches"

    def get(self, request):
        if request.user.role == Role.EXPERT:
            return redirect("campus_town:matches")
        return render(request, "campus_town/problems.html", {
            "problems": _problems_for(request.user)[:200],
            "may_post": request.user.has_perm("applications.post_problem"),
        })  # fmt: skip


class ProblemCreateView(PermView):
    permission_required = "applications.post_problem"

    def get(self, request):
        return render(request, "campus_town/problem_form.html", {"form": ProblemForm()})

    def post(self, request):
        form = ProblemForm(request.POST)
        programs = matching_programs()
        if form.is_valid() and programs:
            try:
                problem = post_problem(user=request.user, program=programs[0], **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, _refusal(exc))
            else:
                messages.success(request, _("Your technical problem is posted. Choose an expert."))
                return redirect("campus_town:problem", pk=problem.pk)
        return render(request, "campus_town/problem_form.html", {"form": form}, status=400)


class ProblemDetailView(PermView):
    permission_required = "applications.list_matches"

    def _problem(self, request, pk):
        problem = get_object_or_404(_problems_for(request.user), pk=pk)
        return problem

    def get(self, request, pk: int):
        problem = self._problem(request, pk)
        form = SearchForm(request.GET or {"field": problem.field, "q": problem.keywords})
        form.is_valid()
        data = getattr(form, "cleaned_data", {})
        candidates = search_experts(field=data.get("field", ""), keywords=data.get("q", ""))
        return render(request, "campus_town/problem.html", {
            "problem": problem, "form": form, "candidates": candidates,
            "matches": problem.matches.select_related("expert__expert_profile__university"),
            "may_propose": request.user.has_perm("applications.propose_match")
            and problem.status == "open",
        })  # fmt: skip

    def post(self, request, pk: int):
        problem = self._problem(request, pk)
        if not request.user.has_perm("applications.propose_match"):
            raise PermissionDenied
        expert_id = id_param(request.POST, "expert", default=0)
        expert = User.objects.filter(pk=expert_id, role=Role.EXPERT).first()
        if expert is None:
            messages.error(request, _("Choose an expert of the pool."))
            return redirect("campus_town:problem", pk=problem.pk)
        try:
            match = propose_match(problem_id=problem.pk, expert=expert, actor=request.user)
        except ValidationError as exc:
            messages.error(request, _refusal(exc))
            return redirect("campus_town:problem", pk=problem.pk)
        messages.success(request, _("The match is proposed; both sides are asked to accept."))
        return redirect("campus_town:match", pk=match.pk)


def _int(value) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 12 else None


class ExpertSearchView(PermView):
    permission_required = "applications.search_experts"

    def get(self, request):
        form = SearchForm(request.GET or None)
        candidates = []
        if form.is_bound and form.is_valid():
            candidates = search_experts(
                field=form.cleaned_data["field"], keywords=form.cleaned_data["q"], limit=50
            )
        return render(request, "campus_town/experts.html", {"form": form, "candidates": candidates})


class MatchListView(PermView):
    permission_required = "applications.list_matches"

    def get(self, request):
        matches = visible_matches(request.user).select_related("application")[:300]
        return render(request, "campus_town/matches.html", {"matches": matches})


class MatchDetailView(PermView):
    permission_required = "applications.list_matches"

    def _match(self, request, pk):
        match = get_object_or_404(
            ExpertMatch.objects.select_related(
                "problem__startup", "expert__expert_profile__university", "application"
            ), pk=pk,
        )  # fmt: skip
        if not request.user.has_perm("applications.view_match", match):
            raise Http404
        return match

    def get(
        self, request, pk: int, *, decline_error: str = "", reason: str = "", status: int = 200
    ):
        match = self._match(request, pk)
        user = request.user
        side = ""
        if user.role == Role.EXPERT and match.expert_id == user.pk:
            side = "expert"
        elif user.role == Role.APPLICANT and user.institution_id == match.problem.startup_id:
            side = "startup"
        answered = bool(side and getattr(match, f"{side}_decision"))
        return render(request, "campus_town/match.html", {
            "match": match, "side": side,
            "may_answer": bool(side) and not answered and match.status == MatchStatus.PROPOSED,
            "may_start_plan": side == "startup" and match.status == MatchStatus.ACCEPTED,
            "decline_error": decline_error, "reason": reason,
        }, status=status)  # fmt: skip

    def post(self, request, pk: int):
        match = self._match(request, pk)
        op = request.POST.get("op", "")
        try:
            if op == "plan":
                app = start_joint_plan(match_id=match.pk, actor=request.user)
                return redirect("applications:edit", pk=app.pk)
            if op not in ("accept", "decline"):
                raise Http404
            if not request.user.has_perm("applications.answer_match", match):
                raise PermissionDenied
            reason = request.POST.get("reason", "")[:2000]
            decide_match(
                match_id=match.pk, actor=request.user, accept=op == "accept", reason=reason
            )
        except ValidationError as exc:
            if op == "decline" and getattr(exc, "code", "") == "reason_required":
                return self.get(request, pk, decline_error=_refusal(exc), status=400,
                                reason=request.POST.get("reason", "")[:2000])  # fmt: skip
            messages.error(request, _refusal(exc))
        else:
            messages.success(request, _("Your answer is recorded."))
        return redirect("campus_town:match", pk=match.pk)


class ExpertProfileForm(forms.Form):
    position = forms.CharField(label=_("Position"), max_length=100, required=False)
    department = forms.CharField(label=_("Department"), max_length=200, required=False)
    fields_ = forms.MultipleChoiceField(
        label=_("Technical fields"), choices=TechField.choices,
        widget=forms.CheckboxSelectMultiple, required=False,
    )  # fmt: skip
    keywords = forms.CharField(
        label=_("Keywords"), max_length=500, required=False,
        help_text=_("Comma-separated, e.g. sensor, battery."),
    )  # fmt: skip
    bio = forms.CharField(label=_("Expertise"), required=False, max_length=3000,
                          widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    available = forms.BooleanField(label=_("Available for new matches"), required=False)


class ExpertProfileView(PermView):
    """The expert keeps the pool's record of themself up to date (the search reads it)."""

    permission_required = "applications.edit_expert_profile"

    def _profile(self, request):
        from accounts.models import ExpertProfile

        profile = (
            ExpertProfile.objects.filter(user=request.user).select_related("university").first()
        )
        if profile is None:
            raise Http404
        return profile

    def get(self, request):
        profile = self._profile(request)
        form = ExpertProfileForm(initial={
            "position": profile.position, "department": profile.department,
            "fields_": profile.field_list, "keywords": profile.keywords, "bio": profile.bio,
            "available": profile.available,
        })  # fmt: skip
        return render(
            request, "campus_town/expert_profile.html", {"form": form, "profile": profile}
        )

    def post(self, request):
        from accounts.domain.audit import record_audit
        from accounts.models.expert import stored_fields

        profile = self._profile(request)
        form = ExpertProfileForm(request.POST)
        if not form.is_valid():
            return render(request, "campus_town/expert_profile.html",
                          {"form": form, "profile": profile}, status=400)  # fmt: skip
        data = form.cleaned_data
        before = {
            "fields": profile.fields,
            "keywords": profile.keywords,
            "available": profile.available,
        }
        profile.position, profile.department = data["position"], data["department"]
        profile.fields, profile.keywords = stored_fields(data["fields_"]), data["keywords"]
        profile.bio, profile.available = data["bio"], data["available"]
        profile.save()
        record_audit(actor=request.user, action="matching.expert_profile", target=profile,
                     before=before, after={"fields": profile.fields, "keywords": profile.keywords,
                                           "available": profile.available})  # fmt: skip
        messages.success(request, _("Your expert profile is saved."))
        return redirect("campus_town:expert-profile")
