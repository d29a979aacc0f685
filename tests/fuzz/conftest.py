"""A small but complete world for fuzzing: every kind of object a form or endpoint takes an id of.

- `world`: a call in evaluation (document and presentation committees, scored sheets, stage
  results, a site check, committee decisions, published results, an objection, a pending
  exclusion request), an open call with the applicant's complete draft, a screening run with a
  result, and one user per role (the evaluator sits on the document committee).
- `fingerprint()`: row counts of every table of the project's apps plus the audit trail; a
  refused request must leave it unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from accounts.enums import Role


def pytest_collection_modifyitems(config, items):
    """Everything under tests/fuzz/ carries the `fuzz` marker (registered in tests/conftest.py)."""
    for item in items:
        if "tests/fuzz/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.fuzz)


PROJECT_APPS = ("accounts", "programs", "applications", "evaluation", "screening", "agreements",
                "tracking")  # fmt: skip


@dataclass
class World:
    users: dict
    eval_call: object
    open_call: object
    draft: object
    evaluated: list
    committee: object
    presentation: object
    assignment: object
    sheet: object
    objection: object
    conflict: object
    decision: object
    run: object
    result: object
    member: object
    attachment: object
    ids: dict = field(default_factory=dict)

    def kwargs_for(self, route: str) -> dict | None:
        """Valid URL kwargs of a named route (None: the route takes none)."""
        return ROUTE_KWARGS[route](self) if route in ROUTE_KWARGS else None


def _pk(obj) -> int:
    return obj.pk


# URL kwargs of every HTML route with parameters. tests/fuzz/test_forms.py fails when a new route
# with parameters appears that is not listed here, so new pages join the fuzz suite.
ROUTE_KWARGS = {
    "applications:start": lambda w: {"call_pk": w.open_call.pk},
    "applications:call-list": lambda w: {"call_pk": w.eval_call.pk},
    "applications:call-export": lambda w: {"call_pk": w.eval_call.pk},
    "applications:edit": lambda w: {"pk": w.draft.pk},
    "applications:save": lambda w: {"pk": w.draft.pk, "section": "plan"},
    "applications:upload": lambda w: {"pk": w.draft.pk},
    "applications:attachment-delete": lambda w: {"pk": w.draft.pk, "att_pk": w.attachment.pk},
    "applications:attachment": lambda w: {"pk": w.draft.pk, "att_pk": w.attachment.pk},
    "applications:submit": lambda w: {"pk": w.draft.pk},
    "applications:receipt": lambda w: {"pk": w.evaluated[0].pk},
    "applications:receipt-pdf": lambda w: {"pk": w.evaluated[0].pk},
    "screening:call": lambda w: {"pk": w.eval_call.pk},
    "screening:start": lambda w: {"pk": w.eval_call.pk},
    "screening:run": lambda w: {"pk": w.run.pk},
    "screening:progress": lambda w: {"pk": w.run.pk},
    "screening:resume": lambda w: {"pk": w.run.pk},
    "screening:release": lambda w: {"pk": w.run.pk},
    "screening:duplicates": lambda w: {"pk": w.run.pk},
    "screening:override": lambda w: {"pk": w.result.pk},
    "screening:application": lambda w: {"pk": w.evaluated[0].pk},
    "evaluation:pledge": lambda w: {"pk": w.member.pk},
    "evaluation:score": lambda w: {"pk": w.assignment.pk},
    "evaluation:score-save": lambda w: {"pk": w.assignment.pk},
    "evaluation:recuse": lambda w: {"pk": w.assignment.pk},
    "evaluation:call": lambda w: {"pk": w.eval_call.pk},
    "evaluation:committee": lambda w: {"pk": w.committee.pk},
    "evaluation:committee-action": lambda w: {"pk": w.committee.pk},
    "evaluation:coi": lambda w: {"pk": w.eval_call.pk},
    "evaluation:ranking": lambda w: {"pk": w.eval_call.pk, "stage": "document"},
    "evaluation:what-if": lambda w: {"pk": w.eval_call.pk, "stage": "document"},
    "evaluation:committee-decisions": lambda w: {"pk": w.eval_call.pk},
    "evaluation:objections": lambda w: {"pk": w.eval_call.pk},
    "evaluation:objection": lambda w: {"pk": w.objection.pk},
    "evaluation:site-check": lambda w: {"pk": w.decision.application_id},
    "evaluation:result": lambda w: {"pk": w.objection.application_id},
    "evaluation:objection-file": lambda w: {"pk": w.objection.application_id},
    "evaluation:exclusion-request": lambda w: {"pk": w.objection.application_id},
    "evaluation:notice-pdf": lambda w: {"pk": w.objection.application_id},
    "programs:call-detail": lambda w: {"pk": w.open_call.pk},
}

LEVELS = [[25, 25, 25, 20], [22, 22, 22, 22], [20, 20, 20, 20], [18, 18, 18, 16], [10, 10, 10, 10]]


def build_world(users) -> World:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from applications.domain.attachments import add_attachments
    from evaluation.domain.committees import add_member, auto_assign, request_exclusion
    from evaluation.domain.decisions import (
        decide_candidate,
        file_objection,
        publish_results,
        record_site_check,
    )
    from evaluation.domain.results import compute_stage_results
    from evaluation.domain.scoring import reopen_sheet
    from evaluation.models import Assignment, CommitteeDecision, ConflictRecord, StageResult
    from evaluation.screening.models import ScreeningResult, ScreeningRun
    from tests.applications.factories import complete_application, make_call
    from tests.applications.files import pdf_bytes
    from tests.evaluation.factories import ApplicationFactory, committee_with_members, score_all
    from tests.factories import ResearcherFactory

    staff = users[Role.STAFF]
    eval_call = make_call(slots=2, budget_envelope_krw=1_000_000_000, closed=True)
    evaluated = [ApplicationFactory(call=eval_call) for _ in range(5)]
    committee = committee_with_members(eval_call, n=3, actor=staff)
    member = add_member(committee=committee, evaluator=users[Role.EVALUATOR], actor=staff)
    member.pledge_signed_at = timezone.now()
    member.save()
    committee.evaluators_per_application = 3
    committee.save()
    auto_assign(committee=committee, applications=evaluated, actor=staff)
    for i, app in enumerate(evaluated):
        score_all(committee, app, [LEVELS[i]] * 3)
    compute_stage_results(call=eval_call, stage="document", actor=staff)
    pres = committee_with_members(eval_call, n=3, stage="presentation", actor=staff)
    advancing = [
        a for a in evaluated if StageResult.objects.get(application=a, stage="document").advances
    ]
    auto_assign(committee=pres, applications=advancing, actor=staff)
    for i, app in enumerate(advancing):
        score_all(pres, app, [LEVELS[i]] * 3)
    compute_stage_results(call=eval_call, stage="presentation", actor=staff)
    priority = list(
        StageResult.objects.filter(call=eval_call, stage="presentation", advances=True)
        .select_related("application")
        .order_by("rank")
    )
    record_site_check(application=priority[0].application, actor=staff, result="pass",
                      checked_on=dt.date(2023, 9, 10), notes="확인")  # fmt: skip
    for order, result in enumerate(priority, start=1):
        decide_candidate(application=result.application, selected=True, order=order,
                         reason="발표평가 순위", actor=staff)  # fmt: skip
    publish_results(call=eval_call, actor=staff)
    objected = priority[-1].application
    objection = file_objection(application=objected, stage="presentation", text="이의",
                               actor=objected.applicant)  # fmt: skip
    request_exclusion(application=evaluated[4], named_person="홍길동", reason="이해관계",
                      actor=evaluated[4].applicant)  # fmt: skip
    conflict = ConflictRecord.objects.filter(call=eval_call).order_by("-pk").first()
    assignment = Assignment.objects.filter(evaluator=users[Role.EVALUATOR], status="active").first()
    if assignment is None:  # the fixture evaluator always gets one: 4 members, 3 per application
        assignment = Assignment.objects.filter(committee=committee).first()
    # the fixture evaluator's sheet is reopened (editable); another one stays submitted
    reopen_sheet(sheet=assignment.sheet, reason="정정", actor=staff)
    sheet = (
        Assignment.objects.filter(committee=committee, sheet__status="submitted")
        .exclude(pk=assignment.pk).first().sheet
    )  # fmt: skip

    open_call = make_call()
    applicant = users[Role.APPLICANT]
    draft = complete_application(applicant=applicant, call=open_call, attach=False)
    attachment = add_attachments(application=draft, actor=applicant, doc_code="plan",
                                 files=[SimpleUploadedFile("plan.pdf", pdf_bytes("plan"))])[0]  # fmt: skip
    ResearcherFactory()  # a researcher that belongs to nobody's application

    run = ScreeningRun.objects.create(call=eval_call, total=1, processed=1, status="done",
                                      finished_at=timezone.now())  # fmt: skip
    result = ScreeningResult.objects.create(run=run, application=evaluated[0], outcome="pass")
    return World(
        users=users, eval_call=eval_call, open_call=open_call, draft=draft, evaluated=evaluated,
        committee=committee, presentation=pres, assignment=assignment, sheet=sheet,
        objection=objection, conflict=conflict, decision=CommitteeDecision.objects.first(),
        run=run, result=result, member=member, attachment=attachment,
    )  # fmt: skip


def make_users() -> dict:
    from programs.models import Operator
    from tests.factories import InstitutionFactory, UserFactory

    institution = InstitutionFactory()
    return {
        Role.STAFF: UserFactory(username="f-staff", role=Role.STAFF),
        Role.APPLICANT: UserFactory(
            username="f-applicant", role=Role.APPLICANT, institution=institution
        ),  # fmt: skip
        Role.EVALUATOR: UserFactory(username="f-evaluator", role=Role.EVALUATOR),
        Role.OFFICIAL: UserFactory(username="f-official", role=Role.OFFICIAL),
        Role.OPERATOR: UserFactory(username="f-operator", role=Role.OPERATOR,
                                   operator=Operator.objects.create(name="퍼즈벤처스", annual_quota=2)),
    }  # fmt: skip


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world is built once per module inside an outer transaction that is rolled back at the
    end; each test's own `db` transaction nests in it as a savepoint, so tests still see the same
    world and never each other's changes (building it costs ~1-2 s; tests take milliseconds)."""
    from django.db import transaction
    from django.test.utils import override_settings

    from programs.domain.catalogue import load_catalogue

    media = tmp_path_factory.mktemp("fuzz-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_catalogue()
            yield build_world(make_users())
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(_module_world, db) -> World:
    return _module_world


READ_ACTIONS = ("application.dossier.view",)
# Mutable fields whose change without a new row would otherwise go unnoticed.
WATCHED = {
    "applications.Application": ("status", "updated_at", "title_ko", "city_grant_krw"),
    "evaluation.CommitteeDecision": ("selected", "order", "granted_krw", "reason"),
    "evaluation.Objection": ("status", "outcome"),
    "evaluation.ConflictRecord": ("status", "decision_reason"),
    "evaluation.ScoreSheet": ("status", "total", "comment"),
    "evaluation.SiteCheck": ("result", "checked_on", "notes"),
    "evaluation.Committee": ("stage", "name"),
    "screening.ScreeningResult": ("override_outcome", "override_reason"),
    "screening.ScreeningRun": ("status", "released_at"),
}


def _counting_sql() -> tuple[str, list[str], list]:
    """One statement that counts the rows of every model of the project's apps (scalar
    subqueries; one round trip instead of one query per table)."""
    from accounts.models import AuditEntry

    labels, parts, params = [], [], []
    for model in django_apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model._meta.proxy:
            continue
        label = model._meta.label
        rows = model._default_manager.all()
        if label == "accounts.AuditEntry":  # reading a dossier is audited: not a change
            rows = AuditEntry.objects.exclude(action__in=READ_ACTIONS)
        sql, p = rows.values("pk").query.sql_with_params()
        labels.append(label)
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS c{len(parts)})")
        params.extend(p)
    return "SELECT " + ", ".join(parts), labels, params


