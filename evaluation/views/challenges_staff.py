"""Staff pages of a challenge call: steps and their rankings, final entrants (re-entry, on-site
scores), tiers and their agreements, prizes and the money figures; the final ranking (staff and
city officials read it)."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Institution
from agreements.models import Agreement
from config.params import (
    MAX_KRW,
    ParamError,
    choice_param,
    date_param,
    int_param,
    parse_int,
    text_param,
)
from evaluation.domain import EvaluationError
from evaluation.domain.challenge_flow import (
    call_program,
    challenge_of,
    development_period,
    final_weights,
    prize_categories,
    prototype_terms,
    steps,
    tiers,
    tracks,
)
from evaluation.domain.challenge_prizes import award_prize, prize_totals
from evaluation.domain.challenge_prototype import advancing_teams, create_prototype_agreements
from evaluation.domain.challenge_ranking import (
    combined_final_scores,
    final_entrants,
    rank_step,
    record_on_site_score,
)
from evaluation.domain.challenge_teams import (
    confirm_re_entry,
    host_candidates,
    pre_founder_host,
    set_pre_founder_host,
)
from evaluation.domain.challenge_tiers import assign_tiers, create_tier_agreement, preview
from evaluation.domain.committees import auto_assign
from evaluation.interfaces.challenge_forms import HostForm, PrizeForm
from evaluation.models import ChallengeTeam, Committee, PrizeAward, StageResult, TierAward
from evaluation.views import require
from programs.models import Call


def _call(pk: int):
    call = get_object_or_404(Call.objects.prefetch_related("programs"), pk=pk)
    program = call_program(call)
    if program is None:
        from django.http import Http404

        raise Http404
    return call, program


def _team(call, pk: int) -> ChallengeTeam:
    return get_object_or_404(
        ChallengeTeam.objects.select_related("application"), pk=pk, application__call=call
    )


def _act(request, action, success: str):
    try:
        action()
    except (EvaluationError, ParamError) as exc:
        messages.error(request, f"{exc.message_ko} / {exc.message_en}")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)


def _post(request, call, program):
    op = choice_param(
        request.POST,
        "op",
        ["rank", "re_entry", "on_site", "tiers", "agreement", "prize", "assign_final", "host",
         "prototype"],
    )  # fmt: skip
    actor = request.user
    if op == "rank":
        codes = [t.code for t in tracks(program=program)] or [""]
        stage = choice_param(request.POST, "stage", ["document", "presentation"])
        track = choice_param(request.POST, "track", codes) if codes != [""] else ""
        _act(
            request,
            lambda: rank_step(call=call, stage=stage, actor=actor, track_code=track),
            _("Step ranked."),
        )
    elif op == "re_entry":
        team = _team(call, int_param(request.POST, "team", min_value=1))
        reference = text_param(request.POST, "reference", max_length=120)
        _act(
            request,
            lambda: confirm_re_entry(team=team, reference=reference, actor=actor),
            _("Re-entry confirmed."),
        )
    elif op == "on_site":
        team = _team(call, int_param(request.POST, "team", min_value=1))
        score = text_param(request.POST, "score", max_length=12)
        _act(
            request,
            lambda: record_on_site_score(team=team, score=score, actor=actor),
            _("On-site score recorded."),
        )
    elif op == "assign_final":
        committee_id = int_param(request.POST, "committee", min_value=1)
        committee = get_object_or_404(Committee, pk=committee_id, call=call, stage="presentation")
        codes = [t.code for t in tracks(program=program)] or [""]
        track = choice_param(request.POST, "track", codes) if codes != [""] else ""
        _act(request, lambda: auto_assign(committee=committee, applications=final_entrants(call=call, track_code=track),
                                          actor=actor), _("Finalists assigned to the committee."))  # fmt: skip
    elif op == "tiers":
        _act(
            request,
            lambda: assign_tiers(call=call, actor=actor),
            _("Tiers decided; the teams are notified."),
        )
    elif op == "agreement":
        award_id = int_param(request.POST, "award", min_value=1)
        award = get_object_or_404(TierAward, pk=award_id, call=call)
        _act(
            request,
            lambda: create_tier_agreement(award=award, actor=actor),
            _("The tier is in the team's agreement."),
        )
    elif op == "host":
        form = _host_form(request, call)
        if not form.is_valid():
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        else:
            host = form.cleaned_data["host"]
            _act(request, lambda: set_pre_founder_host(call=call, institution=host, actor=actor),
                 _("Host institution for pre-founder teams saved."))  # fmt: skip
    elif op == "prototype":
        codes = [t.code for t in tracks(program=program)] or [""]
        track = choice_param(request.POST, "track", codes) if codes != [""] else ""
        _act(
            request, lambda: _prototype(request, call, track), _("Prototype agreements confirmed.")
        )
    elif op == "prize":
        form = _prize_form(request, call, program)
        if not form.is_valid():
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        else:
            d = form.cleaned_data
            team = get_object_or_404(
                ChallengeTeam, application_id=d["team"], application__call=call
            )
            _act(request, lambda: award_prize(call=call, team=team, category=d["category"], actor=actor,
                                              currency=d["currency"], rate_krw=d["rate_krw"], rate_on=d["rate_on"]),
                 _("Prize awarded."))  # fmt: skip
    return redirect("challenges:staff-call", call.pk)


def _prototype(request, call, track: str):
    """Parse the start date and the per-team amounts inside the action (a bad value is a message
    next to the form, never a 400 page), then create the advancing teams' agreements."""
    starts_on = date_param(request.POST, "starts_on")
    amounts = {}
    for team in advancing_teams(call=call, track_code=track):
        raw = str(request.POST.get(f"amount_{team.application_id}", "")).replace(",", "").strip()
        if raw:
            amounts[team.application_id] = parse_int(
                raw, f"amount_{team.application_id}", min_value=1, max_value=MAX_KRW
            )
    outcome = create_prototype_agreements(
        call=call, actor=request.user, starts_on=starts_on, amounts=amounts, track_code=track
    )
    for team, ko, en in outcome.waiting:
        messages.warning(request, f"{team.name}: {ko} / {en}")


