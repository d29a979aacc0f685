"""Staff pages of follow-on selection (seed 001) and of R15's forum records (seed 000 Ⅳ-⑮)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Agreement
from applications.views import PermissionView
from config.locking import AlreadyDecided
from config.params import id_param
from programs.domain.flows import flow_value
from programs.domain.follow_on import cohort, select_follow_on
from programs.domain.forum_records import execution, forum_programs, record_forum
from programs.forms_rules_2024 import FollowOnForm, ForumRecordForm
from programs.models import ForumRecord, Program


def _int(value, default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if 2000 <= number <= 2100 else default


def follow_on_programs() -> list[Program]:
    return [p for p in Program.objects.order_by("order") if flow_value(program=p, key="follow_on")]


class FollowOnView(PermissionView):
    """/follow-on/?program=R01&year=2026: the cohort ranked by score with the 30 % cap; staff select."""

    permission_required = "programs.view_follow_on"

    def _context(self, request, form=None, form_for=None):
        programs = follow_on_programs()
        code = (
            request.GET.get("program")
            or request.POST.get("program")
            or (programs[0].code if programs else "")
        )
        program = next((p for p in programs if p.code == code), programs[0] if programs else None)
        year = _int(request.GET.get("year") or request.POST.get("year"), timezone.localdate().year)
        group = cohort(program=program, year=year) if program else None
        spec = flow_value(program=program, key="follow_on") if program else {}
        return {
            "programs": programs, "program": program, "year": year, "cohort": group, "spec": spec,
            "form": form or FollowOnForm(initial={"amount_krw": (spec or {}).get("max_amount_krw")}),
            "form_for": form_for, "can_select": request.user.has_perm("programs.select_follow_on"),
        }  # fmt: skip

    def get(self, request):
        return render(request, "programs/rules_2024/follow_on.html", self._context(request))

    def post(self, request):
        if not request.user.has_perm("programs.select_follow_on"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        agreement_id = id_param(request.POST, "agreement")
        agreement = get_object_or_404(Agreement, pk=agreement_id)
        form = FollowOnForm(request.POST)
        if form.is_valid():
            try:
                select_follow_on(agreement=agreement, actor=request.user, **form.cleaned_data)
            except AlreadyDecided as exc:
                form.add_error("amount_krw" if exc.code == "amount" else None, exc.message)
            else:
                messages.success(
                    request, _("Selected for follow-on support; the agreement was amended.")
                )
                return redirect(
                    f"{request.path}?program={agreement.program.code}&year={request.POST.get('year', '')}"
                )
        context = self._context(request, form=form, form_for=agreement.pk)
        return render(request, "programs/rules_2024/follow_on.html", context, status=422)


class ForumRecordsView(PermissionView):
    """/forum-records/?year=2021: R15's MOUs, events, report and spending against its budget."""

    permission_required = "programs.view_forum_records"

    def _context(self, request, form=None):
        programs = forum_programs()
        code = (
            request.GET.get("program")
            or request.POST.get("program")
            or (programs[0].code if programs else "")
        )
        program = next((p for p in programs if p.code == code), programs[0] if programs else None)
        year = _int(request.GET.get("year") or request.POST.get("year"), 2021)
        records = (
            ForumRecord.objects.filter(program=program, year=year).select_related("recorded_by")
            if program
            else []
        )
        return {
            "programs": programs, "program": program, "year": year, "records": records,
            "execution": execution(program=program, year=year) if program else None,
            "form": form or ForumRecordForm(), "can_manage": request.user.has_perm("programs.manage_forum_records"),
        }  # fmt: skip

    def get(self, request):
        return render(request, "programs/rules_2024/forum_records.html", self._context(request))

    def post(self, request):
        if not request.user.has_perm("programs.manage_forum_records"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        context = self._context(request)
        form = ForumRecordForm(request.POST)
        if form.is_valid() and context["program"] is not None:
            try:
                record_forum(program=context["program"], year=context["year"], actor=request.user,
                             **form.cleaned_data)  # fmt: skip
            except AlreadyDecided as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The record was saved."))
                return redirect(
                    f"{request.path}?program={context['program'].code}&year={context['year']}"
                )
        context["form"] = form
        return render(request, "programs/rules_2024/forum_records.html", context, status=422)
