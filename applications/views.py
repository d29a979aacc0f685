"""Applicant pages: my applications, start, multi-section edit with autosave, upload, submit."""

import uuid

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from rest_framework import serializers

from accounts.enums import Role
from applications.domain.attachments import add_attachments, remove_attachment
from applications.domain.drafts import create_draft, update_draft
from applications.domain.errors import ApplicationRefused
from applications.domain.graph import load_application_graph
from applications.domain.submission import submit_application
from applications.domain.validation import (
    ELIGIBILITY_QUESTIONS,
    validate_application,
)
from applications.domain.withdrawal import (
    REASON_MAX,
    delete_draft,
    withdraw_application,
    withdrawal_refusal,
)
from applications.enums import (
    ApplicationStatus,
    BudgetCategory,
    InstitutionRole,
    ResearcherRole,
    RndRecordKind,
)
from applications.interfaces.forms import PlanForm, StartForm, rows_from_post
from applications.interfaces.hub import hub_entries
from applications.interfaces.plan_form import (
    REQUIRED_ROW_KEYS,
    ROW_KEYS,
    SECTION_PREFIX,
    FieldError,
    SectionInvalid,
    budget_totals,
    db_rows,
    input_id,
    institution_role_errors,
    plan_errors,
    posted_rows,
    row_errors,
    rule_message,
    section_error,
    stepper,
)
from applications.interfaces.serializers import (
    RND_RECORD_SCHEMA,
    BudgetItemIn,
    InstitutionIn,
    ResearcherIn,
    json_field,
)
from applications.models import Application, Attachment
from applications.rules import readable_applications
from config.locking import AlreadyDecided
from config.params import MAX_KRW, ParamError, parse_int
from programs.domain.free_call import allowed_institution_roles
from programs.enums import CallStatus
from programs.models import Call


def application_for(request, pk: int, perm: str, queryset=None, *, graph=False) -> Application:
    """Another applicant's application is 404 (its existence is not revealed); other roles 403.

    graph=True loads everything validation and the edit page read (one statement on PostgreSQL).
    """
    if graph:
        app = load_application_graph(application_id=pk)
        if app is None:
            raise Http404
    else:
        app = get_object_or_404(queryset if queryset is not None else Application.objects, pk=pk)
    if not request.user.has_perm(perm, app):
        if request.user.role == Role.APPLICANT:
            raise Http404
        raise PermissionDenied
    return app


class PermissionView(LoginRequiredMixin, View):
    permission_required = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.permission_required and not request.user.has_perm(self.permission_required):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MyApplicationsView(PermissionView):
    permission_required = "applications.list_own_applications"

    def get(self, request):
        now = timezone.now()
        apps = (
            readable_applications(request.user)
            .select_related("call", "program")
            .order_by("-updated_at")
        )
        calls = Call.objects.filter(
            status=CallStatus.PUBLISHED, opens_at__lte=now, closes_at__gt=now
        ).order_by("closes_at")
        return render(request, "applications/my_list.html", {
            "entries": hub_entries(apps, user=request.user, now=now), "calls": calls,
        })  # fmt: skip


class StartView(PermissionView):
    permission_required = "applications.add_application"

    def _call(self, request, call_pk):
        call = get_object_or_404(Call.objects.prefetch_related("programs__field"), pk=call_pk)
        if not request.user.has_perm("programs.view_call", call):
            raise Http404
        return call

    def get(self, request, call_pk: int):
        call = self._call(request, call_pk)
        ctx = {"call": call, "is_open": call.is_open, "start_form": StartForm(call=call)}
        return render(request, "applications/call_apply.html", ctx)

    def post(self, request, call_pk: int):
        call = self._call(request, call_pk)
        form = StartForm(request.POST, call=call)
        if not form.is_valid():
            return render(
                request, "applications/call_apply.html",
                {"call": call, "is_open": call.is_open, "start_form": form}, status=400,
            )  # fmt: skip
        try:
            app = create_draft(
                call=call, applicant=request.user, program=form.cleaned_data["program"]
            )
        except ApplicationRefused as exc:
            messages.error(request, exc.message)
            return redirect("applications:start", call_pk=call.pk)
        return redirect("applications:edit", pk=app.pk)