def _host_form(request, call):
    current = pre_founder_host(call=call)
    candidates = host_candidates()
    if current is not None:
        candidates = candidates | Institution.objects.filter(pk=current.pk)
    return HostForm(
        request.POST if request.method == "POST" else None,
        candidates=candidates,
        initial={"host": current.pk if current else None},
    )


def _prototype_rows(call, program, code: str):
    """The prototype step of a track: its terms and the advancing teams with their agreement."""
    terms = prototype_terms(program=program, call=call, track_code=code)
    if not terms:
        return None
    teams = advancing_teams(call=call, track_code=code)
    have = dict(
        Agreement.objects.filter(application__in=[t.application_id for t in teams]).values_list(
            "application_id", "pk"
        )
    )
    choose = terms.get("amount_krw") is None or bool(terms.get("amount_is_cap"))
    return {"terms": terms, "choose": choose,
            "rows": [{"team": t, "agreement": have.get(t.application_id),
                      "waiting": t.institution_id is None and t.kind == "pre_founder"} for t in teams],
            "open": any(t.application_id not in have for t in teams)}  # fmt: skip


def _prize_form(request, call, program):
    teams = ChallengeTeam.objects.filter(application__call=call).order_by("name")
    categories = [{**c, "name": c["name_en"] if request.LANGUAGE_CODE == "en" else c["name_ko"]}
                  for c in prize_categories(program=program)]  # fmt: skip
    return PrizeForm(
        request.POST if request.method == "POST" else None, teams=teams, categories=categories
    )


