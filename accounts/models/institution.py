from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.enums import HospitalGrade, Hub, InstitutionStatus, InstitutionType, SiteKind
from accounts.validators import validate_business_number, validate_corporate_number


class Institution(models.Model):
    """An institution (기관): company, university, hospital, research institute or other."""

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=InstitutionType.choices)
    business_no = models.CharField(
        _("business registration number"),
        max_length=10,
        blank=True,
        validators=[validate_business_number],
        help_text=_("10 digits without hyphens (사업자등록번호). Foreign institutions without one leave it "
                    "empty and give their country and registration identifier."),
    )  # fmt: skip
    is_foreign = models.BooleanField(_("foreign institution"), default=False)
    country = models.CharField(
        _("country"),
        max_length=2,
        default="KR",
        help_text=_("ISO 3166-1 alpha-2 code, e.g. KR, US."),
    )
    foreign_registration_no = models.CharField(
        _("foreign registration identifier"), max_length=60, blank=True,
        help_text=_("Company or institution registration number in its own country."),
    )  # fmt: skip
    corporate_no = models.CharField(
        _("corporate registration number"),
        max_length=13,
        blank=True,
        validators=[validate_corporate_number],
        help_text=_("13 digits without hyphens (법인등록번호)."),
    )
    representative = models.CharField(_("representative"), max_length=100, blank=True)
    incorporated_on = models.DateField(
        _("incorporation registration date"), null=True, blank=True,
        help_text=_("법인설립등기일: firm age is counted from this date."),
    )  # fmt: skip
    is_sme = models.BooleanField(_("SME (Framework Act on SMEs)"), default=False)
    is_corporation = models.BooleanField(_("incorporated (법인)"), default=True)
    hospital_grade = models.CharField(
        _("hospital grade"), max_length=20, choices=HospitalGrade.choices, blank=True
    )
    seoul_tax_office = models.BooleanField(_("registered with a Seoul tax office"), default=False)
    # Changed only by accounts.domain.co_institutions.set_institution_status (checked table).
    status = models.CharField(
        _("confirmation"),
        max_length=10,
        choices=InstitutionStatus.choices,
        default=InstitutionStatus.CONFIRMED,
        db_index=True,
    )
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["business_no"], condition=~models.Q(business_no=""),
                name="uniq_institution_business_no",
            ),
            models.UniqueConstraint(
                fields=["country", "foreign_registration_no"],
                condition=~models.Q(foreign_registration_no=""),
                name="uniq_institution_foreign_registration",
            ),
            models.CheckConstraint(
                condition=models.Q(is_foreign=True) | ~models.Q(business_no=""),
                name="domestic_institution_has_business_no",
            ),
            models.CheckConstraint(
                condition=models.Q(is_foreign=False)
                | (~models.Q(foreign_registration_no="") & ~models.Q(country="KR")),
                name="foreign_institution_has_country_and_registration",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.name

    @property
    def is_confirmed(self) -> bool:
        return self.status == InstitutionStatus.CONFIRMED

    @property
    def has_seoul_site(self) -> bool:
        return any(site.in_seoul for site in self.sites.all())


class InstitutionSite(models.Model):
    """A head office or branch address of an institution."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="sites")
    kind = models.CharField(_("kind"), max_length=10, choices=SiteKind.choices)
    address = models.CharField(_("address"), max_length=300)
    in_seoul = models.BooleanField(_("in Seoul"), default=True)
    district = models.CharField(_("district (구)"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("institution site")
        verbose_name_plural = _("institution sites")

    def __str__(self) -> str:
        return f"{self.institution} – {self.get_kind_display()} {self.district}"


class HubTenancy(models.Model):
    """Tenancy of an institution in a city hub (e.g. Seoul Bio Hub); drives bonus points."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="tenancies")
    hub = models.CharField(_("hub"), max_length=30, choices=Hub.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("hub tenancy")
        verbose_name_plural = _("hub tenancies")

    def __str__(self) -> str:
        return f"{self.institution} @ {self.get_hub_display()}"

    def active_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)