def edit_context(app: Application, *, section: str = "", post=None, errors=()) -> dict:
    """The edit page. After a refused plain save of `section`, that section shows what was
    posted (kept input) with each error under its input and in the section's error summary."""
    problems = validate_application(app)
    institutions = sorted(app.institutions.all(), key=lambda r: r.role != "lead")
    inst_roles = allowed_institution_roles(program=app.program, call=app.call)
    rows = db_rows(app, app.rnd_record)
    plan_form = PlanForm(instance=app)
    if post is not None and section == "plan":
        plan_form = PlanForm(post, instance=Application(pk=app.pk, call=app.call))
        plan_form.is_valid()  # binds the posted values; the errors shown are ours (errors)
        plan_form.mark_errors(errors)
    elif post is not None and section in SECTION_PREFIX:
        prefix = SECTION_PREFIX[section]
        rows[prefix] = posted_rows(app, prefix, post, list(errors))
    return {
        "app": app,
        "plan_form": plan_form,
        "problems": problems,
        "stepper": stepper(problems),
        "errors_by_section": {section: list(errors)} if errors else {},
        "budget_totals": budget_totals(rows["bud"]),
        "institutions": institutions,
        "institution_choices": [r.institution for r in institutions],
        # participation roles a co-institution row may take in this call (catalogue data)
        "inst_roles": [(v, InstitutionRole(v).label) for v in inst_roles],
        "inst_roles_values": inst_roles,
        "inst_rows": rows["inst"],
        "res_rows": rows["res"],
        "bud_rows": rows["bud"],
        "rnd_rows": rows["rnd"],
        "required_rows": {p: sorted(k) for p, k in REQUIRED_ROW_KEYS.items()},
        "eligibility_questions": [
            (code, ko, en, (app.eligibility_check or {}).get(code) is True)
            for code, ko, en in ELIGIBILITY_QUESTIONS
        ],
        "researcher_roles": ResearcherRole.choices,
        "categories": BudgetCategory.choices,
        "rnd_kinds": RndRecordKind.choices,
        "documents": app.call.required_documents or [],
        "editable": app.status == ApplicationStatus.DRAFT and app.call.is_open,
        "years": [str(y) for y in range(1, -(-(app.period_months or 12) // 12) + 1)],
    }


class EditView(PermissionView):
    def get(self, request, pk: int):
        app = application_for(request, pk, "applications.view_application", graph=True)
        if app.status != ApplicationStatus.DRAFT:
            return redirect("applications:receipt", pk=app.pk)
        ctx = edit_context(app)
        ctx["editable"] = ctx["editable"] and _may_change(request.user, app)
        if (app.program.flow or {}).get("matching"):  # a joint plan (campus-town matching)
            from applications.models import ExpertMatch

            ctx["joint_match"] = (
                ExpertMatch.objects.filter(application=app, status="accepted")
                .select_related("expert", "problem__startup").first()
            )  # fmt: skip
        return render(request, "applications/edit.html", ctx)


def _may_change(user, app: Application) -> bool:
    """The applicant, or a co-author the programme names (applications.rules.is_matched_expert)."""
    return app.applicant_id == user.pk or user.has_perm("applications.change_application", app)


def _posted_base(post) -> int | None:
    """The edit_version the posted section was based on (co-editing check), if sent."""
    value = (post.get("base_version") or "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else None


def _parse_rows(prefix: str, serializer_class, post, prepare=None, indexes_out=None) -> list:
    """Parse the posted rows of one table; errors become FieldErrors next to their inputs.
    `indexes_out`, if given, receives the N of each parsed row."""
    indexes: list[int] = [] if indexes_out is None else indexes_out
    rows = rows_from_post(post, prefix, ROW_KEYS[prefix], indexes)
    if prepare is not None:
        for row in rows:
            prepare(row)
    s = serializer_class(data=rows, many=True)
    if not s.is_valid():
        raw = s.errors  # a list per row, or (newer DRF) a dict keyed by the row's position
        errors = (
            [raw.get(n) for n in range(len(rows))] if isinstance(raw, dict) else list(raw or [])
        )
        found = row_errors(prefix, indexes, errors, serializer_class, rows)
        if not found:  # e.g. a list-level error
            found = [section_error(_SECTION_OF[prefix], *_bilingual(_flatten(s.errors)))]
        raise SectionInvalid(found)
    return s.validated_data


_SECTION_OF = {v: k for k, v in SECTION_PREFIX.items()}


def _bilingual(messages: list[str]) -> tuple[str, str]:
    text = " ".join(messages)
    return (text, text)


def _flatten(detail) -> list[str]:
    if isinstance(detail, dict):
        return [m for v in detail.values() for m in _flatten(v)]
    if isinstance(detail, list | tuple):
        return [m for v in detail for m in _flatten(v)]
    return [str(detail)]


def _amounts(*keys):
    def prepare(row):
        for k in keys:
            if k in row:
                row[k] = row[k].replace(",", "").removesuffix("원").strip() or "0"

    return prepare


def _rate(row):
    if "rate_pct" in row:
        row["rate_pct"] = row["rate_pct"].removesuffix("%").strip()


def section_data(app: Application, section: str, post) -> dict:
    """Turn one posted section into the `update_draft` data (same parsing as the API).

    Raises SectionInvalid with one FieldError per input that cannot be parsed.
    """
    if section == "plan":
        form = PlanForm(post, instance=app)
        if not form.is_valid():
            raise SectionInvalid(plan_errors(form))
        return {f: form.cleaned_data[f] for f in form.fields}
    if section == "institutions":
        indexes: list[int] = []
        rows = _parse_rows("inst", InstitutionIn, post, indexes_out=indexes)
        errors = institution_role_errors(
            rows, indexes, allowed=allowed_institution_roles(program=app.program, call=app.call),
            saved={r.institution.business_no: r.role
                   for r in app.institutions.select_related("institution")},
        )  # fmt: skip
        if errors:
            raise SectionInvalid(errors)
        return {"institutions": rows}
    if section == "researchers":
        return {"researchers": _parse_rows("res", ResearcherIn, post, _rate)}
    if section == "budget":
        prepare = _budget_prepare(_amounts("city_krw", "cash_krw", "inkind_krw"))
        return {"budget_items": _parse_rows("bud", BudgetItemIn, post, prepare)}
    if section == "forms":
        indexes: list[int] = []
        record = rows_from_post(post, "rnd", ROW_KEYS["rnd"], indexes)
        errors = []
        for i, row in zip(indexes, record, strict=True):
            amount = row.get("amount_krw", "0").replace(",", "").removesuffix("원").strip() or "0"
            try:
                row["amount_krw"] = parse_int(amount, "amount_krw", min_value=0, max_value=MAX_KRW)
            except ParamError as exc:
                ko, en = rule_message(
                    "max_value" if exc.code == "range" else "invalid", "금액", "amount",
                    limit=MAX_KRW, unit_ko="원", unit_en=" KRW",
                )  # fmt: skip
                errors.append(FieldError(input_id("rnd", i, "amount_krw"), ko, en))
        if errors:
            raise SectionInvalid(errors)
        try:
            record = json_field(record, RND_RECORD_SCHEMA, "rnd_record")
        except serializers.ValidationError as exc:
            raise SectionInvalid(
                [section_error("forms", *_split(" ".join(_flatten(exc.detail))))]
            ) from None
        return {
            "eligibility_check": {
                code: bool(post.get(f"elig-{code}")) for code, _ko, _en in ELIGIBILITY_QUESTIONS
            },
            "privacy_consent": bool(post.get("privacy_consent")),
            "export_record": bool(post.get("export_record")),
            "rnd_record": record,
        }
    raise Http404


def _budget_prepare(prepare):
    def both(row):
        prepare(row)
        for k in ("city_krw", "cash_krw", "inkind_krw"):
            row.setdefault(k, "0")

    return both


def _split(text: str) -> tuple[str, str]:
    return tuple(text.split(" / ", 1)) if " / " in text else (text, text)


class SectionSaveView(PermissionView):
    """Autosave target (htmx) and plain form target of each edit section.

    A refused save answers the htmx request with the section's error summary (swapped into the
    page; autosave.js marks the inputs); a plain POST gets the edit page again (400) with the
    posted values kept and each error under its input, the summary at the top of the section.
    """

    def post(self, request, pk: int, section: str):
        app = application_for(request, pk, "applications.change_application")
        if section not in _SECTIONS:
            raise Http404
        errors: list[FieldError] = []
        saved_version = None
        try:
            saved = update_draft(
                application=app, actor=request.user, data=section_data(app, section, request.POST),
                base_version=_posted_base(request.POST),
            )  # fmt: skip
            saved_version = saved.edit_version
        except SectionInvalid as exc:
            errors = exc.errors
        except ApplicationRefused as exc:
            errors = [section_error(section, exc.message_ko, exc.message_en)]
        except ParamError as exc:
            errors = [section_error(section, exc.message_ko, exc.message_en)]
        except (serializers.ValidationError, ValueError) as exc:
            detail = getattr(exc, "detail", [str(exc)])
            errors = [section_error(section, *_split(" ".join(_flatten(detail))))]
        error = ""
        if errors:
            error = _("Not saved: %(errors)s") % {"errors": " / ".join(e.message for e in errors)}
        app = load_application_graph(application_id=app.pk)
        if request.headers.get("HX-Request"):
            problems = validate_application(app)
            ctx = {"app": app, "problems": problems, "error": error, "section": section,
                   "errors": errors, "stepper": stepper(problems),
                   "saved_at": timezone.localtime(), "saved_version": saved_version}  # fmt: skip
            return render(request, "applications/_autosave.html", ctx, status=200)
        if errors:
            ctx = edit_context(app, section=section, post=request.POST, errors=errors)
            ctx["editable"] = ctx["editable"] and _may_change(request.user, app)
            ctx["base_version"] = _posted_base(request.POST)
            return render(request, "applications/edit.html", ctx, status=400)
        messages.success(request, _("Saved."))
        return redirect(f"{app.get_absolute_url()}#{section}")


_SECTIONS = ("plan", "institutions", "researchers", "budget", "forms")


class AttachmentUploadView(PermissionView):
    def post(self, request, pk: int):
        app = application_for(
            request,
            pk,
            "applications.change_application",
            Application.objects.select_related("call"),
        )
        try:
            created = add_attachments(
                application=app, actor=request.user, doc_code=request.POST.get("doc_code", ""),
                files=request.FILES.getlist("files"),
            )  # fmt: skip
        except ApplicationRefused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(n)d file(s) uploaded.") % {"n": len(created)})
        return redirect(f"{app.get_absolute_url()}#attachments")


class AttachmentDeleteView(PermissionView):
    def post(self, request, pk: int, att_pk: int):
        app = application_for(request, pk, "applications.change_application")
        att = get_object_or_404(
            Attachment.objects.select_related("application__call"), pk=att_pk, application=app
        )
        try:
            remove_attachment(attachment=att, actor=request.user)
        except ApplicationRefused as exc:
            messages.error(request, exc.message)
        return redirect(f"{app.get_absolute_url()}#attachments")


class AttachmentDownloadView(PermissionView):
    def get(self, request, pk: int, att_pk: int):
        app = application_for(request, pk, "applications.view_application")
        att = get_object_or_404(Attachment, pk=att_pk, application=app)
        from evaluation.domain.dossier import record_file_read  # staff's downloads are audited

        record_file_read(actor=request.user, attachment=att, download=True)
        response = HttpResponse(att.file.open("rb").read(), content_type="application/octet-stream")
        response["Content-Disposition"] = (
            f"attachment; filename*=UTF-8''{_quote(att.original_name)}"
        )
        return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


class SubmitView(PermissionView):
    def get(self, request, pk: int):
        app = application_for(request, pk, "applications.submit_application", graph=True)
        if app.status != ApplicationStatus.DRAFT:
            return redirect("applications:receipt", pk=app.pk)
        ctx = {"app": app, "problems": validate_application(app), "key": uuid.uuid4().hex}
        return render(request, "applications/submit_confirm.html", ctx)

    def post(self, request, pk: int):
        app = application_for(request, pk, "applications.submit_application")
        if not request.POST.get("confirm"):
            messages.error(request, _("Tick the confirmation box to submit."))
            return redirect("applications:submit", pk=app.pk)
        try:
            submit_application(
                application_id=app.pk, actor=request.user,
                idempotency_key=request.POST.get("idempotency_key", ""),
            )  # fmt: skip
        except ApplicationRefused as exc:
            messages.error(request, exc.message)
            return redirect("applications:submit", pk=app.pk)
        return redirect("applications:receipt", pk=app.pk)


class DeleteDraftView(PermissionView):
    """POST only (the button asks for confirmation first): delete one's own draft."""

    def post(self, request, pk: int):
        app = application_for(request, pk, "applications.discard_draft")
        try:
            delete_draft(application_id=app.pk, actor=request.user)
        except (ApplicationRefused, AlreadyDecided) as exc:
            messages.error(request, exc.message)
            return redirect(f"{reverse('applications:mine')}#application-{app.pk}")
        messages.success(request, _("The draft was deleted."))
        return redirect("applications:mine")


class WithdrawView(PermissionView):
    """Withdraw a submitted application (with a reason) before screening release/evaluation."""

    def _page(self, request, app, *, reason="", error=None, status=200):
        refusal = withdrawal_refusal(app)
        return render(request, "applications/withdraw.html", {
            "app": app, "refusal": refusal, "reason": reason, "error": error,
            "reason_max": REASON_MAX,
        }, status=status)  # fmt: skip

    def get(self, request, pk: int):
        app = application_for(request, pk, "applications.withdraw_application",
                              Application.objects.select_related("call", "program"))  # fmt: skip
        return self._page(request, app)

    def post(self, request, pk: int):
        app = application_for(request, pk, "applications.withdraw_application",
                              Application.objects.select_related("call", "program"))  # fmt: skip
        reason = request.POST.get("reason", "")
        try:
            withdraw_application(application_id=app.pk, actor=request.user, reason=reason)
        except (ApplicationRefused, AlreadyDecided) as exc:
            app.refresh_from_db()
            status = 400 if getattr(exc, "code", "").startswith("reason") else 409
            return self._page(request, app, reason=reason, error=exc, status=status)
        messages.success(request, _("The application was withdrawn."))
        return redirect(f"{reverse('applications:mine')}#application-{app.pk}")