@login_required
def staff_call(request, pk: int):
    require(request, "evaluation.manage_challenge")
    call, program = _call(pk)
    if request.method == "POST":
        return _post(request, call, program)
    codes = [t.code for t in tracks(program=program)] or [""]
    counts = {}
    for stage, track, adv in StageResult.objects.filter(call=call).values_list(
        "stage", "application__track", "advances"
    ):
        key = (stage, track)
        ranked, advancing = counts.get(key, (0, 0))
        counts[key] = (ranked + 1, advancing + (1 if adv else 0))
    sections = []
    for code in codes:
        step_rows = [{"step": s, "counts": counts.get((s.code, code), (0, 0))}
                     for s in steps(program=program, track_code=code)]  # fmt: skip
        entrants = final_entrants(call=call, track_code=code)
        entrant_ids = {a.pk for a in entrants}
        teams = ChallengeTeam.objects.filter(application__call=call, application__track=code).select_related(
            "application").order_by("name")  # fmt: skip
        sections.append({"track": next((t for t in tracks(program=program) if t.code == code), None),
                         "code": code, "steps": step_rows, "teams": teams, "entrant_ids": entrant_ids,
                         "scores": combined_final_scores(call=call, track_code=code),
                         "prototype": _prototype_rows(call, program, code)})  # fmt: skip
    awards = list(TierAward.objects.filter(call=call).select_related("application__challenge_team"))
    agreements = dict(
        Agreement.objects.filter(application__tier_award__call=call).values_list(
            "application_id", "pk"
        )
    )
    kinds = challenge_of(program).get("kinds") or []
    settings = challenge_of(program) or {}
    return render(request, "challenges/staff_call.html", {
        "call": call, "program": program, "sections": sections, "weights": final_weights(program=program),
        "on_site": "on_site" in final_weights(program=program),
        "tiers": tiers(program=program, call=call), "awards": awards, "agreements": agreements,
        "preview": preview(call=call) if tiers(program=program, call=call) and not awards else [],
        "tier_total": sum(a.amount_krw for a in awards),
        "categories": prize_categories(program=program),
        "prizes": PrizeAward.objects.filter(call=call).select_related("application__challenge_team"),
        "prize_totals": prize_totals(call=call), "prize_form": _prize_form(request, call, program),
        "prize_budget": (settings.get("prize_budget_krw") or {}),
        "team_names": dict(ChallengeTeam.objects.filter(application__call=call).values_list("application_id", "name")),
        "final_committees": Committee.objects.filter(call=call, stage="presentation").order_by("name"),
        "prototype": prototype_terms(program=program, call=call),
        "development": development_period(program=program, call=call),
        "host_form": _host_form(request, call) if "pre_founder" in kinds else None,
        "today": timezone.localdate(),
        "confirm_tiers": _("Decide the tiers from the final ranking? Every finalist is notified and the "
                           "decision cannot be changed."),
    })  # fmt: skip


@login_required
def ranking(request, pk: int):
    """The final ranking with the combined score, the tiers and the documented tie-break."""
    require(request, "evaluation.view_challenge_ranking")
    call, program = _call(pk)
    codes = [t.code for t in tracks(program=program)] or [""]
    names = dict(
        ChallengeTeam.objects.filter(application__call=call).values_list("application_id", "name")
    )
    awards = {a.application_id: a for a in TierAward.objects.filter(call=call)}
    tier_names = {t.code: t.name for t in tiers(program=program, call=call)}
    sections = []
    for code in codes:
        scores = combined_final_scores(call=call, track_code=code)
        rows = sorted(
            ({"application_id": pk_, "team": names.get(pk_, ""), **s, "award": awards.get(pk_)}
             for pk_, s in scores.items()),
            key=lambda r: (r["final"] is None, -(r["final"] or Decimal(0)), r["team"]),
        )  # fmt: skip
        sections.append(
            {
                "track": next((t for t in tracks(program=program) if t.code == code), None),
                "rows": rows,
            }
        )
    return render(request, "challenges/ranking.html", {
        "call": call, "program": program, "sections": sections, "tier_names": tier_names,
        "tiers": tiers(program=program, call=call), "weights": final_weights(program=program),
        "steps": steps(program=program, track_code=codes[0]),
    })  # fmt: skip
