"""Annual and final evaluation rounds on the evaluation machinery (committee, COI, sheets, trimmed
mean) and their decisions."""

from decimal import Decimal

import pytest

from agreements.domain.bills import ClosingRefused
from agreements.domain.closing_rules import grade_for
from agreements.domain.rounds import assign_round_evaluator, decide_annual, decide_final, open_round
from agreements.enums import AgreementStatus, AnnualVerdict, FinalResult
from agreements.models import AnnualReview
from config.locking import AlreadyDecided
from evaluation.models import Affiliation, Assignment
from tests.agreements.closing_helpers import scored_round, staff
from tests.agreements.factories import agreement_for
from tests.evaluation.factories import EvaluatorProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_year(catalogue):
    return agreement_for(years=2)


def test_catalogue_has_annual_and_final_stages_with_default_criteria(catalogue):
    from programs.models import Program

    for program in Program.objects.exclude(stages=[]):
        if (program.flow or {}).get("testbed_steps"):
            # Testbed Seoul: the demonstration evaluation (a testbed step) is its post-award review.
            assert program.stage("final") is None and program.stage("document")
            continue
        for code in ("annual", "final"):
            spec = program.stage(code)
            assert spec and spec["criteria_source"] == "default"
            assert sum(c["max_points"] for c in spec["criteria"]) == 100


def test_annual_round_trimmed_mean_and_continue(two_year):
    rnd = scored_round(two_year, "annual", [90, 80, 70, 60, 50], year_no=1)
    rnd = decide_annual(rnd=rnd, verdict=AnnualVerdict.CONTINUE, reason="", actor=staff())
    assert rnd.score == Decimal("70.00")  # (80 + 70 + 60) / 3: one highest, one lowest dropped
    assert rnd.score_detail["method"] == "trimmed_mean"
    review = AnnualReview.objects.get(agreement=two_year, year_no=1)
    assert review.verdict == AnnualVerdict.CONTINUE and review.score == Decimal("70.00")
    two_year.refresh_from_db()
    assert two_year.status == AgreementStatus.ACTIVE


def test_annual_stop_terminates_agreement_with_notice(two_year):
    rnd = scored_round(two_year, "annual", [40, 45, 50], year_no=1)
    decide_annual(rnd=rnd, verdict=AnnualVerdict.STOP, reason="목표 미달", actor=staff())
    two_year.refresh_from_db()
    assert two_year.status == AgreementStatus.TERMINATED
    assert "목표 미달" in two_year.status_reason
    assert two_year.application.applicant.notices.filter(subject__contains=two_year.verify_code)


def test_annual_decision_twice_refused_and_reason_required(two_year):
    rnd = scored_round(two_year, "annual", [70, 70, 70], year_no=1)
    with pytest.raises(ClosingRefused):
        decide_annual(
            rnd=rnd, verdict=AnnualVerdict.CONTINUE_WITH_CHANGES, reason=" ", actor=staff()
        )
    decide_annual(rnd=rnd, verdict=AnnualVerdict.CONTINUE, reason="", actor=staff())
    with pytest.raises(AlreadyDecided):
        decide_annual(rnd=rnd, verdict=AnnualVerdict.STOP, reason="again", actor=staff())
    assert AnnualReview.objects.filter(agreement=two_year).count() == 1


def test_annual_year_must_be_before_last_and_round_unique(two_year):
    with pytest.raises(ClosingRefused):
        open_round(agreement=two_year, stage="annual", actor=staff(), year_no=2)
    open_round(agreement=two_year, stage="annual", actor=staff(), year_no=1)
    with pytest.raises(AlreadyDecided):
        open_round(agreement=two_year, stage="annual", actor=staff(), year_no=1)


def test_decision_without_submitted_sheets_refused(two_year):
    rnd = open_round(agreement=two_year, stage="final", actor=staff())
    with pytest.raises(ClosingRefused) as exc:
        decide_final(rnd=rnd, success=True, reason="ok", actor=staff())
    assert exc.value.code == "no_scores"


