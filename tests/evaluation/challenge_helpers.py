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
            InstitutionFactory(is_foreign=True, country="US", business_no="",
                               foreign_registration_no=f"US-{UserFactory().pk}")  # fmt: skip
            if foreign else InstitutionFactory()
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
