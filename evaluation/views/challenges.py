"""Challenge pages for entrants and the public: the challenges, entering as a team, my teams,
the citizens' vote (public ballot; voting requires sign-in) and the foreign institution form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.domain.foreign_institutions import register_foreign_institution
from accounts.interfaces.foreign_institution_forms import ForeignInstitutionForm
from config.forms import add_domain_errors
from config.params import ParamError, int_param
from evaluation.domain import EvaluationError
from evaluation.domain.challenge_flow import (
    call_program,
    challenge_of,
    english_first,
    is_challenge,
    prize_categories,
    steps,
    tiers,
    tracks,
)
from evaluation.domain.challenge_teams import enter_team, name_founded_institution
from evaluation.domain.citizen_votes import cast_vote, finalists_for_vote, voting_window
from evaluation.interfaces.challenge_forms import TeamEntryForm, english_first_label
from evaluation.models import ChallengeTeam, CitizenVote, PrizeAward, StageResult, TierAward
from evaluation.views import require
from programs.enums import CallStatus
from programs.models import Call, Program


def _challenge_call(pk: int, *, public: bool = True) -> tuple[Call, Program]:
    call = get_object_or_404(Call.objects.prefetch_related("programs"), pk=pk)
    program = call_program(call)
    if program is None or (public and call.status not in (CallStatus.PUBLISHED, CallStatus.CLOSED)):
        raise Http404
    return call, program


def challenges(request):
    """The challenges and their published calls, with each call's steps (everyone)."""
    programs = [p for p in Program.objects.order_by("order") if is_challenge(p)]
    calls = (
        Call.objects.filter(
            programs__in=programs, status__in=(CallStatus.PUBLISHED, CallStatus.CLOSED)
        )
        .distinct()
        .prefetch_related("programs")
        .order_by("-opens_at")
    )
    rows = []
    for call in calls:
        program = call_program(call)
        parts = [
            (t.name, steps(program=program, track_code=t.code)) for t in tracks(program=program)
        ]
        rows.append({"call": call, "program": program,
                     "sections": parts or [("", steps(program=program))],
                     "vote": bool((challenge_of(program) or {}).get("vote"))})  # fmt: skip
    return render(request, "challenges/index.html", {"rows": rows})


@login_required
def enter(request, pk: int):
    """An applicant enters an open challenge call as a team (English first where the flow says)."""
    require(request, "evaluation.enter_challenge")
    call, program = _challenge_call(pk)
    settings = challenge_of(program)
    english = english_first(program=program)
    form_kwargs = {"program": program, "tracks": tracks(program=program),
                   "kinds": settings.get("kinds", []), "english_first": english}  # fmt: skip
    form = TeamEntryForm(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            team = enter_team(
                actor=request.user, call=call, name=data["name"], kind=data["kind"], title=data["title"],
                summary=data["summary"], technologies=data["technologies"], members=form.members(),
                track=data.get("track", ""),
            )  # fmt: skip
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Your team has entered. Receipt number: %(no)s") % {
                "no": team.application.receipt_no})  # fmt: skip
            return redirect("challenges:team", team.pk)
    title = (
        english_first_label(gettext_lazy("Enter the challenge"))
        if english
        else _("Enter the challenge")
    )
    return render(request, "challenges/enter.html", {
        "call": call, "program": program, "form": form, "page_title": title, "english_first": english,
        "required_technologies": settings.get("required_technologies", []),
    })  # fmt: skip


@login_required
def my_teams(request):
    require(request, "evaluation.enter_challenge")
    teams = (
        ChallengeTeam.objects.filter(application__applicant=request.user)
        .select_related("application__call", "application__program")
        .order_by("-created_at")
    )
    return render(request, "challenges/my_teams.html", {"teams": teams})


@login_required
def team(request, pk: int):
    team = get_object_or_404(
        ChallengeTeam.objects.select_related(
            "application__call", "application__program", "institution"
        ),
        pk=pk,
    )
    require(request, "evaluation.view_challenge_team", team)
    app = team.application
    results = {r.stage: r for r in StageResult.objects.filter(application=app)}
    tier = TierAward.objects.filter(application=app).first()
    return render(request, "challenges/team.html", {
        "team": team, "members": team.members.all(), "app": app,
        "steps": steps(program=app.program, track_code=app.track), "results": results,
        "tier": tier, "tier_name": next((t.name for t in tiers(program=app.program, call=app.call)
                                         if tier and t.code == tier.tier_code), ""),
        "prizes": [(p, next((c["name_en"] if translation.get_language() == "en" else c["name_ko"]
                             for c in prize_categories(program=app.program) if c["code"] == p.category), ""))
                   for p in PrizeAward.objects.filter(application=app)],
        "may_name_company": team.kind == "pre_founder" and team.institution_id is None
        and request.user.institution_id is not None and request.user.has_perm("evaluation.change_challenge_team", team),
    })  # fmt: skip


@login_required
@require_POST
def name_company(request, pk: int):
    team = get_object_or_404(ChallengeTeam.objects.select_related("application"), pk=pk)
    require(request, "evaluation.change_challenge_team", team)
    if request.user.institution is None:
        messages.error(request, _("Register your institution first."))
        return redirect("challenges:team", pk)
    try:
        name_founded_institution(
            team=team, institution=request.user.institution, actor=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The founded company is now the team's institution."))
    return redirect("challenges:team", pk)


def vote(request, pk: int):
    """The public ballot of a call's final; casting a vote requires sign-in (one per account)."""
    call, program = _challenge_call(pk)
    if not (challenge_of(program) or {}).get("vote"):
        raise Http404
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        require(request, "evaluation.vote_challenge")
        try:
            application_id = int_param(request.POST, "application", min_value=1)
            with transaction.atomic():
                cast_vote(call=call, application_id=application_id, voter=request.user)
        except (EvaluationError, ParamError) as exc:
            messages.error(request, f"{exc.message_ko} / {exc.message_en}")
        else:
            messages.success(request, _("Thank you: your vote is recorded."))
        return redirect("challenges:vote", pk)
    window = voting_window(call)
    mine = (CitizenVote.objects.filter(call=call, voter=request.user).first()
            if request.user.is_authenticated else None)  # fmt: skip
    now = timezone.now()
    return render(request, "challenges/vote.html", {
        "call": call, "program": program, "finalists": finalists_for_vote(call), "window": window,
        "open": bool(window and window[0] <= now < window[1]), "my_vote": mine,
        "tracks": {t.code: t for t in tracks(program=program)},
    })  # fmt: skip


@login_required
def foreign_institution(request):
    """A foreign institution without a Korean business number registers (English first)."""
    require(request, "accounts.register_foreign_institution")
    if request.user.institution_id and not request.user.is_sba_staff:
        return redirect("institution-register")
    form = ForeignInstitutionForm(request.POST or None)
    for field in form.fields.values():
        field.label = english_first_label(field.label)
    if request.method == "POST" and form.is_valid():
        try:
            institution = register_foreign_institution(
                actor=request.user, sites=form.sites(), **form.institution_fields()
            )
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(
                request, _("Institution %(name)s registered.") % {"name": institution.name}
            )
            return redirect("challenges:index")
    return render(request, "challenges/foreign_institution.html", {
        "form": form, "page_title": english_first_label(gettext_lazy("Register a foreign institution")),
    })  # fmt: skip
