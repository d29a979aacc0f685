"""Request bodies over the limits get a clear Korean/English refusal, never a bare "Bad Request (400)".

Django refuses a form whose fields exceed `DATA_UPLOAD_MAX_MEMORY_SIZE` (or have more than
`DATA_UPLOAD_MAX_NUMBER_FIELDS` fields / `DATA_UPLOAD_MAX_NUMBER_FILES` files) by raising while the
body is parsed; that used to end as Django's bare 400 page (and htmx showed nothing). This
middleware parses form bodies itself before any view runs, and refuses up front a body whose
declared length is over the limits, so the view — and the draft — are never touched:

- a page form gets a readable page (413/400) that says the draft already saved is kept;
- an htmx autosave gets the autosave status fragment with the reason (status 200 and
  `data-autosave-state="refused"`: the contract of the other refused saves of
  `applications.views.SectionSaveView`; static/js/autosave.js shows it and does not retry);
- the API (`/api/`, or a client asking for JSON) gets `{"code", "detail", "message_ko",
  "message_en"}` with 413/400.

`process_exception` catches the same errors raised later inside a view (e.g. DRF parsing a PATCH).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
BODY_METHODS = ("POST", "PUT", "PATCH", "DELETE")
LIMIT_ERRORS = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent, MultiPartParserError)


@dataclass(frozen=True)
class RequestRefused:
    code: str
    status: int
    message_ko: str
    message_en: str

    @property
    def message(self) -> str:
        return self.message_en if translation.get_language() == "en" else self.message_ko

    def as_dict(self) -> dict:
        return {"code": self.code, "detail": self.message, "message": self.message,
                "message_ko": self.message_ko, "message_en": self.message_en}  # fmt: skip


KEPT_KO = "저장되지 않았으며, 이전에 저장된 임시저장 내용은 그대로 보존되어 있습니다."
KEPT_EN = "Nothing was saved; the draft saved before is kept as it was."


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):g}"


def too_large() -> RequestRefused:
    limit = _mb(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return RequestRefused(
        "request_too_large", 413,
        f"입력한 내용이 너무 큽니다(한 번에 보낼 수 있는 글자 양 {limit}MB 초과). {KEPT_KO} "
        "긴 글은 줄이거나 첨부파일로 올려 주십시오.",
        f"What you entered is too large (over the {limit} MB of text a request may carry). "
        f"{KEPT_EN} Shorten the text or upload it as an attachment.",
    )  # fmt: skip


def upload_too_large() -> RequestRefused:
    per_file = _mb(settings.MAX_UPLOAD_FILE_BYTES)
    files = settings.MAX_UPLOAD_FILES_PER_REQUEST
    return RequestRefused(
        "upload_too_large", 413,
        f"한 번에 올리는 파일이 너무 큽니다(한 번에 최대 {files}개, 파일당 {per_file}MB). {KEPT_KO}",
        f"The upload is too large (at most {files} files of {per_file} MB each at once). "
        f"{KEPT_EN}",
    )  # fmt: skip


def too_many_fields() -> RequestRefused:
    n = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    return RequestRefused(
        "too_many_fields", 400,
        f"입력 항목이 너무 많습니다(한 번에 최대 {n}개). {KEPT_KO}",
        f"Too many fields at once (at most {n}). {KEPT_EN}",
    )  # fmt: skip


def too_many_files() -> RequestRefused:
    n = settings.DATA_UPLOAD_MAX_NUMBER_FILES
    return RequestRefused(
        "too_many_files", 400,
        f"한 번에 올릴 수 있는 파일 수({n}개)를 넘었습니다. {KEPT_KO}",
        f"More files than may be sent at once ({n}). {KEPT_EN}",
    )  # fmt: skip


def too_many_params() -> RequestRefused:
    n = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    return RequestRefused(
        "too_many_params", 400,
        f"주소(URL)의 조회 조건이 너무 많습니다(최대 {n}개).",
        f"Too many query parameters in the address (at most {n}).",
    )  # fmt: skip


def malformed() -> RequestRefused:
    return RequestRefused(
        "request_malformed", 400,
        f"요청 형식이 올바르지 않습니다(전송이 중간에 끊겼거나 손상됨). {KEPT_KO} 다시 시도해 주십시오.",
        f"The request is malformed (the upload was cut off or damaged). {KEPT_EN} Try again.",
    )  # fmt: skip


def refusal_for(exc: Exception) -> RequestRefused:
    if isinstance(exc, RequestDataTooBig):
        return too_large()
    if isinstance(exc, TooManyFieldsSent):
        return too_many_fields()
    if isinstance(exc, TooManyFilesSent):
        return too_many_files()
    return malformed()


def _content_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def check_request(request) -> RequestRefused | None:
    """The refusal for this request's body, or None; parses form bodies (Django caches them)."""
    if request.method not in BODY_METHODS:
        return None
    length = _content_length(request)
    content_type = request.content_type or ""
    memory_limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if content_type == "multipart/form-data":
        # Files do not count towards DATA_UPLOAD_MAX_MEMORY_SIZE; the whole body is capped by
        # the upload rules (10 files × 20 MB) plus the form fields.
        cap = settings.MAX_UPLOAD_FILE_BYTES * settings.MAX_UPLOAD_FILES_PER_REQUEST
        if length > cap + (memory_limit or 0):
            return upload_too_large()
    elif memory_limit is not None and length > memory_limit:
        return too_large()
    if request.method == "POST" and content_type in FORM_TYPES:
        try:
            request.POST  # noqa: B018 - parse now, inside this try, instead of in a view
            request.FILES  # noqa: B018
        except LIMIT_ERRORS as exc:
            return refusal_for(exc)
    return None


def _wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    return (
        request.path.startswith("/api/")
        or "application/json" in accept
        or (request.content_type or "") == "application/json"
    )


def _back_url(request) -> str:
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


def refusal_response(request, refusal: RequestRefused) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(refusal.as_dict(), status=refusal.status)
    if request.headers.get("HX-Request"):
        html = render_to_string("request_refused_fragment.html", {"error": refusal})
        response = HttpResponse(html, status=200)
        response["X-Request-Refused"] = refusal.code
        return response
    context = {"error": refusal, "back_url": _back_url(request)}
    try:
        html = render_to_string("request_refused.html", context, request=request)
    except Exception:  # noqa: BLE001 - the refusal itself must never become a 500
        html = f"<h1>{refusal.status}</h1><p>{refusal.message_ko} / {refusal.message_en}</p>"
    return HttpResponse(html, status=refusal.status)


class RequestLimitsMiddleware:
    """Refuse over-limit request bodies with a clear message before any view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = check_request(request)
        if refusal is not None:
            return refusal_response(request, refusal)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, TooManyFieldsSent) and request.method not in BODY_METHODS:
            return refusal_response(request, too_many_params())
        if isinstance(exception, LIMIT_ERRORS):
            return refusal_response(request, refusal_for(exception))
        return None
