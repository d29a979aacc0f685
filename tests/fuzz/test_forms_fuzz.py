"""Hypothesis-driven requests to every HTML page of the URLconf, as each role.

Routes are discovered from the URLconf (everything but the API, the admin, i18n and sign-in,
which has its own lockout tests); URL ids are the fuzz world's real ids, or broken ones. Field
names are those of the templates' forms and of the project's Django forms; values are valid ids,
broken ids (Unicode digits, huge, negative, decimals), huge numbers, NUL, long strings, known and
unknown choice values and bad dates. Asserted for every request: no 5xx, and a refusal (4xx, or a
redirect carrying an error message) leaves the database as it was.

FUZZ_FORM_EXAMPLES sets the number of requests per role (default 60).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.messages import ERROR
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from accounts.enums import Role
from tests.fuzz.conftest import ROUTE_KWARGS, fingerprint, valid_posts

EXAMPLES = int(os.environ.get("FUZZ_FORM_EXAMPLES", "60"))
ROLES = [None, Role.STAFF, Role.APPLICANT, Role.EVALUATOR, Role.OFFICIAL, Role.OPERATOR]
SKIPPED_NAMESPACES = {"admin"}
SKIPPED_NAMES = {"login", "logout", "set_language"}  # sign-in: lockout tests in tests/accounts


def _walk(patterns, namespace="", prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            full_ns = ":".join(x for x in (namespace, ns) if x)
            yield from _walk(p.url_patterns, full_ns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern) and p.name:
            yield (f"{namespace}:{p.name}" if namespace else p.name), prefix + str(p.pattern), p


def html_routes() -> list[tuple[str, str, list[str]]]:
    """(name, pattern, URL parameter names) of every HTML page."""
    out = []
    for name, pattern, p in _walk(get_resolver().url_patterns):
        if (
            pattern.startswith(("api/", "i18n/", "bench/", "^api/"))
            or name.split(":")[0] in SKIPPED_NAMESPACES
            or name.split(":")[-1] in SKIPPED_NAMES
            or name in ("schema", "api-docs")
        ):
            continue
        params = list(p.pattern.converters)
        out.append((name, pattern, params))
    return sorted(set((n, pt, tuple(pa)) for n, pt, pa in out))


ROUTES = html_routes()


def _template_field_names() -> set[str]:
    names = set()
    for path in Path(django_settings.BASE_DIR, "templates").rglob("*.html"):
        for raw in re.findall(r'name="([^"]+)"', path.read_text()):
            names.add(re.sub(r"\{\{[^}]*\}\}", "0", raw))
    return {n for n in names if n not in ("viewport", "htmx-config", "csrfmiddlewaretoken")}


def _form_field_names() -> set[str]:
    from accounts.interfaces.forms import InstitutionForm
    from applications.interfaces.forms import PlanForm, StartForm
    from evaluation.screening.interfaces.forms import OverrideForm
    from programs.interfaces.operator_forms import RecommendationForm

    names = set()
    for form in (InstitutionForm, PlanForm, StartForm, OverrideForm, RecommendationForm):
        names |= set(form.base_fields)
    return names


def _criteria_field_names() -> set[str]:
    from programs.data import catalogue

    codes = {c["code"] for key, value in vars(catalogue).items() if key.startswith("CRITERIA")
             for c in value}  # fmt: skip
    return {f"{prefix}_{code}" for code in codes for prefix in ("points", "comment")}


def field_names() -> list[str]:
    names = _template_field_names() | _form_field_names() | _criteria_field_names()
    names |= {"inst-1-institution", "bud-1-city_krw", "res-1-rate_pct", "rnd-1-amount_krw"}
    return sorted(names)


FIELDS = field_names()

BROKEN_IDS = ["", "abc", "0", "-1", "1.5", "1e5", "١٢", "²", "１", str(2**63), "9" * 40, " 1 ",
              "0x1f", "NaN", "Infinity", "1,000", "null", "[1]"]  # fmt: skip
CHOICES = ["zzz", "document", "presentation", "pass", "fail", "conditional", "1", "0", "on",
           "publish", "grant", "decide", "member", "auto", "assign", "unassign", "reopen",
           "trimmed_mean", "mean", "median", "none", "ceil", "floor", "half_up", "confirm",
           "reject", "confirmed", "rejected", "personnel", "materials", "pi", "researcher", "seoul", "national", "plan",
           "own", "fund", "강남구", "true", "false"]  # fmt: skip
DATES = ["2023-09-01", "2023-02-30", "99999-01-01", "0000-00-00", "2023/09/01", "1899-12-31",
         "2100-01-01", "２０２３-０９-０１"]  # fmt: skip


def values(ids: list[int]):
    real = st.sampled_from([str(i) for i in ids])
    return st.one_of(
        real,
        st.sampled_from(BROKEN_IDS),
        st.sampled_from(CHOICES),
        st.sampled_from(DATES),
        st.integers(min_value=-(10**25), max_value=10**25).map(str),
        st.text(max_size=30),
        st.text(max_size=10).map(lambda s: s + "\x00" + s),
        st.sampled_from([301, 5_001, 100_001]).map(lambda n: "가" * n),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
    )


# The pages each role works with: half of the requests go there, half to any page.
ROLE_ROUTES = {
    Role.STAFF: ("evaluation:committee-decisions", "evaluation:committee-action", "evaluation:coi",
                 "evaluation:site-check", "evaluation:call", "evaluation:objection",
                 "evaluation:what-if", "evaluation:flagged-decision", "screening:override",
                 "screening:release", "institution-register"),
    Role.APPLICANT: ("applications:save", "applications:start", "applications:upload",
                     "applications:submit", "applications:attachment-delete",
                     "evaluation:objection-file", "evaluation:exclusion-request",
                     "institution-register"),
    Role.EVALUATOR: ("evaluation:score-save", "evaluation:recuse", "evaluation:pledge"),
    Role.OPERATOR: ("programs:operator-recommendations",),
    Role.OFFICIAL: ("programs:budget-dashboard",),
}  # fmt: skip


def errors(response) -> list[str]:
    storage = getattr(response.wsgi_request, "_messages", None)
    return [str(m) for m in getattr(storage, "_queued_messages", []) if m.level == ERROR]


def test_routes_are_discovered():
    names = {name for name, _p, _a in ROUTES}
    assert {"evaluation:committee-decisions", "applications:save", "screening:override",
            "institution-register", "programs:operator-recommendations"} <= names  # fmt: skip
    assert len(FIELDS) > 60


def _generic_kwargs(world, params) -> dict:
    """URL kwargs of a route the world does not list: real ids of the likeliest objects."""
    out = {}
    for name in params:
        if name == "stage":
            out[name] = "document"
        elif name == "section":
            out[name] = "plan"
        elif name == "code":
            out[name] = "INV"
        else:
            out[name] = world.evaluated[0].pk
    return out


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_pages_never_answer_5xx_and_refusals_change_nothing(world, role):
    clients = Client(raise_request_exception=True)
    if role is not None:
        clients.force_login(world.users[role])
    ids = sorted({world.draft.pk, world.eval_call.pk, world.open_call.pk, world.assignment.pk,
                  world.sheet.pk, world.conflict.pk, world.objection.pk, world.member.pk,
                  world.committee.pk, world.run.pk, world.result.pk, world.attachment.pk,
                  world.decision.application_id, world.users[Role.EVALUATOR].pk,
                  world.draft.lead_institution_id, *(a.pk for a in world.evaluated)})  # fmt: skip
    broken_url_ids = [0, 999_999, 2**63 - 1, 2**63 + 5, 10**30]
    outcomes: Counter = Counter()

    posts = valid_posts(world)

    own = [r for r in ROUTES if r[0] in ROLE_ROUTES.get(role, ())] or ROUTES

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              derandomize=bool(os.environ.get("CI")), suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(
        route=st.one_of(st.sampled_from(ROUTES), st.sampled_from(own)),
        method=st.sampled_from(["POST", "POST", "POST", "GET"]),
        broken_url=st.sampled_from([None, None, None, *broken_url_ids]),
        draw=st.data(),
        upload=st.sampled_from([None, None, None, b"%PDF-1.4\n", b"\x00" * 10, b"PK\x03\x04"]),
        raw=st.sampled_from([None] * 9 + [b"reason=\xed\xa0\x80&op=member&evaluator=\xff"]),
        htmx=st.booleans(),
    )
    def check(route, method, broken_url, draw, upload, raw, htmx):
        name, _pattern, params = route
        if name in posts and draw.draw(st.booleans(), label="from a valid post"):
            base = {k: str(v) for k, v in draw.draw(st.sampled_from(posts[name])).items()}
            keys = st.sampled_from(sorted(k for k in base if k != "_section") + FIELDS)
            changes = draw.draw(st.dictionaries(keys, values(ids), max_size=3), label="changes")
            data = {**base, **changes}
        else:
            data = draw.draw(st.dictionaries(st.sampled_from(FIELDS), values(ids), max_size=10))
        kwargs = ROUTE_KWARGS[name](world) if name in ROUTE_KWARGS else {}
        kwargs = kwargs or _generic_kwargs(world, params)
        section = data.pop("_section", None)
        if section is not None and "section" in kwargs:
            kwargs = {**kwargs, "section": section}
        if broken_url is not None:
            kwargs = {k: (broken_url if isinstance(v, int) else v) for k, v in kwargs.items()}
        url = reverse(name, kwargs=kwargs or None)
        headers = {"HX-Request": "true"} if htmx else {}
        before = fingerprint()
        if method == "GET":
            response = clients.get(url, data, headers=headers)
        elif raw is not None:
            response = clients.post(url, raw, content_type="application/x-www-form-urlencoded",
                                    headers=headers)  # fmt: skip
        else:
            if upload is not None:
                data = {**data, "files": SimpleUploadedFile("f.pdf", upload)}
            response = clients.post(url, data, headers=headers)
        assert response.status_code < 500, (name, method, data)
        context = getattr(response, "context", None)
        shown_error = bool(context and context.get("error"))  # htmx partials show it inline
        refused = response.status_code >= 400 or bool(errors(response)) or shown_error
        event(f"{response.status_code} {'refused' if refused else 'done'}")
        outcomes["refused" if refused else f"{response.status_code}"] += 1
        if refused:
            assert fingerprint() == before, (name, method, data, response.status_code)

    check()
    print(
        f"\nforms fuzz as {role or 'anonymous'}: {sum(outcomes.values())} requests {dict(outcomes)}"
    )
