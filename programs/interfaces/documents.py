"""A call's required-document list, checked where it enters: the API and the admin form.

Every applicant page of a call reads this list (upload form, validation, receipt); an item that
is not a document definition used to crash them all. Items are a known code ("plan",
"registry", "financials": expanded to the seed 002 definition) or a full definition
{"code", "name_ko", "name_en"?, "required", "formats"} with formats among pdf/hwp/hwpx.
"""

from django.core.exceptions import ValidationError

from config.params import ParamError, check_json_schema
from programs.domain.calls import default_documents

REQUIRED_DOCUMENTS_SCHEMA = {
    "type": "array", "maxItems": 50,
    "items": {
        "type": "object", "additionalProperties": False,
        "required": ["code", "name_ko", "required", "formats"],
        "properties": {
            "code": {"type": "string", "pattern": "^[a-z0-9_]{1,40}$"},
            "name_ko": {"type": "string", "minLength": 1, "maxLength": 200},
            "name_en": {"type": "string", "maxLength": 200},
            "required": {"type": "boolean"},
            "formats": {"type": "array", "minItems": 1, "uniqueItems": True,
                        "items": {"enum": ["pdf", "hwp", "hwpx"]}},
        },
    },
}  # fmt: skip


def clean_required_documents(value) -> list[dict]:
    """The checked list (known codes expanded), or a ValidationError with a ko/en message."""
    known = {d["code"]: d for d in default_documents()}
    if isinstance(value, list):
        value = [known.get(v, v) if isinstance(v, str) else v for v in value]
        unknown = [v for v in value if not isinstance(v, dict)]
        if unknown:
            raise ValidationError(
                f"알 수 없는 서류 종류: {unknown[:5]} (알려진 코드: {', '.join(known)} 또는 "
                f"{{code, name_ko, name_en, required, formats}} 객체). / Unknown document kinds: "
                f"{unknown[:5]} (known codes: {', '.join(known)}, or an object "
                f"{{code, name_ko, name_en, required, formats}})."
            )
    try:
        check_json_schema(value, REQUIRED_DOCUMENTS_SCHEMA, "required_documents")
    except ParamError as exc:
        raise ValidationError(exc.bilingual) from None
    codes = [d["code"] for d in value]
    if len(set(codes)) != len(codes):
        raise ValidationError("서류 코드가 중복되었습니다. / Document codes must be unique.")
    return value
