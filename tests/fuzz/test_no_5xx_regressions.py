"""Each cause of a 500 found by the hand-written fuzzing of issue 11, refused at the boundary.

Every test sends the input that crashed, expects a 4xx (or the page's error message) with Korean
and English text, and checks that nothing was stored. Run on SQLite and on PostgreSQL (NUL bytes
only fail there).
"""

import json

import pytest
from django.contrib.messages import ERROR
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.enums import Role
from config.params import MAX_KRW, ParamError, choice_param, id_param, int_param, text_param
from evaluation.models import Committee, Objection
from tests.fuzz.conftest import fingerprint

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def page(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def errors(response) -> list[str]:
    """Error messages queued by the request (shown on the page it redirects to)."""
    storage = getattr(response.wsgi_request, "_messages", None)
    return [str(m) for m in getattr(storage, "_queued_messages", []) if m.level == ERROR]


def assert_refused(response, before):
    assert response.status_code < 500
    assert response.status_code >= 400 or errors(response), response.status_code
    assert fingerprint() == before


# --- the shared helper -------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["abc", "١٢", "²", "1.5", "1e3", " ", "0x10", "9" * 40, "-1"])
def test_int_param_refuses_what_is_not_an_ascii_whole_number_in_range(raw):
    with pytest.raises(ParamError) as err:
        id_param({"record": raw}, "record")
    assert err.value.message_ko and err.value.message_en and err.value.field == "record"


def test_params_parse_valid_values_and_defaults():
    assert int_param({"order": " 12 "}, "order", min_value=1) == 12
    assert int_param({}, "order", default=None) is None
    assert choice_param({"stage": "document"}, "stage", ("document", "presentation")) == "document"
    with pytest.raises(ParamError):
        choice_param({"stage": "zzz"}, "stage", ("document", "presentation"))
    for bad in ("a\x00b", "a\ud800b"):
        with pytest.raises(ParamError):
            text_param({"reason": bad}, "reason")


# --- API ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body", [[1, 2], [{"criteria": []}], "text", 5, None, {"criteria": [1, "x"]},
             {"criteria": [{"code": ["x"], "points": 1}]}, {"criteria": "all"}],
)  # fmt: skip
def test_score_api_bodies_that_are_not_objects_are_refused(world, body):
    assignment = world.assignment
    before = fingerprint()
    response = api(assignment.evaluator).post(
        reverse("evaluation-api-scores", args=[assignment.pk]),
        json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["message_ko"] and response.json()["message_en"]
    assert fingerprint() == before


def _patch(world, body):
    return api(world.users[Role.APPLICANT]).patch(
        reverse("api-application", args=[world.draft.pk]), body, format="json"
    )


def test_budget_amount_above_bigint_is_a_field_error(world):
    lead = world.draft.lead_institution_id
    before = fingerprint()
    response = _patch(world, {"budget_items": [
        {"year": 1, "institution": lead, "category": "personnel", "city_krw": 9_300_000_000_000_000_000}
    ]})  # fmt: skip
    assert response.status_code == 400
    assert "city_krw" in json.dumps(response.json()) and "won" in json.dumps(response.json())
    assert fingerprint() == before


def test_budget_rows_summing_above_the_cap_are_refused(world):
    lead = world.draft.lead_institution_id
    rows = [
        {"year": 1 + i % 10, "institution": lead, "category": c, "cash_krw": MAX_KRW}
        for i, c in enumerate(["personnel", "materials", "activity"] * 4)
    ]
    before = fingerprint()
    response = _patch(world, {"budget_items": rows})
    assert response.status_code == 400 and "cash_krw" in json.dumps(response.json())
    assert fingerprint() == before


@pytest.mark.parametrize(
    "body",
    [{"schedule": [{"year": 1, "goals": "a\u0000b"}]}, {"rnd_record": [{"title": "\u0000"}]},
     {"eligibility_check": {"sme\u0000": True}}, {"title_ko": "제목\u0000"},
     {"schedule": [{"year": 1, "goals": 10**30}]}, {"rnd_record": [{"kind": "zzz"}]},
     {"eligibility_check": {"sme": "yes"}}, {"schedule": ["x", 1]}],
)  # fmt: skip
def test_json_fields_are_checked_against_their_schema_and_for_nul(world, body):
    before = fingerprint()
    response = _patch(world, body)
    assert response.status_code == 400, response.content
    assert fingerprint() == before


def test_lone_surrogate_in_autosave_text_is_refused(world):
    before = fingerprint()
    response = api(world.users[Role.APPLICANT]).generic(
        "PATCH", reverse("api-application", args=[world.draft.pk]),
        '{"title_ko": "\\ud800 title", "summary": "ok"}', content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "surrogate" and body["message_ko"] and body["message_en"]
    assert fingerprint() == before


@pytest.mark.parametrize("ref", ["²", "١٢", "１２", "12\u0000", "x" * 5000, True, [1], {"a": 1}])
def test_unicode_digits_and_odd_values_are_no_institution_id(world, ref):
    before = fingerprint()
    response = _patch(world, {"institutions": [{"institution": ref}]})
    assert response.status_code == 400
    assert fingerprint() == before


@pytest.mark.parametrize("value", ["abc", "١", "9" * 30, "-5"])
def test_application_list_call_filter_must_be_an_id(world, value):
    response = api(world.users[Role.STAFF]).get(reverse("api-applications"), {"call": value})
    assert response.status_code == 400 and response.json()["field"] == "call"


def test_call_with_unknown_required_documents_is_refused(world):
    staff = api(world.users[Role.STAFF])
    body = {"title": "공고", "programs": ["INV"], "opens_at": "2031-01-01T09:00:00+09:00",
            "closes_at": "2031-02-01T18:00:00+09:00", "slots": 2, "budget_envelope_krw": 10**9}  # fmt: skip
    before = fingerprint()
    for docs in (["x", 1], [{"code": "plan"}], [{"code": "plan", "name_ko": "계획서",
                 "required": True, "formats": ["exe"]}], "plan"):  # fmt: skip
        response = staff.post(reverse("api-calls"), {**body, "required_documents": docs},
                              format="json")  # fmt: skip
        assert response.status_code == 400 and "required_documents" in response.json()
    assert fingerprint() == before
    response = staff.post(reverse("api-calls"), {**body, "required_documents": ["plan"]},
                          format="json")  # fmt: skip
    assert response.status_code == 201
    assert response.json()["required_documents"][0]["formats"] == ["pdf", "hwp", "hwpx"]


def test_call_budget_envelope_is_capped(world):
    body = {"title": "공고", "programs": ["INV"], "opens_at": "2031-01-01T09:00:00+09:00",
            "closes_at": "2031-02-01T18:00:00+09:00", "slots": 2,
            "budget_envelope_krw": 10**19}  # fmt: skip
    response = api(world.users[Role.STAFF]).post(reverse("api-calls"), body, format="json")
    assert response.status_code == 400 and "budget_envelope_krw" in response.json()


# --- pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [{"cutoff": "abc"}, {"cutoff": "NaN"}, {"cutoff": "1e999"}, {"multiplier": "Infinity"},
     {"aggregation": "zzz"}, {"rounding": "zzz"}, {"fallback": "zzz"}, {"cutoff": "١٢"}],
)  # fmt: skip
def test_what_if_refuses_bad_values_with_a_message(world, query):
    response = page(world.users[Role.STAFF]).get(
        reverse("evaluation:what-if", args=[world.eval_call.pk, "document"]), query
    )
    assert response.status_code == 400
    assert errors(response) or "portal-msg--error" in response.content.decode()


