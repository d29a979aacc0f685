"""API shapes of applications. Input serializers only parse; domain functions decide."""

import datetime

from rest_framework import serializers

from accounts.models import Institution, Researcher
from applications.domain.drafts import SCALAR_FIELDS, TEXT_LIMITS
from applications.enums import BudgetCategory, InstitutionRole, ResearcherRole, RndRecordKind
from applications.models import (
    Application,
    ApplicationInstitution,
    ApplicationResearcher,
    Attachment,
    BudgetItem,
)
from config.params import (
    MAX_ID,
    MAX_KRW,
    ParamError,
    bad_text_reason,
    check_json_schema,
    scalar_schema,
)
from programs.models import Program


class InstitutionRef(serializers.Field):
    """An institution by id or by business registration number."""

    def to_internal_value(self, data):
        qs = Institution.objects.all()
        text = data.strip() if isinstance(data, str) else None
        if isinstance(data, int) and not isinstance(data, bool):
            inst = qs.filter(pk=data).first() if 0 < data <= MAX_ID else None
        elif text and text.isascii() and text.isdigit() and len(text) != 10:
            inst = qs.filter(pk=int(text)).first() if 0 < int(text) <= MAX_ID else None
        elif text and text.isascii() and len(text) <= 14:  # a business number, hyphens allowed
            inst = qs.filter(business_no=text.replace("-", "")).first()
        else:  # Unicode digits (e.g. "١٢"), other types, NUL, overlong values
            inst = None
        if inst is None:
            raise serializers.ValidationError("등록되지 않은 기관입니다. / Unknown institution.")
        return inst

    def to_representation(self, value):
        return value.pk


class InstitutionIn(serializers.Serializer):
    institution = InstitutionRef()
    role = serializers.ChoiceField(InstitutionRole.choices, default=InstitutionRole.CO)
    role_description = serializers.CharField(required=False, allow_blank=True, default="")


class ResearcherIn(serializers.Serializer):
    researcher = serializers.PrimaryKeyRelatedField(
        queryset=Researcher.objects.all(), required=False
    )
    researcher_no = serializers.RegexField(r"^\d{8}$", required=False)
    name = serializers.CharField(required=False, max_length=100)
    institution = InstitutionRef(required=False)
    role = serializers.ChoiceField(ResearcherRole.choices)
    rate_pct = serializers.IntegerField(
        min_value=1,
        max_value=100,
        error_messages={  # the rule and the field, not "this field is required" (issue 10)
            # min/max messages go through Django's validators: "%" is written "%%"
            "max_value": "참여율은 100%% 이하여야 합니다. / The participation rate must be 100 %% "
            "or less.",
            "min_value": "참여율은 1%% 이상이어야 합니다. / The participation rate must be at least "
            "1 %%.",
            "required": "참여율을 입력하십시오. / Enter the participation rate.",
            "invalid": "참여율은 숫자로 입력하십시오(%). / Enter the participation rate as a whole "
            "number (%).",
        },
    )

    def validate(self, attrs):
        if "researcher" not in attrs:
            number = attrs.get("researcher_no")
            if not number:
                raise serializers.ValidationError(
                    "연구자 또는 국가연구자번호가 필요합니다. / researcher or researcher_no needed."
                )
            researcher = Researcher.objects.filter(researcher_no=number).first()
            if researcher is None:
                if not attrs.get("name"):
                    raise serializers.ValidationError(
                        "새 연구자는 이름이 필요합니다. / A new researcher needs a name."
                    )
                # Not saved here: update_draft creates it inside its transaction, so a refused
                # save leaves no researcher behind.
                researcher = Researcher(researcher_no=number, name=attrs["name"])
            attrs["researcher"] = researcher
        return attrs


MAX_BUDGET_ROWS = 500
_AMOUNT_MAX = {"max_value": f"{MAX_KRW:,}원 이하여야 합니다. / At most {MAX_KRW:,} won."}


class BudgetItemsIn(serializers.ListSerializer):
    """Budget rows: each amount ≤ MAX_KRW, and each column's sum too (bigint never overflows)."""

    def validate(self, attrs):
        if len(attrs) > MAX_BUDGET_ROWS:
            raise serializers.ValidationError(
                f"예산 행은 {MAX_BUDGET_ROWS}개 이하입니다. / At most {MAX_BUDGET_ROWS} budget rows."
            )
        for key in ("city_krw", "cash_krw", "inkind_krw"):
            if sum(row.get(key, 0) for row in attrs) > MAX_KRW:
                raise serializers.ValidationError(
                    {key: f"합계가 {MAX_KRW:,}원을 넘습니다. / The total exceeds {MAX_KRW:,} won."}
                )
        return attrs


