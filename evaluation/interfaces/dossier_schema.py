"""The OpenAPI description of the dossier JSON (GET /api/v1/evaluator/assignments/{id}/application/)."""

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

_money = {
    "city_krw": serializers.IntegerField(),
    "cash_krw": serializers.IntegerField(),
    "inkind_krw": serializers.IntegerField(),
    "total_krw": serializers.IntegerField(),
}

DOSSIER_RESPONSE = inline_serializer(
    name="ApplicationDossier",
    fields={
        "application": serializers.DictField(
            help_text="Plan: receipt_no, status and status_label, call, programme, titles, PI, "
            "TRL, period, texts [{field, label, text}], schedule, amounts (KRW)."
        ),
        "institutions": serializers.ListField(
            child=serializers.DictField(),
            help_text="[{role, role_label, name, business_no, type, type_label, role_description}]",
        ),
        "researchers": serializers.ListField(
            child=serializers.DictField(),
            help_text="[{name, researcher_no, institution, role, role_label, rate_pct}]",
        ),
        "budget": inline_serializer(
            name="ApplicationDossierBudget",
            fields={
                "years": serializers.ListField(
                    child=serializers.DictField(),
                    help_text="[{year, institutions: [{institution, rows: [{category, "
                    "category_label, amounts}], total}], total}]",
                ),
                "by_year": serializers.ListField(child=serializers.DictField()),
                "by_institution": serializers.ListField(child=serializers.DictField()),
                "by_category": serializers.ListField(child=serializers.DictField()),
                "total": inline_serializer(name="ApplicationDossierTotal", fields=_money),
            },
        ),
        "forms": serializers.DictField(
            help_text="Electronic forms: eligibility [{code, question, answer}], privacy_consent, "
            "privacy_consent_at, export_record, rnd_record [{year, kind, kind_label, title, "
            "agency, amount_krw}]."
        ),
        "attachments": serializers.ListField(
            child=serializers.DictField(),
            help_text="[{id, doc_code, doc_label, name, type, type_label, size, sha256, "
            "uploaded_at, opens_inline, view_url (inline), download_url (attachment)}]",
        ),
        "missing_documents": serializers.ListField(child=serializers.CharField()),
        "screening": serializers.DictField(
            allow_null=True,
            help_text="Latest screening result (released only, unless staff): outcome, "
            "outcome_label, overridden, override_reason, released_at, rules [{code, label, "
            "outcome, outcome_label, reason, clause}]; null when none.",
        ),
        "receipt": serializers.DictField(
            allow_null=True,
            help_text="{receipt_no, submitted_at, digest (SHA-256)}; null for drafts.",
        ),
    },
)
