"""The citizens' evaluation of a challenge final: one vote per verified account.

Anti-abuse limits (flow ``challenge.vote``): the voting window (from the call's ``vote_opens_at``
in ``Call.flow`` for ``window_days``), verified accounts only (an active account with an e-mail
address: accounts become active only through the e-mailed sign-up link), a rate limit of
attempts per account and minute (cache), no vote for one's own team, and one vote per account
and call — a database unique constraint, so two votes at once end in one vote and one refusal.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.domain.audit import record_audit
from config.locking import AlreadyDecided
from evaluation.domain import EvaluationError
from evaluation.domain.challenge_flow import call_program, vote_rules
from evaluation.models import ChallengeTeam, CitizenVote, StageResult
from programs.models import Call


def _refuse(code: str, ko: str, en: str):
    raise EvaluationError(ko, en, code)


def voting_window(call: Call) -> tuple[dt.datetime, dt.datetime] | None:
    program = call_program(call)
    rules = vote_rules(program=program) if program is not None else None
    opens = parse_datetime(str((call.flow or {}).get("vote_opens_at", ""))) if rules else None
    if not rules or opens is None:
        return None
    if timezone.is_naive(opens):
        opens = timezone.make_aware(opens, timezone.get_default_timezone())
    return opens, opens + dt.timedelta(days=int(rules.get("window_days", 7)))


def finalists_for_vote(call: Call):
    """Teams on the public ballot: the final's entrants (advanced from the preliminary or
    assigned to the final), with their team names and tracks."""
    final_ids = StageResult.objects.filter(call=call, stage="document", advances=True).values(
        "application_id"
    )
    return (
        ChallengeTeam.objects.filter(application__call=call, application_id__in=final_ids)
        .select_related("application")
        .order_by("application__track", "name")
    )


def cast_vote(
    *, call: Call, application_id: int, voter, now: dt.datetime | None = None
) -> CitizenVote:
    """Record the voter's one vote for a finalist of the call."""
    now = now or timezone.now()
    program = call_program(call)
    rules = vote_rules(program=program) if program is not None else None
    window = voting_window(call)
    if not rules or window is None:
        _refuse(
            "no_vote", "이 공고에는 시민평가가 없습니다.", "This call has no citizens' evaluation."
        )
    if not (window[0] <= now < window[1]):
        _refuse("window", "투표 기간이 아닙니다.", "Voting is closed (outside the voting window).")
    if not (voter.is_authenticated and voter.is_active and voter.email):
        _refuse(
            "unverified",
            "이메일 인증된 계정만 투표할 수 있습니다.",
            "Only accounts with a verified e-mail may vote.",
        )
    key = f"citizen-vote:{call.pk}:{voter.pk}:{now:%Y%m%d%H%M}"
    attempts = cache.get_or_set(key, 0, 120)
    cache.incr(key)
    if attempts >= int(rules.get("rate_per_minute", 5)):
        _refuse(
            "rate",
            "잠시 후 다시 시도하세요(분당 시도 횟수 초과).",
            "Too many attempts; try again in a minute.",
        )
    team = finalists_for_vote(call).filter(application_id=application_id).first()
    if team is None:
        _refuse("not_finalist", "결선 진출 팀이 아닙니다.", "Not a finalist of this call.")
    if team.application.applicant_id == voter.pk:
        _refuse("own_team", "자기 팀에는 투표할 수 없습니다.", "You cannot vote for your own team.")
    try:
        with transaction.atomic():
            vote = CitizenVote.objects.create(call=call, application_id=application_id, voter=voter)
            record_audit(
                actor=voter,
                action="challenge.vote",
                target=call,
                after={"application": application_id},
            )
    except IntegrityError:
        raise AlreadyDecided("이미 투표했습니다(계정당 1표).", "You have already voted (one vote per account).",
                             code="duplicate") from None  # fmt: skip
    return vote
