"""R01 open-evaluation pages: staff schedule sessions and publish the agenda; the public reads the
agenda and registers; panel members write consultation feedback; staff set a call's tracks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

import applications.rules_crowdfunding  # noqa: F401
from accounts.enums import Role
from accounts.models import User
from applications.domain import open_sessions as osd
from applications.forms_crowdfunding import (
    FeedbackForm,
    PanelForm,
    RegistrationForm,
    SessionForm,
    SlotForm,
)
from applications.models import Application, OpenSession, SessionSlot
from applications.models.open_sessions import SessionStatus
from config.locking import AlreadyDecided
from programs.domain.flows import program_tracks, track_name
from programs.models import Call


def _need(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _session_tracks():
    """(code, name) of the tracks with open sessions (flow data ``open_session``)."""
    from programs.models import Program

    out = []
    for program in Program.objects.exclude(flow={}).order_by("order"):
        out += [
            (t.code, t.name) for t in program_tracks(program=program) if t.extra.get("open_session")
        ]
    return out


@login_required
def staff_sessions(request):
    _need(request, "crowdfunding.manage_sessions")
    form = SessionForm(request.POST or None)
    form.fields["call"].queryset = Call.objects.filter(
        pk__in=Call.objects.filter(programs__flow__has_key="tracks").values("pk")
    ).order_by("-opens_at")
    form.fields["track"].choices = [("", "—"), *_session_tracks()]
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            session = osd.schedule_session(call=d["call"], title=d["title"], starts_at=d["starts_at"],
                                           place=d["place"], track=d["track"], actor=request.user)  # fmt: skip
            return redirect("crowdfunding_tracks:staff-session", pk=session.pk)
        except AlreadyDecided as exc:
            form.add_error(None, exc.message)
    sessions = OpenSession.objects.select_related("call").order_by("-starts_at")[:200]
    return render(request, "crowdfunding/staff_sessions.html", {"form": form, "sessions": sessions})


@login_required
def staff_session(request, pk: int):
    _need(request, "crowdfunding.manage_sessions")
    session = get_object_or_404(OpenSession.objects.select_related("call"), pk=pk)
    candidates = Application.objects.filter(call=session.call).exclude(status="draft")
    if session.track:
        candidates = candidates.filter(track=session.track)
    slot_form = SlotForm(prefix="slot")
    slot_form.fields["application"].queryset = candidates.order_by("receipt_no")
    panel_form = PanelForm(prefix="panel", initial={"evaluators": session.panel.all()})
    panel_form.fields["evaluators"].queryset = User.objects.filter(
        role=Role.EVALUATOR, is_active=True
    ).order_by("last_name")
    action = request.POST.get("action") if request.method == "POST" else ""
    try:
        if action == "slot":
            slot_form = SlotForm(request.POST, prefix="slot")
            slot_form.fields["application"].queryset = candidates
            if slot_form.is_valid():
                osd.add_slot(session=session, application=slot_form.cleaned_data["application"],
                             starts_at=slot_form.cleaned_data["starts_at"], actor=request.user)  # fmt: skip
                return redirect("crowdfunding_tracks:staff-session", pk=pk)
        elif action == "panel":
            panel_form = PanelForm(request.POST, prefix="panel")
            panel_form.fields["evaluators"].queryset = User.objects.filter(
                role=Role.EVALUATOR, is_active=True
            )
            if panel_form.is_valid():
                osd.set_panel(
                    session=session,
                    evaluators=list(panel_form.cleaned_data["evaluators"]),
                    actor=request.user,
                )
                messages.success(request, _("Panel saved."))
                return redirect("crowdfunding_tracks:staff-session", pk=pk)
        elif action == "publish":
            osd.publish_session(session=session, actor=request.user)
            messages.success(request, _("The agenda is published."))
            return redirect("crowdfunding_tracks:staff-session", pk=pk)
    except AlreadyDecided as exc:
        messages.error(request, exc.message)
    return render(request, "crowdfunding/staff_session.html", {
        "session": session, "slots": session.slots.select_related("application__lead_institution"),
        "slot_form": slot_form, "panel_form": panel_form, "registrations": session.registrations.count(),
        "track_label": _label(session),
    })  # fmt: skip


def _label(session) -> str:
    for program in session.call.programs.all():
        name = track_name(program=program, code=session.track)
        if name:
            return name
    return ""


def sessions(request):
    """Public: the published agendas."""
    rows = (
        OpenSession.objects.filter(status=SessionStatus.PUBLISHED)
        .select_related("call")
        .order_by("-starts_at")[:100]
    )
    return render(request, "crowdfunding/sessions.html", {"sessions": rows})


def agenda(request, pk: int):
    """Public agenda of a published session, with a simple attendance registration."""
    session = get_object_or_404(OpenSession.objects.select_related("call"), pk=pk)
    if session.status != SessionStatus.PUBLISHED:
        raise Http404
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _reg, created = osd.register(session=session, **form.cleaned_data)
            messages.success(
                request, _("You are registered.") if created else _("You were already registered.")
            )
            return redirect("crowdfunding_tracks:agenda", pk=pk)
        except AlreadyDecided as exc:
            form.add_error(None, exc.message)
    return render(
        request,
        "crowdfunding/agenda.html",
        {
            "session": session,
            "form": form,
            "track_label": _label(session),
            "slots": session.slots.select_related("application__lead_institution"),
        },
    )


@login_required
def panel(request):
    _need(request, "crowdfunding.list_panel")
    rows = (SessionSlot.objects.filter(session__panel=request.user, session__status=SessionStatus.PUBLISHED)
            .select_related("session", "application__lead_institution").order_by("starts_at"))  # fmt: skip
    given = set(request.user.__class__.objects.none())
    from applications.models import ConsultationFeedback

    given = set(
        ConsultationFeedback.objects.filter(evaluator=request.user).values_list(
            "slot_id", flat=True
        )
    )
    return render(request, "crowdfunding/panel.html", {"slots": rows, "given": given})


@login_required
def panel_feedback(request, pk: int):
    slot = get_object_or_404(
        SessionSlot.objects.select_related("session", "application__lead_institution"), pk=pk
    )
    _need(request, "crowdfunding.give_feedback", slot.session)
    from applications.models import ConsultationFeedback

    mine = ConsultationFeedback.objects.filter(slot=slot, evaluator=request.user).first()
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and mine is None and form.is_valid():
        try:
            osd.submit_feedback(slot=slot, evaluator=request.user, text=form.cleaned_data["text"])
            messages.success(request, _("Feedback delivered to the applicant."))
            return redirect("crowdfunding_tracks:panel")
        except AlreadyDecided as exc:
            form.add_error("text", exc.message)
    return render(
        request, "crowdfunding/panel_feedback.html", {"slot": slot, "form": form, "mine": mine}
    )
