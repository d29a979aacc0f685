"""Agreement versions (협약서 판), the editable terms template and the signatures (전자서명 없이 동의 서명).

A version is a frozen snapshot of the agreement's content (period, parties, years and budget lines)
with the exact PDF rendered from it and that PDF's SHA-256. Signatures record the SHA-256 of the
PDF the signer was shown. Files are served only through permission-checked views.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def version_pdf_path(instance, filename: str) -> str:
    return f"agreements/{instance.agreement_id}/v{instance.version_no}/{filename}"


class AgreementVersion(models.Model):
    """Version n of an agreement: snapshot, PDF and its hash; n+1 after each accepted change."""

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="versions"
    )
    version_no = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("content snapshot"), default=dict)
    pdf = models.FileField(_("agreement PDF"), upload_to=version_pdf_path, max_length=300)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, db_index=True)
    sealed_pdf = models.FileField(
        _("sealed PDF"), upload_to=version_pdf_path, max_length=300, blank=True
    )
    sealed_sha256 = models.CharField(
        _("SHA-256 of the sealed PDF"), max_length=64, blank=True, db_index=True
    )
    sealed_at = models.DateTimeField(_("sealed at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        ordering = ["agreement", "version_no"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "version_no"], name="uniq_agreement_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement} v{self.version_no}"


class TermsTemplate(models.Model):
    """The agreement's terms (협약 조건), edited by staff in the admin. The active one is used for new
    versions. Placeholders: {program}, {title}, {lead}, {starts_on}, {ends_on}, {city_grant},
    {guarantee_due_on}."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("terms (Korean)"),
        help_text=_(
            "One clause per paragraph; placeholders such as {lead} and {city_grant} are filled in."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agreement terms template")
        verbose_name_plural = _("agreement terms templates")
        ordering = ["-is_active", "-updated_at"]

    def __str__(self) -> str:
        return self.title


class SignerRole(models.TextChoices):
    INSTITUTION = "institution", _("Institution representative")
    STAFF = "staff", _("SBA (countersignature)")


class Signature(models.Model):
    """One signature on one version: the consent given, who, and the SHA-256 of the PDF shown."""

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="signatures"
    )
    version = models.ForeignKey(
        AgreementVersion, on_delete=models.PROTECT, related_name="signatures"
    )
    role = models.CharField(_("signed as"), max_length=12, choices=SignerRole.choices)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signer_name = models.CharField(_("signer's name"), max_length=100)
    signer_title = models.CharField(_("signer's title"), max_length=100)
    consent_text = models.TextField(_("consent given"))
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF shown"), max_length=64)
    signed_at = models.DateTimeField(_("signed at"))
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("agreement signature")
        verbose_name_plural = _("agreement signatures")
        ordering = ["agreement", "signed_at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "role"], name="uniq_signature_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.get_role_display()} {self.signer_name}"
