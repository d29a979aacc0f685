"""Hypothesis JSON bodies for the API endpoints whose body the OpenAPI schema does not describe
(the score sheet) or describes only loosely (the application PATCH with its JSON fields, a call's
required documents): any JSON value, strings with NUL and lone surrogates, huge numbers, nested
lists. No 5xx; a refusal leaves the database as it was.
"""

import json
import os
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from accounts.enums import Role
from applications.domain.drafts import SCALAR_FIELDS
from tests.fuzz.conftest import fingerprint

EXAMPLES = int(os.environ.get("FUZZ_BODY_EXAMPLES", "50"))
NASTY = ["\x00", "a\x00b", "\ud800", "x\udfffy", "²", "١٢", "9" * 40, "", " ", "가" * 5001]


def strings(keys=()):
    base = st.one_of(st.text(max_size=20), st.sampled_from(NASTY))
    return st.one_of(base, st.sampled_from(keys)) if keys else base


def json_values(keys=()):
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(min_value=-(10**22), max_value=10**22),
        st.floats(allow_nan=False, allow_infinity=False), strings(keys),
    )  # fmt: skip
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(strings(keys), inner, max_size=4)
        ),
        max_leaves=12,
    )


def body_text(value) -> str:
    """JSON text; lone surrogates become \\udXXX escapes, as a browser or client would send."""
    return json.dumps(value, ensure_ascii=True)


def run_fuzz(world, user, method, url, bodies, outcomes: Counter):
    client = APIClient(raise_request_exception=True)
    client.force_authenticate(user)

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              derandomize=bool(os.environ.get("CI")), suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(body=bodies)
    def check(body):
        before = fingerprint()
        response = client.generic(method, url, body_text(body), content_type="application/json")
        assert response.status_code < 500, body
        outcomes[response.status_code] += 1
        if response.status_code >= 400:
            assert fingerprint() == before, body

    check()
    print(f"\n{method} {url}: {sum(outcomes.values())} bodies {dict(outcomes)}")


CRITERIA_KEYS = ("criteria", "code", "points", "comment", "excellence", "impact", "capability")


def test_score_api_bodies(world):
    assignment = world.assignment
    criterion = st.fixed_dictionaries(
        {"code": st.one_of(st.sampled_from(["capability", "clarity", "excellence", "impact"]),
                           json_values())},
        optional={"points": json_values(), "comment": json_values()},
    )  # fmt: skip
    bodies = st.one_of(
        json_values(CRITERIA_KEYS),
        st.fixed_dictionaries(
            {"criteria": st.one_of(st.lists(criterion, max_size=6), json_values())},
            optional={"comment": json_values()},
        ),
    )
    run_fuzz(world, assignment.evaluator, "POST",
             f"/api/v1/evaluator/assignments/{assignment.pk}/scores/", bodies, Counter())  # fmt: skip


def test_application_patch_bodies(world):
    keys = (*SCALAR_FIELDS, "program", "institutions", "researchers", "budget_items",
            "institution", "year", "category", "city_krw", "rate_pct", "role", "researcher_no")  # fmt: skip
    lead = world.draft.lead_institution_id
    row = st.fixed_dictionaries(
        {"year": json_values(), "institution": st.one_of(st.just(lead), json_values()),
         "category": st.sampled_from(["personnel", "materials", "zzz"]),
         "city_krw": st.integers(min_value=-1, max_value=10**20)},
    )  # fmt: skip
    bodies = st.one_of(
        st.dictionaries(st.sampled_from(keys), json_values(keys), max_size=4),
        st.fixed_dictionaries({"budget_items": st.lists(row, max_size=5)}),
        st.dictionaries(
            st.sampled_from(("title_ko", "summary", "keywords")), strings(), min_size=1
        ),
        json_values(keys),
    )
    run_fuzz(world, world.users[Role.APPLICANT], "PATCH",
             f"/api/v1/applications/{world.draft.pk}/", bodies, Counter())  # fmt: skip


@pytest.mark.parametrize("role", [Role.STAFF, Role.OPERATOR])
def test_create_bodies(world, role):
    documents = st.one_of(
        json_values(("plan", "code", "name_ko", "required", "formats", "pdf")),
        st.lists(st.one_of(st.sampled_from(["plan", "registry", "x"]), json_values()), max_size=4),
    )
    call = st.fixed_dictionaries(
        {"title": strings(), "programs": st.sampled_from([["INV"], ["zzz"], "INV"]),
         "opens_at": st.sampled_from(["2031-01-01T09:00:00+09:00", "2031-13-01T00:00:00Z", "x"]),
         "closes_at": st.just("2031-02-01T18:00:00+09:00"),
         "slots": json_values(), "budget_envelope_krw": st.integers(-1, 10**20),
         "required_documents": documents},
    )  # fmt: skip
    url = "/api/v1/calls/" if role == Role.STAFF else "/api/v1/operator/recommendations/"
    bodies = st.one_of(call, json_values(("call", "business_no", "investment_krw")))
    run_fuzz(world, world.users[role], "POST", url, bodies, Counter())