class BudgetItemIn(serializers.Serializer):
    year = serializers.IntegerField(min_value=1, max_value=10)
    institution = InstitutionRef()
    category = serializers.ChoiceField(BudgetCategory.choices)
    city_krw = serializers.IntegerField(min_value=0, max_value=MAX_KRW, default=0,
                                        error_messages=_AMOUNT_MAX)  # fmt: skip
    cash_krw = serializers.IntegerField(min_value=0, max_value=MAX_KRW, default=0,
                                        error_messages=_AMOUNT_MAX)  # fmt: skip
    inkind_krw = serializers.IntegerField(min_value=0, max_value=MAX_KRW, default=0,
                                          error_messages=_AMOUNT_MAX)  # fmt: skip

    class Meta:
        list_serializer_class = BudgetItemsIn


class DraftIn(serializers.ModelSerializer):
    """PATCH body: any plan field, the forms, and optionally whole nested lists."""

    program = serializers.SlugRelatedField(
        slug_field="code", queryset=Program.objects.all(), required=False
    )
    institutions = InstitutionIn(many=True, required=False)
    researchers = ResearcherIn(many=True, required=False)
    budget_items = BudgetItemIn(many=True, required=False)
    # one of the programme's tracks (checked by update_draft: 400 track_unknown otherwise)
    track = serializers.CharField(required=False, allow_blank=True, max_length=40)

    class Meta:
        model = Application
        fields = [*SCALAR_FIELDS, "program", "track", "institutions", "researchers", "budget_items"]
        extra_kwargs = {"current_trl": {"min_value": 1, "max_value": 9},
                        "target_trl": {"min_value": 1, "max_value": 9}}  # fmt: skip

    def validate_schedule(self, value):
        return json_field(value, SCHEDULE_SCHEMA, "schedule")

    def validate_rnd_record(self, value):
        return json_field(value, RND_RECORD_SCHEMA, "rnd_record")

    def validate_eligibility_check(self, value):
        return json_field(value, ELIGIBILITY_SCHEMA, "eligibility_check")


MAX_JSON_ROWS = 200
_ROW_YEAR = {"type": ["integer", "string"], "minimum": 0, "maximum": 9999, "maxLength": 10}
SCHEDULE_SCHEMA = {
    "type": "array", "maxItems": MAX_JSON_ROWS,
    "items": {"type": "object", "maxProperties": 20, "additionalProperties": scalar_schema(),
              "properties": {"year": _ROW_YEAR, "starts_on": {"type": ["string", "null"], "maxLength": 10},
                             "ends_on": {"type": ["string", "null"], "maxLength": 10}}},
}  # fmt: skip
RND_RECORD_SCHEMA = {
    "type": "array", "maxItems": MAX_JSON_ROWS,
    "items": {"type": "object", "maxProperties": 20, "additionalProperties": scalar_schema(),
              "properties": {"year": _ROW_YEAR, "kind": {"enum": RndRecordKind.values},
                             "title": {"type": "string", "maxLength": 500},
                             "agency": {"type": "string", "maxLength": 200},
                             "amount_krw": {"type": "integer", "minimum": 0, "maximum": MAX_KRW}}},
}  # fmt: skip
ELIGIBILITY_SCHEMA = {
    "type": "object", "maxProperties": 50,
    "additionalProperties": {"type": "boolean"}, "propertyNames": {"maxLength": 50},
}  # fmt: skip


def json_field(value, schema: dict, name: str):
    """A JSON field checked at the boundary: its schema, and storable text (no NUL/surrogate)."""
    try:
        return check_json_schema(value, schema, name)
    except ParamError as exc:
        raise serializers.ValidationError(exc.bilingual) from None


def autosave_fields(data) -> dict[str, str] | None:
    """Plain text fields of an autosave body, cleaned exactly as DraftIn would clean them.

    Returns None when the body is anything else (other keys, non-string values, too long, NUL
    characters, form data): such bodies go through DraftIn, which answers with its usual errors.
    """
    if type(data) is not dict or not data:
        return None
    fields = {}
    for name, value in data.items():
        limit = TEXT_LIMITS.get(name, 0)
        if limit == 0 or type(value) is not str or bad_text_reason(value):
            return None
        value = value.strip()  # DRF CharField trims whitespace by default
        if limit is not None and len(value) > limit:
            return None
        fields[name] = value
    return fields


