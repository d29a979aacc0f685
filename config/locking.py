"""Race-free, idempotent decisions: the one mechanism every state change decided by a person uses.

Two staff members may act on the same row at the same moment (two tabs, a double click, two
people). A decision function therefore, inside ``transaction.atomic``:

1. re-fetches the row it decides on with :func:`lock` (``SELECT … FOR UPDATE``): a second decision
   on the same row waits until the first one commits;
2. re-checks the state on the *locked* row and raises :class:`AlreadyDecided` when someone decided
   first (never trust the instance the view loaded before the lock);
3. wraps an insert guarded by a unique constraint in :func:`refuse_duplicate`, so a duplicate filing
   becomes the same refusal instead of an ``IntegrityError`` (a 500).

Lock order, to avoid deadlocks: the call (when a decision spans a call), then the application,
then the decided row itself, then its children.

:class:`AlreadyDecided` is both an ``EvaluationError`` (``evaluation.views.run`` shows it as a
message; ``evaluation.api`` answers with its code) and a Django ``ValidationError`` (forms and views
catching ``ValidationError`` show it), with a Korean and an English message. A view that lets it
escape still never answers 500: :class:`AlreadyDecidedMiddleware` turns it into 409 (API, JSON)
or a message and a redirect back (pages).
"""

from __future__ import annotations

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from evaluation.domain import EvaluationError

DEFAULT_KO = "이미 결정되었습니다."
DEFAULT_EN = "Already decided."


class AlreadyDecided(EvaluationError, ValidationError):
    """Someone else decided first (or the same form was sent twice): a refusal, never a 500."""

    status_code = 409

    def __init__(
        self, message_ko: str = DEFAULT_KO, message_en: str = DEFAULT_EN, code: str = "decided"
    ):
        # Not cooperative on purpose: the two bases take different arguments.
        ValidationError.__init__(self, f"{message_ko} / {message_en}", code=code)
        self.message_ko = message_ko
        self.message_en = message_en

    # EvaluationError.message (the current language's text) is a read-only property; the
    # ValidationError base assigns .message in its __init__, which is ignored here.
    @property
    def message(self) -> str:
        return EvaluationError.message.fget(self)

    @message.setter
    def message(self, value) -> None:
        pass

    @property
    def bilingual(self) -> str:
        return f"{self.message_ko} / {self.message_en}"

    def __iter__(self):  # ValidationError.messages / forms show both languages
        yield self.bilingual

    def __str__(self) -> str:
        return self.bilingual

    def __reduce__(self):  # pickling (e.g. through Celery) keeps the three fields
        return (type(self), (self.message_ko, self.message_en, self.code))

    def __repr__(self) -> str:
        return f"AlreadyDecided({self.code!r}, {self.message_en!r})"

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "detail": self.message,
            "message_ko": self.message_ko,
            "message_en": self.message_en,
        }


def lock(model_or_queryset, pk=None, *, gone: AlreadyDecided | None = None):
    """Re-fetch one row with ``SELECT … FOR UPDATE`` (only its own table) inside a transaction.

    ``lock(Model, pk)``, ``lock(queryset, pk)`` (e.g. with ``select_related``) or ``lock(instance)``.
    A row deleted by a decision that committed first raises ``gone`` (default: AlreadyDecided).
    Refuses to run outside ``transaction.atomic``: a lock released at once protects nothing.
    """
    if isinstance(model_or_queryset, models.Model):
        model_or_queryset, pk = type(model_or_queryset), model_or_queryset.pk
    queryset = (
        model_or_queryset
        if isinstance(model_or_queryset, models.QuerySet)
        else model_or_queryset._default_manager.all()
    )
    if not transaction.get_connection(queryset.db).in_atomic_block:
        raise RuntimeError("lock() must run inside transaction.atomic()")
    try:
        return queryset.select_for_update(of=("self",)).get(pk=pk)
    except queryset.model.DoesNotExist:
        raise (gone or AlreadyDecided()) from None


def is_unique_violation(exc: IntegrityError) -> bool:
    """True for a unique-constraint violation (PostgreSQL 23505, SQLite "UNIQUE constraint")."""
    cause = exc.__cause__
    code = getattr(cause, "pgcode", None) or getattr(cause, "sqlstate", None)
    return code == "23505" or "UNIQUE constraint failed" in str(exc)


@contextmanager
def refuse_duplicate(message_ko: str = DEFAULT_KO, message_en: str = DEFAULT_EN):
    """Run an insert in a savepoint; a unique-constraint violation becomes AlreadyDecided."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        if not is_unique_violation(exc):
            raise
        raise AlreadyDecided(message_ko, message_en, code="duplicate") from exc


class AlreadyDecidedMiddleware:
    """Last line of defence: an AlreadyDecided a view did not catch is a 409 or a message, not 500.

    API requests (``/api/`` or JSON accepted) get ``409 {"code", "detail", "message_ko",
    "message_en"}``; pages get the bilingual message and a redirect back to the page the form was
    on (the Referer when it is on this site, else the same URL).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, AlreadyDecided):
            return None
        wants_json = "/api/" in request.path or "application/json" in request.headers.get(
            "Accept", ""
        )
        if wants_json:
            return JsonResponse(exception.as_dict(), status=exception.status_code)
        from django.contrib import messages

        try:
            messages.error(request, exception.bilingual)
        except messages.MessageFailure:  # no message middleware on this request
            return JsonResponse(exception.as_dict(), status=exception.status_code)
        back = request.headers.get("Referer", "")
        safe = url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        return redirect(back if safe else request.get_full_path())
