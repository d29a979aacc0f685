"""R01 crowdfunding-type pages: the company records its campaign result and delivery proof; staff
verify the result, import the platform's backers, check the delivery sample and decide flags."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

import applications.rules_crowdfunding  # noqa: F401
from applications.domain import crowdfunding as cf
from applications.domain import crowdfunding_fraud as fraud
from applications.domain.open_sessions import feedback_for
from applications.forms_crowdfunding import CampaignForm, DecisionForm, FlagForm, UploadForm
from applications.models import Application, CampaignFlag, CrowdfundingCampaign, DeliveryRecord
from applications.models.crowdfunding import FlagStatus
from config.locking import AlreadyDecided
from config.params import id_param
from programs.domain.flows import track_name


def _need(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _tracked(qs):
    return qs.exclude(track="").select_related("program", "call", "lead_institution")


@login_required
def mine(request):
    """The applicant's applications of tracked programmes: track, campaign, feedback."""
    _need(request, "crowdfunding.list_own")
    apps = list(_tracked(Application.objects.filter(applicant=request.user))
                .select_related("crowdfunding").annotate(n_feedback=Count("open_session_slots__feedback"))
                .order_by("-id")[:200])  # fmt: skip
    for a in apps:
        a.track_label = track_name(program=a.program, code=a.track)
        a.funding = cf.is_crowdfunding(a)
    return render(request, "crowdfunding/mine.html", {"apps": apps})


@login_required
def campaign(request, pk: int):
    app = get_object_or_404(Application.objects.select_related("program", "call"), pk=pk)
    _need(request, "crowdfunding.view_own", app)
    if not cf.is_crowdfunding(app):
        raise PermissionDenied
    current = CrowdfundingCampaign.objects.filter(application=app).first()
    initial = {}
    if current is not None:
        initial = {f: getattr(current, f) for f in cf.FIELDS}
        initial["succeeded"] = "true" if current.succeeded else "false"
    form = CampaignForm(initial=initial, platforms=cf.platforms(app.program))
    upload = UploadForm()
    if request.method == "POST" and request.POST.get("action") == "deliveries":
        upload = UploadForm(request.POST, request.FILES)
        if upload.is_valid() and current is not None:
            try:
                result = fraud.import_deliveries(
                    campaign=current, upload=upload.cleaned_data["file"], actor=request.user
                )
                messages.success(
                    request, _("%(n)d delivery records imported.") % {"n": result["imported"]}
                )
                return redirect("crowdfunding_tracks:campaign", pk=app.pk)
            except AlreadyDecided as exc:
                upload.add_error("file", exc.message)
    elif request.method == "POST":
        _need(request, "crowdfunding.record_campaign", app)
        form = CampaignForm(request.POST, platforms=cf.platforms(app.program))
        form.is_valid()
        try:
            cf.record_campaign(application=app, actor=request.user, data=request.POST.dict())
            messages.success(request, _("The campaign result was recorded; SBA will verify it."))
            return redirect("crowdfunding_tracks:campaign", pk=app.pk)
        except cf.CampaignInvalid as exc:
            for p in exc.problems:
                form.add_error(p.field if p.field in form.fields else None,
                               p.message_en if request.LANGUAGE_CODE == "en" else p.message_ko)  # fmt: skip
        except AlreadyDecided as exc:
            form.add_error(None, exc.message)
    gate_ok, gate_ko, gate_en = cf.funding_gate(app)
    return render(request, "crowdfunding/campaign.html", {
        "app": app, "campaign": current, "form": form, "upload": upload,
        "track_label": track_name(program=app.program, code=app.track),
        "gate_ok": gate_ok, "gate_message": gate_en if request.LANGUAGE_CODE == "en" else gate_ko,
        "deliveries": current.deliveries.count() if current else 0,
    })  # fmt: skip


@login_required
def feedback(request, pk: int):
    app = get_object_or_404(Application.objects.select_related("program", "call"), pk=pk)
    _need(request, "crowdfunding.view_own", app)
    return render(
        request,
        "crowdfunding/feedback.html",
        {
            "app": app,
            "items": feedback_for(app),
            "track_label": track_name(program=app.program, code=app.track),
        },
    )


@login_required
def staff_campaigns(request):
    _need(request, "crowdfunding.review_campaigns")
    rows = list(CrowdfundingCampaign.objects.select_related("application__program", "application__lead_institution")
                .annotate(open_flags=Count("flags", filter=Q(flags__status__in=[FlagStatus.OPEN, FlagStatus.INVESTIGATING])))
                .order_by("status", "-recorded_at")[:500])  # fmt: skip
    return render(request, "crowdfunding/staff_campaigns.html", {"rows": rows})


@login_required
def staff_campaign(request, pk: int):
    _need(request, "crowdfunding.review_campaigns")
    c = get_object_or_404(
        CrowdfundingCampaign.objects.select_related(
            "application__program", "application__lead_institution", "application__applicant"
        ),
        pk=pk,
    )
    decision, upload, flag_forms = DecisionForm(), UploadForm(), {}
    action = request.POST.get("action") if request.method == "POST" else ""
    try:
        if action == "decide":
            decision = DecisionForm(request.POST)
            if decision.is_valid():
                cf.decide_campaign(campaign=c, verified=decision.cleaned_data["decision"] == "verify",
                                   reason=decision.cleaned_data["reason"], actor=request.user)  # fmt: skip
                messages.success(request, _("Decision recorded."))
                return redirect("crowdfunding_tracks:staff-campaign", pk=c.pk)
        elif action == "backers":
            upload = UploadForm(request.POST, request.FILES)
            if upload.is_valid():
                r = fraud.import_backers(
                    campaign=c, upload=upload.cleaned_data["file"], actor=request.user
                )
                messages.success(request, _("%(n)d backers imported.") % {"n": r["imported"]})
                return redirect("crowdfunding_tracks:staff-campaign", pk=c.pk)
        elif action == "delivery":
            record_id = id_param(request.POST, "record", default=0)
            record = get_object_or_404(DeliveryRecord, pk=record_id, campaign=c)
            fraud.check_delivery(
                record=record, proven=request.POST.get("proven") == "1", actor=request.user
            )
            messages.success(request, _("Delivery check recorded."))
            return redirect("crowdfunding_tracks:staff-campaign", pk=c.pk)
        elif action == "flag":
            flag_id = id_param(request.POST, "flag", default=0)
            flag = get_object_or_404(CampaignFlag, pk=flag_id, campaign=c)
            form = FlagForm(request.POST, prefix=f"f{flag.pk}")
            flag_forms[flag.pk] = form
            if form.is_valid():
                d = form.cleaned_data
                fraud.decide_flag(flag=flag, status=d["status"], reason=d["reason"], actor=request.user,
                                  cancel_agreement=d["cancel_agreement"], sanction_until=d["sanction_until"])  # fmt: skip
                messages.success(request, _("Flag decision recorded."))
                return redirect("crowdfunding_tracks:staff-campaign", pk=c.pk)
    except AlreadyDecided as exc:
        messages.error(request, exc.message)
    flags = list(c.flags.all())
    for f in flags:
        f.form = flag_forms.get(f.pk) or FlagForm(prefix=f"f{f.pk}")
    return render(request, "crowdfunding/staff_campaign.html", {
        "c": c, "decision": decision, "upload": upload, "flags": flags,
        "backers": list(c.backer_rows.all()[:50]), "n_backers": c.backer_rows.count(),
        "sample": list(c.deliveries.filter(sampled=True)), "n_deliveries": c.deliveries.count(),
        "track_label": track_name(program=c.application.program, code=c.application.track),
    })  # fmt: skip
