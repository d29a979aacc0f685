"""Staff pages of a challenge call: steps and their rankings, final entrants (re-entry, on-site
scores), tiers and their agreements, prizes and the money figures; the final ranking (staff and
city officials read it)."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agreements.models import Agreement
from config.params import ParamError, choice_param, int_param, text_param
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
from evaluation.domain.challenge_ranking import (
    combined_final_scores,
    final_entrants,
    rank_step,
    record_on_site_score,
)
from evaluation.domain.challenge_teams import confirm_re_entry
from evaluation.domain.challenge_tiers import assign_tiers, create_tier_agreement, preview
from evaluation.domain.committees import auto_assign
from evaluation.interfaces.challenge_forms import PrizeForm
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
        ["rank", "re_entry", "on_site", "tiers", "agreement", "prize", "assign_final"],
    )
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
            _("Agreement created."),
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
                         "scores": combined_final_scores(call=call, track_code=code)})  # fmt: skip
    awards = list(TierAward.objects.filter(call=call).select_related("application__challenge_team"))
    agreements = dict(
        Agreement.objects.filter(application__tier_award__call=call).values_list(
            "application_id", "pk"
        )
    )
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