STAFF_POSTS = [
    ("evaluation:committee-decisions", "call", {"op": "grant", "application": "{app}", "amount": "abc", "reason": "r"}),
    ("evaluation:committee-decisions", "call", {"op": "grant", "application": "{app}", "amount": "9" * 25, "reason": "r"}),
    ("evaluation:committee-decisions", "call", {"application": "{app}", "selected": "1", "order": "9" * 25, "reason": "r"}),
    ("evaluation:committee-decisions", "call", {"application": "{app}", "selected": "1", "order": "²", "reason": "r"}),
    ("evaluation:committee-decisions", "call", {"application": "abc"}),
    ("evaluation:committee-decisions", "call", {"application": "{app}", "selected": "1", "order": "1", "reason": "a\x00b"}),
    ("evaluation:committee-decisions", "call", {"op": "zzz", "application": "{app}"}),
    ("evaluation:coi", "call", {"record": "abc", "uphold": "1"}),
    ("evaluation:coi", "call", {"record": "{record}", "uphold": "1", "evaluator": "abc", "reason": "r"}),
    ("evaluation:coi", "call", {"record": "{record}", "uphold": "1", "reason": "\x00"}),
    ("evaluation:committee-action", "committee", {"op": "member", "evaluator": "abc"}),
    ("evaluation:committee-action", "committee", {"op": "assign", "application": "x", "evaluator": "1"}),
    ("evaluation:committee-action", "committee", {"op": "unassign", "assignment": "1.0"}),
    ("evaluation:committee-action", "committee", {"op": "reopen", "sheet": "abc", "reason": "r"}),
    ("evaluation:committee-action", "committee", {"op": "reopen", "sheet": "{sheet}", "reason": "r\x00"}),
    ("evaluation:committee-action", "committee", {"op": "zzz"}),
    ("evaluation:site-check", "site", {"result": "pass", "checked_on": "2023-13-45"}),
    ("evaluation:site-check", "site", {"result": "pass", "checked_on": "99999-01-01"}),
    ("evaluation:site-check", "site", {"result": "zzz", "checked_on": "2023-09-01"}),
    ("evaluation:site-check", "site", {"result": "pass", "notes": "\x00"}),
    ("evaluation:call", "call", {"stage": "zzz", "name": "위원회"}),
    ("evaluation:call", "call", {"stage": "document", "name": "x" * 201}),
    ("evaluation:objection", "objection", {"upheld": "1", "outcome": "\x00"}),
    ("evaluation:objection", "objection", {"upheld": "maybe", "outcome": "o"}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "arg", "data"), STAFF_POSTS)
