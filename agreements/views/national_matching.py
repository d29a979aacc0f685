"""Pages of the national-matching programme (R16): requests, SBA's decision, the letter, the
national selection and each year's national result. Thin: the rules are in
agreements.domain.national_matching / national_years; permissions in agreements.rules_national_matching."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts.enums import Role
from agreements.domain.national_matching import decide_request, submit_request
from agreements.domain.national_years import record_national_selection, record_national_year
from agreements.interfaces.national_matching_forms import (
    CommitmentRequestForm,
    DecisionForm,
    NationalYearForm,
    SelectionForm,
)
from agreements.models import CommitmentRequest, CommitmentStatus
from evaluation.domain import EvaluationError
from programs.models import Call, ContinuingNationalProject


def open_matching_calls():
    return (
        Call.objects.filter(status="published", programs__flow__has_key="national_matching")
        .distinct()
        .order_by("-opens_at")
    )


def _message(exc) -> str:
    return getattr(exc, "message", None) or "; ".join(getattr(exc, "messages", [str(exc)]))


def request_for(request, pk: int, perm: str = "agreements.view_commitment") -> CommitmentRequest:
    found = get_object_or_404(
        CommitmentRequest.objects.select_related("institution", "program", "call", "agreement"),
        pk=pk,
    )
    if not request.user.has_perm(perm, found):
        if request.user.role == Role.APPLICANT:
            raise Http404
        raise PermissionDenied
    return found


class RequestListView(LoginRequiredMixin, View):
    """Applicants: their institution's requests and a new one; staff and officials: every request."""

    def get(self, request):
        user = request.user
        if user.has_perm("agreements.list_commitments"):
            rows = CommitmentRequest.objects.all()
        elif user.has_perm("agreements.request_commitment"):
            rows = CommitmentRequest.objects.filter(institution_id=user.institution_id or -1)
        else:
            raise PermissionDenied
        rows = rows.select_related("institution", "agreement").order_by("-created_at")[:500]
        staff_view = user.has_perm("agreements.list_commitments")
        continuing = (
            ContinuingNationalProject.objects.order_by("-plan_year", "row_no")[:200]
            if staff_view else []
        )  # fmt: skip
        return render(request, "national_matching/request_list.html", {
            "rows": rows, "can_request": user.has_perm("agreements.request_commitment"),
            "staff_view": staff_view, "continuing": continuing,
        })  # fmt: skip


class RequestNewView(LoginRequiredMixin, View):
    def _form(self, request, data=None):
        return CommitmentRequestForm(data, calls=open_matching_calls())

    def get(self, request):
        if not request.user.has_perm("agreements.request_commitment"):
            raise PermissionDenied
        return render(request, "national_matching/request_new.html", {"form": self._form(request)})

    def post(self, request):
        if not request.user.has_perm("agreements.request_commitment"):
            raise PermissionDenied
        form = self._form(request, request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                created = submit_request(
                    applicant=request.user, call=d["call"], ministry=d["ministry"],
                    national_programme=d["national_programme"], title=d["title"],
                    starts_on=d["starts_on"], ends_on=d["ends_on"],
                    national_grants_krw=form.grants(),
                    institution_share_krw=d["institution_share_krw"],
                )  # fmt: skip
            except (EvaluationError, ValidationError) as exc:
                form.add_error(None, _message(exc))
            else:
                messages.success(request, _("Your request was received; SBA will evaluate it."))
                return redirect("national_matching:request", created.pk)
        return render(request, "national_matching/request_new.html", {"form": form}, status=422)


class RequestDetailView(LoginRequiredMixin, View):
    def context(self, request, found, **forms):
        can_decide = request.user.has_perm("agreements.decide_commitment", found)
        recorded = {y.year_no: y for y in found.years.all()}
        agreement_years = list(found.agreement.years.order_by("year_no")) if found.agreement else []
        rows = []
        for n, national in enumerate(found.national_grants_krw, start=1):
            shares = found.city_shares_krw or []
            rows.append({"year_no": n, "national": national,
                         "city": shares[n - 1] if n <= len(shares) else None,
                         "result": recorded.get(n)})  # fmt: skip
        open_years = [
            y.year_no for y in agreement_years if y.year_no > 1 and y.year_no not in recorded
        ]
        ctx = {
            "r": found, "rows": rows, "can_decide": can_decide,
            "decision_form": None, "selection_form": None, "year_form": None,
        }  # fmt: skip
        if can_decide and found.status == CommitmentStatus.REQUESTED:
            ctx["decision_form"] = forms.get("decision_form") or DecisionForm()
        if can_decide and found.status == CommitmentStatus.APPROVED:
            ctx["selection_form"] = forms.get("selection_form") or SelectionForm()
        if can_decide and found.status == CommitmentStatus.SELECTED and open_years:
            ctx["year_form"] = forms.get("year_form") or NationalYearForm(years=open_years)
        ctx["open_years"] = open_years
        return ctx

    def get(self, request, pk: int):
        found = request_for(request, pk)
        return render(
            request, "national_matching/request_detail.html", self.context(request, found)
        )

    def post(self, request, pk: int):
        found = request_for(request, pk, "agreements.decide_commitment")
        action = request.POST.get("action", "")
        forms, ok = {}, False
        try:
            if action == "decide":
                form = forms["decision_form"] = DecisionForm(request.POST)
                if form.is_valid():
                    decide_request(request_id=found.pk, actor=request.user,
                                   approve=form.cleaned_data["decision"] == "approve",
                                   reasons=form.cleaned_data["reasons"])  # fmt: skip
                    ok = True
            elif action == "selection":
                form = forms["selection_form"] = SelectionForm(request.POST)
                if form.is_valid():
                    d = form.cleaned_data
                    record_national_selection(
                        request_id=found.pk, selected=d["selected"] == "yes", actor=request.user,
                        ministry=d["ministry"], national_programme=d["national_programme"],
                        starts_on=d["starts_on"], ends_on=d["ends_on"],
                        national_grants_krw=form.grants() or None, note=d["note"],
                    )  # fmt: skip
                    ok = True
            elif action == "year":
                recorded = set(found.years.values_list("year_no", flat=True))
                years = [y for y in (found.agreement.years.values_list("year_no", flat=True)
                                     if found.agreement else []) if y > 1 and y not in recorded]  # fmt: skip
                form = forms["year_form"] = NationalYearForm(request.POST, years=years)
                if form.is_valid():
                    d = form.cleaned_data
                    record_national_year(request_id=found.pk, year_no=d["year_no"],
                                         result=d["result"], national_grant_krw=d["national_grant_krw"],
                                         note=d["note"], actor=request.user)  # fmt: skip
                    ok = True
            else:
                raise Http404
        except (EvaluationError, ValidationError) as exc:
            next(iter(forms.values())).add_error(None, _message(exc))
        if ok:
            messages.success(request, _("Recorded."))
            return redirect("national_matching:request", found.pk)
        found.refresh_from_db()
        return render(request, "national_matching/request_detail.html",
                      self.context(request, found, **forms), status=422)  # fmt: skip


class LetterPdfView(LoginRequiredMixin, View):
    def get(self, request, pk: int):
        found = request_for(request, pk)
        if not found.letter_pdf:
            raise Http404
        response = HttpResponse(bytes(found.letter_pdf), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="commitment-{found.letter_code}.pdf"'
        )
        return response