_COUNTING: list = []


def fingerprint() -> dict:
    """Row counts of every model of the project's apps (the audit trail included), and the
    values of the WATCHED fields."""
    from django.db import connection

    if not _COUNTING:
        _COUNTING.append(_counting_sql())
    sql, labels, params = _COUNTING[0]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        state: dict = dict(zip(labels, cursor.fetchone(), strict=True))
    for label, fields in WATCHED.items():
        model = django_apps.get_model(label)
        rows = model._default_manager.order_by("pk").values_list("pk", *fields)
        state[label + ":values"] = hash(tuple(map(tuple, rows)))
    return state


def valid_posts(w: World) -> dict[str, list[dict]]:
    """Posts each form accepts (for some role and state), which the fuzzer then mutates: without
    them random field sets would rarely get past the first required field."""
    app = w.decision.application_id
    lead = w.draft.lead_institution_id
    evaluator = w.users[Role.EVALUATOR].pk
    return {
        "evaluation:committee-decisions": [
            {"application": app, "selected": "1", "order": "1", "reason": "순위"},
            {"op": "grant", "application": app, "amount": "1000", "reason": "조정"},
            {"op": "publish"},
        ],
        "evaluation:committee-action": [
            {"op": "reopen", "sheet": w.sheet.pk, "reason": "정정"},
            {"op": "member", "evaluator": evaluator},
            {"op": "assign", "application": w.evaluated[0].pk, "evaluator": evaluator},
            {"op": "unassign", "assignment": w.assignment.pk, "reason": "사유"},
            {"op": "auto"},
        ],
        "evaluation:coi": [{"record": w.conflict.pk, "uphold": "0", "reason": "사유"},
                           {"record": w.conflict.pk, "uphold": "1", "evaluator": evaluator,
                            "reason": "사유"}],  # fmt: skip
        "evaluation:site-check": [{"result": "pass", "checked_on": "2023-09-01", "notes": "n",
                                   "researchers_ok": "on"}],  # fmt: skip
        "evaluation:call": [{"stage": "document", "name": "위원회", "technical_field": "bio"}],
        "evaluation:objection": [{"upheld": "0", "outcome": "기각"}],
        "evaluation:score-save": [{"points_capability": "10", "points_clarity": "12.5",
                                   "comment_capability": "좋음", "comment": "종합"}],  # fmt: skip
        "evaluation:recuse": [{"reason": "이해관계"}],
        "evaluation:pledge": [{"agree": "1"}],
        "evaluation:objection-file": [{"stage": "presentation", "text": "이의"}],
        "evaluation:exclusion-request": [{"named_person": "홍길동", "reason": "이해관계"}],
        "evaluation:flagged-decision": [{"decision": "confirmed", "reason": "확인"}],
        "screening:override": [{"outcome": "fail", "reason": "사유"}],
        "applications:start": [{"program": w.open_call.programs.first().pk}],
        "applications:save": [
            {"_section": "plan", "title_ko": "제목", "current_trl": "3", "target_trl": "5", "period_months": "12",
             "starts_on": "2023-10-01", "ends_on": "2024-09-30"},
            {"_section": "budget", "bud-0-year": "1", "bud-0-institution": lead, "bud-0-category": "personnel",
             "bud-0-city_krw": "1,000", "bud-0-cash_krw": "0", "bud-0-inkind_krw": "0"},
            {"_section": "researchers", "res-0-researcher_no": "12345678", "res-0-name": "김연구", "res-0-role": "researcher",
             "res-0-rate_pct": "20", "res-0-institution": lead},
            {"_section": "institutions", "inst-0-institution": lead, "inst-0-role_description": "주관"},
            {"_section": "forms", "elig-sme": "on", "privacy_consent": "on", "rnd-0-year": "2022",
             "rnd-0-kind": "seoul", "rnd-0-title": "과제", "rnd-0-amount_krw": "1,000"},
        ],
        "applications:submit": [{"confirm": "1", "idempotency_key": "k-1"}],
        "applications:upload": [{"doc_code": "plan"}],
        "institution-register": [{"name": "기관", "type": "sme", "business_no": "124-81-00998",
                                  "representative": "대표", "hq_address": "서울시 중구",
                                  "hq_district": "중구", "incorporated_on": "2015-01-01"}],
        "programs:operator-recommendations": [
            {"call": w.open_call.pk, "business_no": "124-81-00998", "investment_krw": "100000000",
             "account_type": "own", "contract_date": "2023-01-01", "company_share_pct": "50",
             "operator_share_pct": "10"}
        ],
    }  # fmt: skip
