"""Uploaded documents of an application and the per-call receipt counter."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


def attachment_path(instance, filename: str) -> str:
    # The stored name never uses the uploader's file name (kept in original_name).
    return f"applications/{instance.application_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A document recognised by content (PDF, HWP 5, HWPX), stored with its SHA-256."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="attachments"
    )
    doc_code = models.CharField(_("document"), max_length=40)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type_detected = models.CharField(_("detected type"), max_length=20)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["doc_code", "id"]

    def __str__(self) -> str:
        return self.original_name


class ReceiptCounter(models.Model):
    """Last receipt number issued for a call; locked with select_for_update to stay gap-free."""

    call = models.OneToOneField(
        "programs.Call", on_delete=models.CASCADE, related_name="receipt_counter"
    )
    last_no = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("receipt counter")
        verbose_name_plural = _("receipt counters")

    def __str__(self) -> str:
        return f"{self.call_id}: {self.last_no}"
