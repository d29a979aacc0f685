"""Builders for the challenge tests (R09, R10): a closed challenge call and teams entered in it."""

import datetime as dt

from accounts.enums import Role
from applications.domain.state import set_application_status
from applications.enums import ApplicationStatus
from evaluation.domain.challenge_teams import enter_team
from tests.factories import CallFactory, InstitutionFactory, UserFactory

LEADER = [{"name": "김팀장", "role": "leader", "affiliation": "테스트"}]


def challenge_call(code: str, **flow):
    """A closed call of the programme (entries are filed with `now` inside its window)."""
    host = InstitutionFactory(name="서울경제진흥원")
    return CallFactory(
        programs=[code], closed=True, slots=13,
        flow={"pre_founder_host_business_no": host.business_no, **flow},
    )  # fmt: skip


def entry_time(call) -> dt.datetime:
    return call.opens_at + dt.timedelta(days=1)


def team_in(call, *, kind: str = "sme", technologies=("ai",), track: str = "", name: str = "",
            summary: str = "인공지능 드론 관제", minutes: int = 0, institution=None, foreign=False):  # fmt: skip
    if kind == "pre_founder":
        user = UserFactory(role=Role.APPLICANT)
    else:
        inst = institution or (
            InstitutionFactory(
                is_foreign=True,
                country="US",
                business_no="",
                foreign_registration_no=f"US-{UserFactory().pk}",
            )  # fmt: skip
            if foreign
            else InstitutionFactory()
        )
        user = UserFactory(role=Role.APPLICANT, institution=inst)
    return enter_team(
        actor=user, call=call, name=name or f"팀 {user.pk}", kind=kind, title=f"제안 {user.pk}",
        summary=summary, technologies=list(technologies), members=LEADER, track=track,
        now=entry_time(call) + dt.timedelta(minutes=minutes),
    )  # fmt: skip


def into_evaluation(teams, actor) -> None:
    for team in teams:
        set_application_status(application=team.application, status=ApplicationStatus.IN_EVALUATION,
                               actor=actor, notify=False)  # fmt: skip


def challenge_pages(applicant, staff) -> dict:
    """Pages of the challenges for the a11y scenario: an open R10 call the applicant entered, a
    decided R10 call with tiers, an R09 call with its ballot and a prize."""
    from django.utils import timezone

    from evaluation.domain.challenge_prizes import award_prize
    from evaluation.models import StageResult, TierAward

    host = InstitutionFactory(name="서울경제진흥원")
    open_call = CallFactory(
        programs=["R10"], flow={"pre_founder_host_business_no": host.business_no}
    )
    own = enter_team(actor=applicant, call=open_call, name="접근성 팀", kind="sme", title="드론 관제",
                     summary="드론과 인공지능", technologies=["drone", "ai"], members=LEADER)  # fmt: skip
    decided = challenge_call("R10")
    teams = [team_in(decided, minutes=i) for i in range(2)]
    for rank, team in enumerate(teams, start=1):
        StageResult.objects.create(call=decided, application=team.application, stage="presentation",
                                   method="trimmed_mean", aggregate=90 - rank, total=90 - rank, rank=rank)  # fmt: skip
    TierAward.objects.create(call=decided, application=teams[0].application, tier_code="grand", rank=1,
                             amount_krw=200_000_000, final_score="89.00")  # fmt: skip
    global_call = challenge_call("R09", vote_opens_at=timezone.now().isoformat())
    finalist = team_in(global_call, kind="company", track="technical", foreign=True)
    StageResult.objects.create(call=global_call, application=finalist.application, stage="document",
                               method="trimmed_mean", aggregate=80, total=80, rank=1, advances=True)  # fmt: skip
    award_prize(
        call=global_call,
        team=finalist,
        category="overall",
        actor=staff,
        currency="USD",
        rate_krw="1300",
    )
    return {
        "public": [("challenges", "/challenges/"), ("citizens' vote", f"/challenges/calls/{global_call.pk}/vote/")],
        "applicant": [("my challenge teams", "/challenges/teams/"), ("challenge team", f"/challenges/teams/{own.pk}/"),
                      ("enter a challenge", f"/challenges/calls/{open_call.pk}/enter/")],
        "staff": [("challenge (tiers)", f"/challenges/staff/calls/{decided.pk}/"),
                  ("challenge (contests, prizes)", f"/challenges/staff/calls/{global_call.pk}/"),
                  ("challenge ranking", f"/challenges/calls/{decided.pk}/ranking/"),
                  ("foreign institution", "/challenges/institution/foreign/")],
        "official": [("challenge ranking (official)", f"/challenges/calls/{global_call.pk}/ranking/")],
    }  # fmt: skip
