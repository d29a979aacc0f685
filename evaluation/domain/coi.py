"""Conflict-of-interest detection (제척): affiliation in the last 3 years, co-work, relationships."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q
from django.utils import timezone

from evaluation.enums import ConflictKind
from evaluation.models import Affiliation, DeclaredRelationship, EvaluatorProfile

LOOKBACK_YEARS = 3


@dataclass(frozen=True)
class Conflict:
    kind: str
    reason: str  # "Korean / English"


def _model(app_label: str, name: str):
    try:
        return apps.get_model(app_label, name)
    except LookupError:  # the applications teammate has not created it yet
        return None


def application_institution_ids(application) -> set[int]:
    """Lead institution plus every co-institution (ApplicationInstitution) of the application."""
    ids = {application.lead_institution_id}
    model = _model("applications", "ApplicationInstitution")
    if model is not None:
        ids |= set(
            model.objects.filter(application=application).values_list("institution_id", flat=True)
        )
    return ids


def application_researcher_ids(application) -> set[int]:
    """The PI plus every researcher listed on the application (ApplicationResearcher)."""
    ids = {application.pi_id} if application.pi_id else set()
    model = _model("applications", "ApplicationResearcher")
    if model is not None:
        ids |= set(
            model.objects.filter(application=application).values_list("researcher_id", flat=True)
        )
    return ids


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def detect_conflicts(*, evaluator, application, on: dt.date | None = None) -> list[Conflict]:
    """Every reason the evaluator must be excluded from the application (empty list: none).

    * affiliation: the evaluator belongs, or belonged within 3 years of ``on``, to the lead or any
      co-institution (affiliation history, plus the account's current institution);
    * cowork: the evaluator's researcher record took part in a funded project with the PI that
      ended within 3 years, or the evaluator declared a co-worker relationship with the PI;
    * relationship: a declared relative / teacher–student (or other) relationship with any
      researcher or institution of the application.
    """
    on = on or timezone.localdate()
    since = _years_before(on, LOOKBACK_YEARS)
    found: list[Conflict] = []
    institutions = application_institution_ids(application)
    profile = EvaluatorProfile.objects.filter(user=evaluator).first()

    if evaluator.institution_id in institutions:
        found.append(
            Conflict(
                ConflictKind.AFFILIATION,
                "현재 소속기관이 신청기관임 / currently belongs to an institution of the application",
            )
        )
    if profile is not None:
        past = Affiliation.objects.filter(
            evaluator=profile, institution_id__in=institutions
        ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=since))
        for aff in past.select_related("institution"):
            found.append(Conflict(
                ConflictKind.AFFILIATION,
                f"최근 3년 내 소속: {aff.institution.name} / belonged within 3 years to {aff.institution.name}",
            ))  # fmt: skip

    researchers = application_researcher_ids(application)
    if profile is not None and profile.researcher_id and application.pi_id:
        participation = _model("agreements", "ProjectParticipation")
        if participation is not None:
            mine = participation.objects.filter(
                researcher_id=profile.researcher_id, project__ends_on__gte=since
            ).values("project_id")
            shared = participation.objects.filter(
                project_id__in=mine, researcher_id=application.pi_id
            ).exists()
            project = _model("agreements", "Project")
            shared = shared or project.objects.filter(pk__in=mine, pi_id=application.pi_id).exists()
            if shared:
                found.append(
                    Conflict(
                        ConflictKind.COWORK,
                        "연구책임자와 공동 과제 수행 / co-worked with the PI on a project",
                    )
                )

    if profile is not None:
        declared = DeclaredRelationship.objects.filter(evaluator=profile).filter(
            Q(researcher_id__in=researchers) | Q(institution_id__in=institutions)
        )
        for rel in declared:
            kind = (
                ConflictKind.COWORK
                if rel.kind == "coworker" and rel.researcher_id == application.pi_id
                else ConflictKind.RELATIONSHIP
            )
            found.append(
                Conflict(
                    kind,
                    f"신고된 관계({rel.get_kind_display()}) / declared relationship: {rel.kind} {rel.note}".strip(),
                )
            )
    return found
