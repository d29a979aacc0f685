from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class AnnouncementQuerySet(models.QuerySet):
    def visible(self):
        """Published, and the publication time has come (staff may schedule one ahead)."""
        return self.filter(Q(is_published=True) & Q(published_at__lte=timezone.now()))


class Announcement(models.Model):
    """A public notice (공지사항) that staff write in the admin; shown in Korean and English."""

    title = models.CharField(_("notice title (Korean)"), max_length=200)
    title_en = models.CharField(_("notice title (English)"), max_length=200, blank=True)
    body = models.TextField(_("body (Korean)"))
    body_en = models.TextField(
        _("body (English)"), blank=True, help_text=_("Empty: the Korean text is shown.")
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        help_text=_("Shown from this time on, if published."),
    )
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Pinned notices are listed first.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-pinned", "-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def english(self) -> bool:
        return (get_language() or "ko").startswith("en")

    @property
    def display_title(self) -> str:
        return self.title_en if self.english and self.title_en else self.title

    @property
    def display_body(self) -> str:
        return self.body_en if self.english and self.body_en else self.body