def test_staff_pages_refuse_bad_values_with_a_message(world, name, arg, data):
    args = {"call": world.eval_call.pk, "committee": world.committee.pk,
            "site": world.decision.application_id, "objection": world.objection.pk}[arg]  # fmt: skip
    ids = {"{app}": world.decision.application_id, "{record}": world.conflict.pk,
           "{sheet}": world.sheet.pk}  # fmt: skip
    data = {k: ids.get(v, v) for k, v in data.items()}
    client = page(world.users[Role.STAFF])
    before = fingerprint()
    response = client.post(reverse(name, args=[args]), data)
    assert_refused(response, before)
    shown = " ".join(errors(response)) or response.content.decode()
    assert " / " in shown  # Korean / English


def test_objection_for_an_unknown_stage_is_refused(world):
    app = world.objection.application
    client = page(app.applicant)
    before = fingerprint()
    response = client.post(
        reverse("evaluation:objection-file", args=[app.pk]), {"stage": "zzz", "text": "이의"}
    )
    assert_refused(response, before)
    assert not Objection.objects.filter(stage="zzz").exists()


def test_committee_for_an_unknown_stage_is_refused(world):
    client = page(world.users[Role.STAFF])
    before = fingerprint()
    response = client.post(
        reverse("evaluation:call", args=[world.eval_call.pk]), {"stage": "zzz", "name": "z"}
    )
    assert_refused(response, before)
    assert not Committee.objects.filter(stage="zzz").exists()


def test_nul_in_score_form_comment_is_shown_not_stored(world):
    assignment = world.assignment
    client = page(assignment.evaluator)
    before = fingerprint()
    response = client.post(
        reverse("evaluation:score-save", args=[assignment.pk]),
        {"points_excellence": "20", "comment_excellence": "a\x00", "comment": "c"},
    )
    assert response.status_code == 400 and "NUL" in response.content.decode()
    assert fingerprint() == before


def test_rnd_record_page_amounts_are_checked(world):
    client = page(world.users[Role.APPLICANT])
    before = fingerprint()
    for amount in ("²", "9" * 30):
        response = client.post(
            reverse("applications:save", args=[world.draft.pk, "forms"]),
            {"rnd-0-year": "2022", "rnd-0-kind": "seoul", "rnd-0-title": "과제",
             "rnd-0-amount_krw": amount, "rnd-²-title": "x"},
        )  # fmt: skip
        assert_refused(response, before)


def test_operator_investment_is_capped(world):
    from programs.interfaces.operator_forms import RecommendationForm

    form = RecommendationForm({"investment_krw": str(10**19)})
    assert not form.is_valid() and "investment_krw" in form.errors


@pytest.mark.parametrize("path", ["/evaluation/applications/{}/dossier/", "/applications/{}/",
                                  "/api/v1/applications/{}/"])  # fmt: skip
def test_url_ids_beyond_bigint_are_not_found(world, path):
    """Raw SQL (the application graph, autosave) used to fail with "bigint out of range"."""
    client = page(world.users[Role.STAFF])
    assert client.get(path.format(2**63 + 5)).status_code == 404
    response = api(world.users[Role.APPLICANT]).patch(
        f"/api/v1/applications/{10**25}/", {"title_ko": "x"}, format="json"
    )
    assert response.status_code == 404


def test_admin_call_form_checks_required_documents(world):
    from programs.admin import CallAdminForm

    call = world.open_call
    data = {"title": call.title, "opens_at": "2031-01-01T09:00",
            "closes_at": "2031-02-01T18:00", "slots": 2,
            "budget_envelope_krw": 10**9, "status": "published", "intake_mode": "fixed",
            "objection_days": 7, "programs": [p.pk for p in call.programs.all()],
            "standard_documents": ["plan"], "extra_documents": json.dumps(["x", 1])}  # fmt: skip
    form = CallAdminForm(data, instance=call)
    assert not form.is_valid() and list(form.errors) == ["extra_documents"]


@pytest.mark.parametrize("name", ["a\x00.pdf", "\ud800.pdf"])
def test_upload_file_names_with_nul_or_surrogates(world, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.applications.files import pdf_bytes

    applicant = world.users[Role.APPLICANT]
    client = page(applicant)
    before = fingerprint()
    upload = SimpleUploadedFile(name, pdf_bytes("plan"))
    try:
        response = client.post(reverse("applications:upload", args=[world.draft.pk]),
                               {"doc_code": "plan", "files": upload})  # fmt: skip
    except UnicodeEncodeError:
        return  # a lone surrogate cannot even be sent as multipart UTF-8
    assert response.status_code < 500
    if response.status_code >= 400 or errors(response):
        assert fingerprint() == before
