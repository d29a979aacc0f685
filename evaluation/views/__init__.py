"""Pages of evaluation (thin: they call domain functions)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from config.params import ParamError
from evaluation.domain import EvaluationError


def require(request, perm: str, obj=None) -> None:
    """403 unless the user has the django-rules permission (on obj when given)."""
    if not request.user.is_authenticated or not request.user.has_perm(perm, obj):
        raise PermissionDenied


def run(request, action, success: str, redirect_to: str):
    """Run a domain action; show its Korean/English error message instead of failing.

    The action parses its request values with config.params (int_param, choice_param, …) inside
    the callable, so a refused value is shown the same way as a refused action."""
    try:
        action()
    except (EvaluationError, ParamError) as exc:
        messages.error(request, f"{exc.message_ko} / {exc.message_en}")
    else:
        messages.success(request, success)
    return redirect(redirect_to)