class CreateIn(DraftIn):
    call = serializers.IntegerField(min_value=1, max_value=MAX_ID)

    class Meta(DraftIn.Meta):
        fields = [*DraftIn.Meta.fields, "call"]


class ApplicationInstitutionOut(serializers.ModelSerializer):
    name = serializers.CharField(source="institution.name")
    business_no = serializers.CharField(source="institution.business_no")

    class Meta:
        model = ApplicationInstitution
        fields = ["institution", "name", "business_no", "role", "role_description"]


class ApplicationResearcherOut(serializers.ModelSerializer):
    researcher_no = serializers.CharField(source="researcher.researcher_no")
    name = serializers.CharField(source="researcher.name")

    class Meta:
        model = ApplicationResearcher
        fields = ["researcher", "researcher_no", "name", "institution", "role", "rate_pct"]


class BudgetItemOut(serializers.ModelSerializer):
    class Meta:
        model = BudgetItem
        fields = ["year", "institution", "category", "city_krw", "cash_krw", "inkind_krw"]


class AttachmentOut(serializers.ModelSerializer):
    class Meta:
        model = Attachment
        fields = ["id", "doc_code", "original_name", "content_type_detected", "size", "sha256",
                  "uploaded_at"]  # fmt: skip


SUMMARY_FIELDS = [
    "id", "call", "program", "lead_institution", "applicant", "pi", "status", "receipt_no",
    "submitted_at", "digest", "city_grant_krw", "institution_cash_krw", "institution_inkind_krw",
    "privacy_consent_at", "updated_at", "track",
]  # fmt: skip


class ApplicationSummaryOut(serializers.ModelSerializer):
    program = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Application
        fields = [*SUMMARY_FIELDS, *SCALAR_FIELDS]


class ApplicationOut(ApplicationSummaryOut):
    institutions = ApplicationInstitutionOut(many=True, read_only=True)
    researchers = ApplicationResearcherOut(many=True, read_only=True)
    budget_items = BudgetItemOut(many=True, read_only=True)
    attachments = AttachmentOut(many=True, read_only=True)

    class Meta(ApplicationSummaryOut.Meta):
        fields = [*ApplicationSummaryOut.Meta.fields, "institutions", "researchers",
                  "budget_items", "attachments"]  # fmt: skip


_DATETIME = serializers.DateTimeField()
_DATE = serializers.DateField()
_FK_FIELDS = {"call", "lead_institution", "applicant", "pi"}


def _plain(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return _DATETIME.to_representation(value)
    if isinstance(value, datetime.date):
        return _DATE.to_representation(value)
    return value


def application_out(app: Application) -> dict:
    """The same data as ApplicationOut(app).data, without building DRF's fields per request.

    The detail GET answers with it (ModelSerializer field construction was ~2 ms of CPU);
    tests/applications/test_autosave.py checks that both give identical JSON.
    """
    out = {"id": app.pk, "program": app.program.code}
    for name in [*SUMMARY_FIELDS, *SCALAR_FIELDS]:
        if name not in out:
            value = getattr(app, f"{name}_id" if name in _FK_FIELDS else name)
            out[name] = _plain(value)
    out["institutions"] = [
        {"institution": r.institution_id, "name": r.institution.name,
         "business_no": r.institution.business_no, "role": r.role,
         "role_description": r.role_description}
        for r in app.institutions.all()
    ]  # fmt: skip
    out["researchers"] = [
        {"researcher": r.researcher_id, "researcher_no": r.researcher.researcher_no,
         "name": r.researcher.name, "institution": r.institution_id, "role": r.role,
         "rate_pct": r.rate_pct}
        for r in app.researchers.all()
    ]  # fmt: skip
    out["budget_items"] = [
        {"year": b.year, "institution": b.institution_id, "category": b.category,
         "city_krw": b.city_krw, "cash_krw": b.cash_krw, "inkind_krw": b.inkind_krw}
        for b in app.budget_items.all()
    ]  # fmt: skip
    out["attachments"] = [
        {"id": a.pk, "doc_code": a.doc_code, "original_name": a.original_name,
         "content_type_detected": a.content_type_detected, "size": a.size, "sha256": a.sha256,
         "uploaded_at": _plain(a.uploaded_at)}
        for a in app.attachments.all()
    ]  # fmt: skip
    return out
