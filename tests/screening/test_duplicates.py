"""Duplicate phase: TF-IDF over title, objectives and content; once per run; pairs and reasons."""

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.preprocessing import normalize

from agreements.models import Project
from evaluation.screening.domain import duplicates
from evaluation.screening.domain.runs import process_run, start_run
from evaluation.screening.models import DuplicateFlag, ScreeningResult
from tests.screening.factories import call_2023, eligible_application
from tests.screening.helpers import screen

pytestmark = pytest.mark.django_db

CONTENT = (
    "본 과제는 도시 하수관로 내부를 자율 주행하는 소형 점검 로봇을 개발하여 균열과 누수를 "
    "실시간으로 탐지하고 위치 정보를 지도에 기록하는 것을 목표로 한다 수집된 영상은 경량 "
    "딥러닝 모델로 분석하며 현장 작업자의 위험 노출 시간을 줄이고 유지보수 비용을 절감한다"
)


def _text(app, title, objectives, content):
    app.title_ko, app.objectives, app.content = title, objectives, content
    app.save()


def _rule(run, app) -> dict:
    rows = ScreeningResult.objects.get(run=run, application=app).rules
    return next(r for r in rows if r["code"] == "duplicate_proposal")


@pytest.fixture
def call_apps(catalogue):
    call = call_2023()
    return call, [eligible_application(call=call) for _ in range(4)]


def test_content_alone_makes_a_duplicate(call_apps):
    """Different titles and objectives, the same content: flagged (content is compared)."""
    call, apps = call_apps
    _text(apps[0], "하수관로 점검 로봇", "균열 탐지 정확도 95%", CONTENT)
    _text(apps[1], "지하 배관 진단 시스템", "누수 위치 오차 1 m 이내", CONTENT)
    run = start_run(call=call, actor=None, threshold=0.5)
    process_run(run_id=run.pk)
    pair = DuplicateFlag.objects.get(run=run)
    assert (pair.application_id, pair.other_key) == (apps[1].pk, f"a:{apps[0].pk}")
    assert 0.5 <= pair.similarity < 1 and pair.method == "tfidf"
    assert _rule(run, apps[1])["outcome"] == "needs_review"
    assert _rule(run, apps[0])["outcome"] == "pass"


def test_near_copy_of_funded_project_named_in_reason(call_apps):
    call, apps = call_apps
    project = Project.objects.create(
        program=apps[0].program, lead_institution=apps[3].lead_institution,
        title="하수관로 자율주행 점검 로봇 개발", objectives="균열과 누수의 실시간 탐지",
        content=CONTENT, selected_on=dt.date(2021, 3, 1), starts_on=dt.date(2021, 4, 1),
        ends_on=dt.date(2022, 12, 31), status="completed",
    )  # fmt: skip
    edited = CONTENT.replace("소형", "초소형").replace("절감한다", "크게 줄인다")
    _text(apps[2], "하수관로 자율주행 점검 로봇 고도화", "균열과 누수의 실시간 탐지", edited)
    own = Project.objects.create(
        program=apps[0].program, lead_institution=apps[3].lead_institution, application=apps[3],
        title=apps[3].title_ko, objectives=apps[3].objectives, content=apps[3].content,
        selected_on=dt.date(2021, 3, 1), starts_on=dt.date(2021, 4, 1), ends_on=dt.date(2022, 1, 1),
    )  # fmt: skip
    run = start_run(call=call, actor=None, threshold=0.5)
    process_run(run_id=run.pk)
    pairs = set(DuplicateFlag.objects.filter(run=run).values_list("application_id", "other_key"))
    assert pairs == {(apps[2].pk, f"p:{project.pk}")}  # not apps[3] with its own project
    assert own.pk
    rule = _rule(run, apps[2])
    assert rule["outcome"] == "needs_review"
    assert project.title in rule["reason_ko"] and project.title in rule["reason_en"]
    sim = DuplicateFlag.objects.get(run=run).similarity
    assert f"{sim:.2f}" in rule["reason_ko"] and "0.50" in rule["reason_en"]


def test_threshold_is_respected(call_apps):
    call, apps = call_apps
    _text(apps[0], "하수관로 점검 로봇", "균열 탐지", CONTENT)
    _text(apps[1], "하수관로 점검 로봇", "균열 탐지", CONTENT[: len(CONTENT) // 2])
    low = start_run(call=call, actor=None, threshold=0.3)
    process_run(run_id=low.pk)
    sim = DuplicateFlag.objects.get(run=low).similarity
    high = start_run(call=call, actor=None, threshold=min(1.0, sim + 0.01))
    process_run(run_id=high.pk)
    assert not DuplicateFlag.objects.filter(run=high).exists()
    assert _rule(high, apps[1])["outcome"] == "pass"


def test_phase_runs_once_and_resume_skips_it(call_apps):
    call, apps = call_apps
    _text(apps[0], "하수관로 점검 로봇", "균열 탐지", CONTENT)
    _text(apps[1], "하수관로 점검 로봇", "균열 탐지", CONTENT)
    run = start_run(call=call, actor=None)
    process_run(run_id=run.pk, batch_size=1, max_batches=1)
    run.refresh_from_db()
    done_at = run.duplicates_done_at
    assert done_at and run.status == "running"
    assert DuplicateFlag.objects.filter(run=run).count() == 1
    _text(apps[3], "하수관로 점검 로봇", "균열 탐지", CONTENT)  # would be a new pair
    process_run(run_id=run.pk, batch_size=1)  # resumed: the phase is not redone
    process_run(run_id=run.pk)  # duplicate delivery
    run.refresh_from_db()
    assert run.status == "done" and run.duplicates_done_at == done_at
    assert DuplicateFlag.objects.filter(run=run).count() == 1
    assert _rule(run, apps[1])["outcome"] == "needs_review"


def test_rule_without_pairs_passes_with_threshold(catalogue):
    row = screen(eligible_application())["duplicate_proposal"]
    assert row["outcome"] == "pass" and "0.50" in row["reason_ko"]


@settings(max_examples=25, deadline=None)
@given(
    docs=st.lists(
        st.lists(st.sampled_from("가나 다라 마바 사아 자차 카타 파하 거너 더러 머버".split()),
                 min_size=1, max_size=12).map(" ".join),
        min_size=2, max_size=30,
    ),
    threshold=st.floats(0.05, 1.0),
    chunk=st.integers(1, 7),
)  # fmt: skip
def test_similar_pairs_equals_the_full_product(docs, threshold, chunk):
    """Chunked search = every entry of the dense cosine matrix at or above the threshold."""
    old, duplicates.CHUNK_ROWS = duplicates.CHUNK_ROWS, chunk
    try:
        matrix = duplicates.vectorizer(len(docs)).fit_transform(docs).tocsr()
        queries = matrix[: len(docs) // 2 + 1]
        i, j, s = duplicates.similar_pairs(queries, matrix, threshold)
    finally:
        duplicates.CHUNK_ROWS = old
    dense = normalize(queries.toarray()) @ normalize(matrix.toarray()).T
    clear = np.abs(dense - threshold) > 1e-5  # float32 rounding at the boundary
    expected = {(a, b) for a, b in zip(*np.nonzero((dense >= threshold) & clear), strict=True)}
    got = {(a, b) for a, b in zip(i.tolist(), j.tolist(), strict=True) if clear[a, b]}
    assert got == expected
    assert np.allclose(s, dense[i, j], atol=1e-5)
