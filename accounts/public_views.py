"""Public pages: the notices (공지사항) staff publish in the admin, and help & contact."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from accounts.models import Announcement


class AnnouncementListView(ListView):
    template_name = "accounts/announcement_list.html"
    context_object_name = "announcements"
    paginate_by = 20

    def get_queryset(self):
        return Announcement.objects.visible()


class AnnouncementDetailView(DetailView):
    template_name = "accounts/announcement_detail.html"
    context_object_name = "announcement"

    def get_object(self, queryset=None):
        return get_object_or_404(Announcement.objects.visible(), pk=self.kwargs["pk"])


class HelpView(TemplateView):
    template_name = "accounts/help.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["support_email"] = settings.SUPPORT_EMAIL or settings.DEFAULT_FROM_EMAIL
        ctx["support_phone"] = settings.SUPPORT_PHONE
        ctx["pinned"] = Announcement.objects.visible().filter(pinned=True)[:5]
        return ctx