def test_same_evaluator_in_annual_and_final_rounds(two_year):
    """Several post-award rounds of one application: the selection-stage uniqueness does not block."""
    from agreements.domain.rounds import round_assignments

    actor = staff()
    annual = scored_round(two_year, "annual", [80, 80, 80], actor=actor, year_no=1)
    decide_annual(rnd=annual, verdict=AnnualVerdict.CONTINUE, reason="", actor=actor)
    evaluator = round_assignments(annual).first().evaluator
    final = open_round(agreement=two_year, stage="final", actor=actor)
    assign_round_evaluator(rnd=final, evaluator=evaluator, actor=actor)
    assert Assignment.objects.filter(evaluator=evaluator).count() == 2


def test_conflicted_evaluator_refused_and_recorded(two_year):
    profile = EvaluatorProfileFactory()
    evaluator = profile.user
    Affiliation.objects.create(evaluator=profile, institution=two_year.lead_institution)
    rnd = open_round(agreement=two_year, stage="final", actor=staff())
    with pytest.raises(ClosingRefused) as exc:
        assign_round_evaluator(rnd=rnd, evaluator=evaluator, actor=staff())
    assert exc.value.code == "conflict"
    assert two_year.application.conflicts.filter(evaluator=evaluator).exists()


@pytest.mark.parametrize(
    "scores, success, result",
    [
        ([95, 92, 90], True, FinalResult.EXCELLENT),
        ([90, 89.99, 89.99], True, FinalResult.NORMAL),
        ([70, 70, 70], True, FinalResult.NORMAL),
        ([69.99, 69.99, 69.99], True, FinalResult.POOR),
        ([95, 95, 95], False, FinalResult.FAILURE),
    ],
)
def test_final_grade_bands(catalogue, scores, success, result):
    agreement = agreement_for()
    rnd = scored_round(agreement, "final", scores)
    decide_final(rnd=rnd, success=success, reason="위원회 의견", actor=staff())
    agreement.refresh_from_db()
    assert agreement.final_result == result
    assert agreement.status == AgreementStatus.COMPLETED
    rnd.refresh_from_db()
    assert rnd.score_detail["grade_bands_source"] == "default"


def test_grade_bands_from_catalogue(catalogue):
    agreement = agreement_for()
    program = agreement.program
    program.post_award = {**program.post_award, "grade_bands": [
        {"grade": "excellent", "min_score": 80}, {"grade": "normal", "min_score": 50},
        {"grade": "poor", "min_score": 0}]}  # fmt: skip
    assert grade_for(program, Decimal("80")) == FinalResult.EXCELLENT
    assert grade_for(program, Decimal("79.99")) == FinalResult.NORMAL


def test_terminated_agreement_cannot_open_round(catalogue):
    agreement = agreement_for(status=AgreementStatus.TERMINATED)
    with pytest.raises(ClosingRefused):
        open_round(agreement=agreement, stage="final", actor=staff())


def test_post_award_committee_gets_no_selection_candidates(two_year):
    from evaluation.domain.committees import committee_candidates

    rnd = open_round(agreement=two_year, stage="final", actor=staff())
    assert rnd.committee.year is not None
    assert not committee_candidates(rnd.committee).exists()


def test_final_result_reaches_the_project_row(catalogue):
    from agreements.enums import ProjectStatus
    from agreements.models import Project

    agreement = agreement_for()
    app = agreement.application
    project = Project.objects.create(
        program=agreement.program, application=app, lead_institution=agreement.lead_institution,
        title="과제", selected_on=agreement.selection_notified_on, starts_on=agreement.starts_on,
        ends_on=agreement.ends_on, city_grant_krw=agreement.city_grant_krw,
    )  # fmt: skip
    decide_final(rnd=scored_round(agreement, "final", [75, 75, 75]), success=True, reason="의견",
                 actor=staff())  # fmt: skip
    project.refresh_from_db()
    assert project.final_result == FinalResult.NORMAL and project.status == ProjectStatus.COMPLETED


def test_final_round_waits_for_the_open_annual_round(two_year):
    open_round(agreement=two_year, stage="annual", actor=staff(), year_no=1)
    with pytest.raises(ClosingRefused) as exc:
        open_round(agreement=two_year, stage="final", actor=staff())
    assert exc.value.code == "annual_open"
