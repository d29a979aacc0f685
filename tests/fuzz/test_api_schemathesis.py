"""schemathesis over the OpenAPI schema (/api/schema/), as each role with its own API token.

Every operation of the schema gets FUZZ_API_EXAMPLES cases (schema-valid and schema-breaking
bodies, query strings and path ids; path ids are real ids of the fuzz world half of the time),
sent through Django's test client inside the test transaction. Asserted for every case: no 5xx,
and a refused request (4xx) leaves the database as it was.

Endpoints without a request schema (the score API) get their own hypothesis bodies in
test_api_bodies.py.
"""

import json
import os
from collections import Counter
from urllib.parse import urlsplit

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from accounts.enums import Role
from tests.fuzz.conftest import fingerprint

EXAMPLES = int(os.environ.get("FUZZ_API_EXAMPLES", "12"))
ROLES = [None, Role.STAFF, Role.APPLICANT, Role.EVALUATOR, Role.OFFICIAL, Role.OPERATOR]
PASSWORD = "pw-for-tests-1"  # tests.factories.UserFactory


def _schema():
    import schemathesis
    from drf_spectacular.generators import SchemaGenerator

    raw = json.loads(
        json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str)
    )
    raw["servers"] = [{"url": "http://testserver"}]
    return schemathesis.openapi.from_dict(raw)


def _operations():
    import logging

    logging.getLogger("drf_spectacular").setLevel(logging.CRITICAL)
    schema = _schema()
    ops = [result.ok() for result in schema.get_all_operations()]
    # logout revokes the token the other examples use: fuzzed like the rest, but last.
    return sorted(ops, key=lambda op: ("logout" in op.path, op.path, op.method))


OPERATIONS = _operations()
CASES: Counter = Counter()  # status codes of all cases of this module (printed with -s)


@pytest.fixture(scope="module")
def tokens(_module_world, django_db_blocker):
    """An API token per role, from the token endpoint (the way clients get theirs), once per
    module (the sign-in endpoint is throttled)."""
    out = {}
    with django_db_blocker.unblock():
        for role in ROLES[1:]:
            user = _module_world.users[role]
            response = APIClient().post(
                "/api/v1/auth/token/", {"username": user.username, "password": PASSWORD},
                format="json",
            )  # fmt: skip
            assert response.status_code == 200, response.content
            out[role] = response.json()["token"]
    return out


def test_schema_lists_the_api():
    paths = {op.path for op in OPERATIONS}
    assert len(OPERATIONS) >= 25 and "/api/v1/applications/{id}/" in paths


def _send(case, token):
    """The case as requests would send it, replayed through Django's test client."""
    kwargs = case.as_transport_kwargs(base_url="http://testserver")
    kwargs.pop("timeout", None)
    kwargs.pop("verify", None)
    kwargs.pop("allow_redirects", None)
    kwargs.pop("cookies", None)
    prepared = requests.Request(**kwargs).prepare()
    url = urlsplit(prepared.url)
    path = url.path + (f"?{url.query}" if url.query else "")
    meta = {}
    for name, value in prepared.headers.items():
        if name.lower() in ("content-type", "content-length", "host", "cookie"):
            continue
        meta["HTTP_" + name.upper().replace("-", "_")] = value
    if token:
        meta["HTTP_AUTHORIZATION"] = f"Token {token}"
    body = prepared.body or b""
    if isinstance(body, str):
        body = body.encode()
    content_type = prepared.headers.get("Content-Type", "application/octet-stream")
    client = APIClient(raise_request_exception=True)
    return client.generic(prepared.method, path, body, content_type=content_type, **meta)


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: f"{op.method.upper()} {op.path}")
def test_no_5xx_and_no_change_on_refusal(world, tokens, operation):
    from schemathesis.generation.modes import GenerationMode

    ids = sorted({world.draft.pk, world.eval_call.pk, world.open_call.pk, world.assignment.pk,
                  world.run.pk, world.evaluated[0].pk, world.objection.application_id})  # fmt: skip
    strategy = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              derandomize=bool(os.environ.get("CI")),
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(case=strategy, role=st.sampled_from(ROLES), real_id=st.sampled_from([None, *ids]))
    def check(case, role, real_id):
        if real_id is not None and "id" in (case.path_parameters or {}):
            case.path_parameters["id"] = real_id
        before = fingerprint()
        response = _send(case, tokens.get(role))
        assert response.status_code < 500, (case.method, case.formatted_path, case.body)
        CASES[response.status_code] += 1
        if response.status_code >= 400:
            assert fingerprint() == before, (case.method, case.formatted_path, case.body)

    check()
    print(f"\nschemathesis {operation.method.upper()} {operation.path}: {dict(CASES)} so far")
