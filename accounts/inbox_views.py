"""The inbox: a user's own notices, newest first; opening one marks it read and follows its link."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from accounts.domain.notices import mark_all_read, mark_read, notices_of
from accounts.models import Notice
from config.i18n import translated_path


class InboxView(LoginRequiredMixin, ListView):
    template_name = "accounts/inbox.html"
    context_object_name = "notices"
    paginate_by = 20

    def get_queryset(self):
        return notices_of(self.request.user).only(
            "pk", "subject", "body", "link", "created_at", "read_at", "recipient_id"
        )


class NoticeOpenView(LoginRequiredMixin, View):
    """POST: mark the notice read and go to the page it is about (the inbox if it has none)."""

    def post(self, request, pk: int):
        notice = get_object_or_404(Notice, pk=pk)
        if not request.user.has_perm("accounts.read_notice", notice):
            raise Http404  # another person's notice: no hint that it exists
        mark_read(notice=notice, reader=request.user)
        link = notice.link
        if (
            link
            and link.startswith("/")
            and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()})
        ):
            return redirect(translated_path(link, translation.get_language() or "ko"))
        return redirect("inbox")


class MarkAllReadView(LoginRequiredMixin, View):
    def post(self, request):
        count = mark_all_read(reader=request.user)
        if count:
            messages.success(request, _("All notices are marked as read."))
        return redirect("inbox")
