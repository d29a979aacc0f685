"""Applications and the records of the programme parts, read-only in the admin (their pages change
them): applications with their institutions, researchers and budget; Testbed Seoul proposals,
site opinions and certificates; crowdfunding campaigns with backers, deliveries and flags; open
evaluation sessions; campus-town problems and matches. Attachments are listed without links:
files are served only through the permission-checked pages."""

from django.contrib import admin

from applications import models
from config.admin_readonly import ReadOnlyAdmin, ReadOnlyInline


class InstitutionInline(ReadOnlyInline):
    model = models.ApplicationInstitution
    fields = readonly_fields = ["institution", "role", "role_description"]


class ResearcherInline(ReadOnlyInline):
    model = models.ApplicationResearcher
    fields = readonly_fields = ["researcher", "institution", "role", "rate_pct"]


class BudgetInline(ReadOnlyInline):
    model = models.BudgetItem
    fields = readonly_fields = [
        "year",
        "institution",
        "category",
        "city_krw",
        "cash_krw",
        "inkind_krw",
    ]


class AttachmentInline(ReadOnlyInline):
    model = models.Attachment
    fields = readonly_fields = ["doc_code", "original_name", "content_type_detected", "size",
                                "sha256", "uploaded_at"]  # fmt: skip


@admin.register(models.Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["receipt_no", "title_ko", "call", "lead_institution", "track", "status",
                    "city_grant_krw", "submitted_at"]  # fmt: skip
    list_filter = ["status", "program"]
    search_fields = ["receipt_no", "title_ko", "title_en", "lead_institution__name"]
    list_select_related = ["call", "lead_institution"]
    raw_id_fields = ["call", "program", "lead_institution", "applicant", "pi"]
    inlines = [InstitutionInline, ResearcherInline, BudgetInline, AttachmentInline]


class SiteOpinionInline(ReadOnlyInline):
    model = models.SiteOpinion
    fields = readonly_fields = ["fit", "comment", "given_by", "given_at"]


@admin.register(models.TestbedProposal)
class TestbedProposalAdmin(ReadOnlyAdmin):
    list_display = ["application", "demand_topic", "site", "step", "received_at", "answered_at"]
    list_filter = ["step"]
    search_fields = ["application__title_ko", "application__receipt_no"]
    list_select_related = ["application", "demand_topic", "site"]
    raw_id_fields = ["application", "demand_topic", "site"]
    inlines = [SiteOpinionInline]


@admin.register(models.DemandTopic)
class DemandTopicAdmin(ReadOnlyAdmin):
    list_display = ["title_ko", "site", "published", "created_at"]
    list_filter = ["published"]
    search_fields = ["title_ko", "title_en"]


@admin.register(models.TestbedCertificate)
class TestbedCertificateAdmin(ReadOnlyAdmin):
    list_display = ["code", "company_ko", "product_ko", "site_name", "issued_on"]
    search_fields = ["code", "company_ko", "company_en"]
    raw_id_fields = ["proposal"]


class BackerInline(ReadOnlyInline):
    model = models.CampaignBacker
    fields = readonly_fields = ["backer_ref", "name", "business_no", "amount_krw", "shares",
                                "comments"]  # fmt: skip


class DeliveryInline(ReadOnlyInline):
    model = models.DeliveryRecord
    fields = readonly_fields = ["backer_ref", "method", "invoice_no", "sampled", "check_result",
                                "checked_by"]  # fmt: skip


class FlagInline(ReadOnlyInline):
    model = models.CampaignFlag
    fields = readonly_fields = ["kind", "subject", "status", "reason", "decided_by", "decided_at"]


@admin.register(models.CrowdfundingCampaign)
class CrowdfundingCampaignAdmin(ReadOnlyAdmin):
    list_display = ["application", "platform", "target_krw", "raised_krw", "backers", "ends_on",
                    "succeeded", "status"]  # fmt: skip
    list_filter = ["status", "platform", "succeeded"]
    search_fields = ["application__title_ko", "application__receipt_no", "url"]
    list_select_related = ["application"]
    raw_id_fields = ["application", "recorded_by", "decided_by"]
    inlines = [BackerInline, DeliveryInline, FlagInline]


class SlotInline(ReadOnlyInline):
    model = models.SessionSlot
    fields = readonly_fields = ["application", "starts_at"]


@admin.register(models.OpenSession)
class OpenSessionAdmin(ReadOnlyAdmin):
    list_display = ["title", "call", "track", "starts_at", "place", "status", "published_at"]
    list_filter = ["status"]
    search_fields = ["title", "place"]
    raw_id_fields = ["call", "created_by"]
    inlines = [SlotInline]


@admin.register(models.SessionRegistration)
class SessionRegistrationAdmin(ReadOnlyAdmin):
    list_display = ["session", "name", "created_at"]
    search_fields = ["name"]


@admin.register(models.ConsultationFeedback)
class ConsultationFeedbackAdmin(ReadOnlyAdmin):
    list_display = ["slot", "evaluator", "submitted_at"]
    raw_id_fields = ["slot", "evaluator"]


class MatchInline(ReadOnlyInline):
    model = models.ExpertMatch
    fk_name = "problem"
    fields = readonly_fields = ["expert", "status", "startup_decision", "expert_decision",
                                "decline_reason", "application", "created_at"]  # fmt: skip


@admin.register(models.TechnicalProblem)
class TechnicalProblemAdmin(ReadOnlyAdmin):
    list_display = ["title", "startup", "field", "status", "created_at"]
    list_filter = ["status", "program"]
    search_fields = ["title", "keywords", "startup__name"]
    raw_id_fields = ["program", "startup", "posted_by"]
    inlines = [MatchInline]


@admin.register(models.ExpertMatch)
class ExpertMatchAdmin(ReadOnlyAdmin):
    list_display = ["problem", "expert", "status", "startup_decision", "expert_decision",
                    "created_at"]  # fmt: skip
    list_filter = ["status"]
    raw_id_fields = ["problem", "expert", "proposed_by", "startup_decided_by", "application"]
