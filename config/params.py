"""Request parameters parsed at the boundary: ids, whole numbers, decimals, choices, dates, text.

Every view reads query and POST values through these helpers instead of `int(...)`,
`Decimal(...)` or `date.fromisoformat(...)`. A value that does not parse, lies outside its range
or is not one of the known choices raises `ParamError` (an HTTP 400-class refusal, a subclass of
Django's `BadRequest`) carrying a Korean and an English message; it is never a 500:

- `evaluation.views.run` shows it as an error message next to the page it redirects to;
- anything else is answered by `bad_request` (the project's `handler400`): the message on a 400
  page, or `{"code", "field", "message_ko", "message_en"}` as JSON under `/api/`.

`check_text` is the one helper for text that reaches the database: NUL characters (PostgreSQL
refuses them in text and jsonb) and lone surrogates (not encodable as UTF-8) are refused, never
silently stripped. The strict JSON parser (`config.parsers.StrictJSONParser`), `text_param` and the
serializers' JSON-field validators all use it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import BadRequest
from django.http import HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from rest_framework.exceptions import ValidationError as APIValidationError

# Money is integer won; no amount in the programmes comes near 10^15 won (1,000조), and a sum of
# many such amounts stays far below PostgreSQL's bigint (9.2 × 10^18).
MAX_KRW = 10**15
# Database ids are bigint (BigAutoField); plain integer columns are 32-bit.
MAX_ID = 2**63 - 1
MAX_INT = 2**31 - 1
MAX_TEXT = 20_000

_MISSING: Any = object()
_INTEGER = re.compile(r"[+-]?[0-9]{1,30}", re.ASCII)
_DECIMAL = re.compile(r"[+-]?[0-9]{1,20}(\.[0-9]{1,10})?", re.ASCII)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_SURROGATE = re.compile("[\ud800-\udfff]")


class ParamError(APIValidationError, BadRequest):
    """A refused request value, with the field name and Korean/English messages.

    Both a Django `BadRequest` (pages: 400 through handler400) and a DRF `ValidationError` (API
    views: 400 with `as_dict()` as the body, through DRF's own exception handler)."""

    status_code = 400

    def __init__(self, field: str, message_ko: str, message_en: str, code: str = "invalid"):
        Exception.__init__(self, message_en)
        self.field = field
        self.code = code
        self.message_ko = message_ko
        self.message_en = message_en
        self.detail = self.as_dict()

    def get_codes(self):
        return self.code

    def get_full_details(self):
        return self.detail

    def __str__(self) -> str:
        return self.bilingual

    @property
    def message(self) -> str:
        return self.message_en if translation.get_language() == "en" else self.message_ko

    @property
    def bilingual(self) -> str:
        return f"{self.message_ko} / {self.message_en}"

    def as_dict(self) -> dict:
        return {"code": self.code, "field": self.field, "detail": self.message,
                "message_ko": self.message_ko, "message_en": self.message_en}  # fmt: skip


def _raw(params: Mapping, name: str):
    value = params.get(name)
    if isinstance(value, str):
        value = value.strip()
    return value


def _missing(name: str, default):
    if default is _MISSING:
        raise ParamError(name, f"{name} 값이 필요합니다.", f"A value for {name} is required.",
                         "required")  # fmt: skip
    return default


def parse_int(value, name: str, *, min_value: int | None = None, max_value: int = MAX_INT) -> int:
    """An ASCII whole number (or a JSON int) within [min_value, max_value]."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ParamError(name, f"{name}: 정수여야 합니다.", f"{name}: must be a whole number.")
    if isinstance(value, str):
        value = value.strip()
        if not _INTEGER.fullmatch(value):
            raise ParamError(name, f"{name}: 정수여야 합니다.", f"{name}: must be a whole number.")
        value = int(value)
    if (min_value is not None and value < min_value) or value > max_value:
        low = "" if min_value is None else f"{min_value:,}"
        raise ParamError(name, f"{name}: {low}~{max_value:,} 범위의 정수여야 합니다.",
                         f"{name}: must be a whole number from {low} to {max_value:,}.", "range")  # fmt: skip
    return value


def int_param(params: Mapping, name: str, *, default=_MISSING, min_value: int | None = 0,
              max_value: int = MAX_INT) -> int:  # fmt: skip
    """A whole number from request.GET/POST (or a dict); missing/blank → default or refusal."""
    raw = _raw(params, name)
    if raw in (None, ""):
        return _missing(name, default)
    return parse_int(raw, name, min_value=min_value, max_value=max_value)


def id_param(params: Mapping, name: str, *, default=_MISSING) -> int:
    """A database id (1 … bigint max)."""
    return int_param(params, name, default=default, min_value=1, max_value=MAX_ID)


def money_param(params: Mapping, name: str, *, default=_MISSING) -> int:
    """An amount in won, 0 … MAX_KRW."""
    return int_param(params, name, default=default, min_value=0, max_value=MAX_KRW)


def decimal_param(params: Mapping, name: str, *, min_value: Decimal | int, max_value: Decimal | int,
                  default=_MISSING) -> Decimal:  # fmt: skip
    """A plain decimal number (no exponent, NaN or infinity) within [min_value, max_value]."""
    raw = _raw(params, name)
    if raw in (None, ""):
        return _missing(name, default)
    if not isinstance(raw, str) or not _DECIMAL.fullmatch(raw):
        raise ParamError(name, f"{name}: 숫자여야 합니다.", f"{name}: must be a number.")
    try:
        value = Decimal(raw)
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
        raise ParamError(name, f"{name}: 숫자여야 합니다.", f"{name}: must be a number.") from None
    if not Decimal(min_value) <= value <= Decimal(max_value):
        raise ParamError(name, f"{name}: {min_value}~{max_value} 범위여야 합니다.",
                         f"{name}: must be between {min_value} and {max_value}.", "range")  # fmt: skip
    return value


def choice_param(params: Mapping, name: str, choices: Iterable, *, default=_MISSING) -> str:
    """One of the known values (a TextChoices class, its `.choices`, or plain values)."""
    raw = _raw(params, name)
    if raw in (None, ""):
        return _missing(name, default)
    return parse_choice(raw, name, choices)


def parse_choice(value, name: str, choices: Iterable) -> str:
    allowed = _values(choices)
    if not isinstance(value, str) or value not in allowed:
        shown = ", ".join(allowed)
        raise ParamError(name, f"{name}: 허용되지 않은 값입니다 ({shown}).",
                         f"{name}: unknown value (allowed: {shown}).", "choice")  # fmt: skip
    return value


def _values(choices: Iterable) -> list[str]:
    values = getattr(choices, "values", None)
    if isinstance(values, list):
        return [str(v) for v in values]
    out = []
    for c in choices:
        out.append(str(c[0] if isinstance(c, tuple | list) else c))
    return out


def date_param(params: Mapping, name: str, *, default=_MISSING) -> dt.date:
    """A date YYYY-MM-DD between 1900 and 2100."""
    raw = _raw(params, name)
    if raw in (None, ""):
        return _missing(name, default)
    try:
        if not isinstance(raw, str) or not _DATE.fullmatch(raw):
            raise ValueError
        value = dt.date.fromisoformat(raw)
    except ValueError:
        raise ParamError(name, f"{name}: 날짜(YYYY-MM-DD)여야 합니다.",
                         f"{name}: must be a date (YYYY-MM-DD).", "date") from None  # fmt: skip
    if not 1900 <= value.year <= 2100:
        raise ParamError(name, f"{name}: 1900~2100년 사이의 날짜여야 합니다.",
                         f"{name}: must be a date between 1900 and 2100.", "range")  # fmt: skip
    return value


def text_param(params: Mapping, name: str, *, default: str = "", max_length: int = MAX_TEXT) -> str:
    """Free text: NUL and lone surrogates refused, at most max_length characters, stripped."""
    raw = params.get(name)
    if raw is None:
        return default
    if not isinstance(raw, str):
        raise ParamError(name, f"{name}: 문자열이어야 합니다.", f"{name}: must be text.")
    value = check_text(raw, name).strip()
    if len(value) > max_length:
        raise ParamError(name, f"{name}: {max_length:,}자 이하여야 합니다.",
                         f"{name}: at most {max_length:,} characters.", "max_length")  # fmt: skip
    return value


def bad_text_reason(value: str) -> str | None:
    """Why a string cannot be stored (NUL / lone surrogate), or None."""
    if "\x00" in value:
        return "nul"
    if _SURROGATE.search(value):
        return "surrogate"
    return None


def printable(text: str) -> str:
    """Text safe to echo in a message (NUL and lone surrogates escaped): a refusal that repeats the
    offending key must not fail itself when encoded as UTF-8."""
    if not bad_text_reason(text):
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")


def check_text(value: str, name: str = "text") -> str:
    """The one check for stored text: NUL characters and lone surrogates are refused."""
    name = printable(name)
    reason = bad_text_reason(value)
    if reason == "nul":
        raise ParamError(name, f"{name}: NUL 문자(\\u0000)는 입력할 수 없습니다.",
                         f"{name}: NUL characters (\\u0000) are not allowed.", "nul")  # fmt: skip
    if reason == "surrogate":
        raise ParamError(name, f"{name}: 올바르지 않은 유니코드 문자(짝 없는 서로게이트)가 있습니다.",
                         f"{name}: invalid Unicode (lone surrogate).", "surrogate")  # fmt: skip
    return value


def check_json_text(value, name: str = "json"):
    """check_text on every string (keys included) of a JSON value; returns the value.

    The refusal names the place, e.g. `schedule[2].task`."""
    if isinstance(value, str):
        check_text(value, name or "body")
    elif isinstance(value, dict):
        for key, item in value.items():
            place = f"{name}.{key}" if name else str(key)
            check_text(str(key), place)
            check_json_text(item, place)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            check_json_text(item, f"{name}[{i}]")
    return value


def bound_url_ids() -> None:
    """Make every `<int:…>` URL part above the bigint range no match (404), for all routes.

    Django's ORM answers such lookups with "not found", but raw and prepared SQL (the application
    graph, autosave, submit) would fail with "bigint out of range" (a 500) on PostgreSQL. Called
    once from config/urls.py, so current and future routes are covered."""
    from django.urls.converters import IntConverter

    if getattr(IntConverter, "_bounded", False):
        return

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("id out of range")  # the resolver treats it as no match
        return number

    IntConverter.to_python = to_python
    IntConverter._bounded = True


def _wants_json(request) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", ""
    )


def bad_request(request, exception=None):
    """handler400: a ParamError's message (page or JSON); Django's plain 400 otherwise."""
    if isinstance(exception, ParamError):
        if _wants_json(request):
            return JsonResponse(exception.as_dict(), status=400)
        try:
            html = render_to_string("400.html", {"error": exception}, request=request)
        except Exception:  # noqa: BLE001 - the refusal itself must never become a 500
            html = f"<h1>400</h1><p>{exception.bilingual}</p>"
        return HttpResponseBadRequest(html)
    if _wants_json(request):
        return JsonResponse({"code": "bad_request", "detail": "Bad Request"}, status=400)
    from django.views.defaults import bad_request as django_bad_request

    return django_bad_request(request, exception)


def check_json_schema(value, schema: dict, name: str):
    """A JSON field checked against its JSON schema (and check_json_text); returns the value.

    The refusal names the first failing place, e.g. `rnd_record[0].amount_krw`."""
    from jsonschema import Draft202012Validator

    error = next(iter(Draft202012Validator(schema).iter_errors(value)), None)
    if error is not None:
        place = name + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.path)
        raise ParamError(place, f"{place}: 형식이 올바르지 않습니다 ({error.validator}).",
                         f"{place}: invalid value ({error.message[:200]}).", "schema")  # fmt: skip
    return check_json_text(value, name)


def scalar_schema(max_length: int = 5000) -> dict:
    """A flat JSON value: short text, a number within ±MAX_KRW, a boolean or null."""
    return {"type": ["string", "integer", "number", "boolean", "null"], "maxLength": max_length,
            "minimum": -MAX_KRW, "maximum": MAX_KRW}  # fmt: skip
