"""The edit page's sections: posted rows, field errors next to their inputs, kept input, stepper.

A section that cannot be parsed raises SectionInvalid with one FieldError per input: the id of
the input (the page puts the message under it, with aria-invalid / aria-describedby, and links
the section's error summary to it) and a message that names the field and the rule, in Korean
and English ("참여율은 100% 이하여야 합니다. / The participation rate must be 100 % or less.").
"""

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from applications.domain.problems import Problem, josa
from applications.domain.validation import REQUIRED_FIELDS
from applications.interfaces.forms import PLAN_FIELDS

# Row inputs are named "<prefix>-<index>-<key>"; their ids use a short key.
ROW_KEYS = {
    "inst": ("institution", "role", "role_description"),
    "res": ("researcher_no", "name", "institution", "role", "rate_pct"),
    "bud": ("year", "institution", "category", "city_krw", "cash_krw", "inkind_krw"),
    "rnd": ("year", "kind", "title", "agency", "amount_krw"),
}
SHORT_KEYS = {
    "researcher_no": "no", "institution": "inst", "rate_pct": "rate", "category": "cat",
    "city_krw": "city", "cash_krw": "cash", "inkind_krw": "inkind", "amount_krw": "amount",
    "role_description": "rd",
}  # fmt: skip
SECTION_PREFIX = {"institutions": "inst", "researchers": "res", "budget": "bud", "forms": "rnd"}
NEW_ROWS = {"inst": (900,), "res": (900, 901), "bud": (900, 901), "rnd": (900,)}

# (Korean label, English label, unit ko, unit en) of each row input.
LABELS = {
    ("inst", "institution"): ("사업자등록번호", "business registration number", "", ""),
    ("inst", "role"): ("참여 역할", "participation role", "", ""),
    ("inst", "role_description"): ("과제 내 역할", "role in the project", "", ""),
    ("res", "researcher_no"): ("국가연구자번호", "national researcher number", "", ""),
    ("res", "name"): ("이름", "name", "", ""),
    ("res", "institution"): ("소속 기관", "institution", "", ""),
    ("res", "role"): ("역할", "role", "", ""),
    ("res", "rate_pct"): ("참여율", "participation rate", "%", " %"),
    ("bud", "year"): ("연차", "year", "", ""),
    ("bud", "institution"): ("기관", "institution", "", ""),
    ("bud", "category"): ("비목", "cost category", "", ""),
    ("bud", "city_krw"): ("시지원연구개발비", "city grant", "원", " KRW"),
    ("bud", "cash_krw"): ("현금", "cash", "원", " KRW"),
    ("bud", "inkind_krw"): ("현물", "in-kind", "원", " KRW"),
    ("rnd", "year"): ("연도", "year", "", ""),
    ("rnd", "kind"): ("구분", "kind", "", ""),
    ("rnd", "title"): ("과제명", "project", "", ""),
    ("rnd", "agency"): ("전문기관", "agency", "", ""),
    ("rnd", "amount_krw"): ("금액", "amount", "원", " KRW"),
}

# Inputs a complete application needs (marked "required" on the page). Plan fields come from the
# validation's REQUIRED_FIELDS; row columns from the row rules (a row needs all of these).
REQUIRED_ROW_KEYS = {
    "inst": {"institution"},
    "res": {"researcher_no", "name", "role", "rate_pct"},
    "bud": {"year", "institution", "category"},
    "rnd": set(),
}

# Which section each validation problem belongs to (Problem.field, before any ".").
SECTIONS = [
    ("plan", "1", _("Plan"), set(PLAN_FIELDS) | {"program", "track"}),
    ("institutions", "2", _("Institutions"), {"institutions", "lead_institution"}),
    ("researchers", "3", _("Researchers"), {"researchers"}),
    ("budget", "4", _("Budget (KRW)"), {"budget", "budget_items", "city_grant_krw"}),
    ("forms", "5", _("Electronic forms"), {"eligibility_check", "privacy_consent",
                                            "export_record", "rnd_record"}),
    ("attachments", "6", _("Attachments"), {"attachments"}),
]  # fmt: skip


@dataclass(frozen=True)
class FieldError:
    id: str  # the id of the input the message belongs to
    message_ko: str
    message_en: str

    @property
    def message(self) -> str:
        return self.message_en if translation.get_language() == "en" else self.message_ko

    @property
    def other(self) -> str:
        return self.message_ko if translation.get_language() == "en" else self.message_en


class SectionInvalid(Exception):
    def __init__(self, errors: list[FieldError]):
        super().__init__(" / ".join(e.message_ko for e in errors))
        self.errors = errors


def input_id(prefix: str, index: int, key: str) -> str:
    if prefix == "inst":  # the new co-institution row has its own ids; existing rows show only
        if index == 900:  # their participation role and role in the project as inputs
            return {"institution": "inst-new", "role": "inst-new-role"}.get(key, "inst-new-rd")
        return f"inst-{index}-role" if key == "role" else f"inst-{index}-rd"
    return f"{prefix}-{index}-{SHORT_KEYS.get(key, key)}"


def plan_input_id(name: str) -> str:
    return f"id_{name}"


def rule_message(
    code: str, ko: str, en: str, *, limit=None, unit_ko: str = "", unit_en: str = "", raw=""
) -> tuple[str, str]:
    """Korean and English message for a failed rule of one field, naming the field."""
    if code in ("required", "null", "blank"):
        return f"{josa(ko, '을')} 입력하십시오.", f"Enter the {en}."
    if code == "max_value" and limit is not None:
        return (f"{josa(ko, '은')} {limit:,}{unit_ko} 이하여야 합니다.",
                f"The {en} must be {limit:,}{unit_en} or less.")  # fmt: skip
    if code == "min_value" and limit is not None:
        return (f"{josa(ko, '은')} {limit:,}{unit_ko} 이상이어야 합니다.",
                f"The {en} must be at least {limit:,}{unit_en}.")  # fmt: skip
    if code == "max_length" and limit is not None:
        return (f"{josa(ko, '은')} {limit:,}자 이하로 입력하십시오.",
                f"The {en} may have at most {limit:,} characters.")  # fmt: skip
    if code in ("invalid", "max_string_length") and unit_ko in ("%", "원"):
        return (f"{josa(ko, '은')} 숫자로 입력하십시오{'(%)' if unit_ko == '%' else '(원)'}.",
                f"Enter the {en} as a whole number{' (%)' if unit_ko == '%' else ' (KRW)'}.")  # fmt: skip
    if code == "invalid_choice":
        return f"{josa(ko, '을')} 목록에서 고르십시오.", f"Choose the {en} from the list."
    text = str(raw)
    if " / " in text:  # already bilingual (e.g. "등록되지 않은 기관입니다. / Unknown institution.")
        ko_text, en_text = text.split(" / ", 1)
        return ko_text, en_text
    return f"{ko}: {text}", f"{en[:1].upper()}{en[1:]}: {text}"


def _serializer_field(serializer_class, key):
    return serializer_class().fields.get(key)


def row_errors(
    prefix: str, indexes: list[int], errors: list[dict], serializer_class, posted: list[dict]
) -> list[FieldError]:
    """FieldErrors of a many=True serializer's errors (one dict per parsed row)."""
    out: list[FieldError] = []
    for index, row_errs, row in zip(indexes, errors, posted, strict=False):
        for key, details in (row_errs or {}).items():
            details = details if isinstance(details, list) else [details]
            target = key if key in ROW_KEYS[prefix] else ROW_KEYS[prefix][0]
            ko, en, unit_ko, unit_en = LABELS[(prefix, target)]
            field_obj = _serializer_field(serializer_class, key)
            for detail in details[:1]:
                code = getattr(detail, "code", "")
                limit = (
                    getattr(field_obj, code, None) if code in ("max_value", "min_value") else None
                )
                if code == "max_length":
                    limit = getattr(field_obj, "max_length", None)
                msg = _special(prefix, key, code, row.get(key, ""))
                if msg is None:
                    msg = rule_message(code, ko, en, limit=limit, unit_ko=unit_ko,
                                       unit_en=unit_en, raw=detail)  # fmt: skip
                out.append(FieldError(input_id(prefix, index, target), *msg))
    return out


def _special(prefix: str, key: str, code: str, value: str) -> tuple[str, str] | None:
    if prefix == "inst" and key == "institution":
        digits = value.replace("-", "")
        if not (digits.isascii() and digits.isdigit() and len(digits) == 10):
            return ("사업자등록번호는 숫자 10자리입니다(하이픈 허용).",
                    "A business registration number has 10 digits (hyphens allowed).")  # fmt: skip
        return (f"사업자등록번호 {value}인 기관이 포털에 등록되어 있지 않습니다.",
                f"No institution with business registration number {value} is registered.")  # fmt: skip
    if key == "researcher_no" and code == "invalid":
        return ("국가연구자번호는 숫자 8자리입니다.",
                "A national researcher number has 8 digits.")  # fmt: skip
    return None


def plan_errors(form) -> list[FieldError]:
    out = []
    for name, errors in form.errors.as_data().items():
        ko, en = REQUIRED_FIELDS.get(name, (str(form.fields[name].label), name.replace("_", " ")))
        err = errors[0]
        params = err.params or {}
        limit = params.get("limit_value")
        msg = rule_message(err.code or "", ko, en.lower() if en[:2] != "TR" else en, limit=limit,
                           raw=" ".join(err.messages))  # fmt: skip
        out.append(FieldError(plan_input_id(name), *msg))
    return out


def section_error(section: str, message_ko: str, message_en: str) -> FieldError:
    """An error of the whole section (no single input): linked to the section's table/list."""
    target = {"plan": "plan-h", "institutions": "f-institutions", "researchers": "f-researchers",
              "budget": "f-budget_items", "forms": "f-rnd_record"}.get(section, section)  # fmt: skip
    return FieldError(target, message_ko, message_en)


# ---------------------------------------------------------------- rows shown on the page


@dataclass
class RowView:
    i: int
    values: dict
    existing: bool
    errors: dict = field(default_factory=dict)  # key → FieldError

    def __getattr__(self, name):  # row.rate_pct etc. in templates
        values = self.__dict__.get("values", {})
        if name in values:
            return values[name]
        raise AttributeError(name)


def _s(value) -> str:
    return "" if value is None else str(value)


def db_rows(app, rnd_record) -> dict[str, list[RowView]]:
    inst = [
        RowView(n, {"institution": r.institution.business_no, "name": r.institution.name,
                    "role": r.role, "role_label": r.get_role_display(), "saved_role": r.role,
                    "role_description": r.role_description}, True)
        for n, r in enumerate(sorted(app.institutions.all(), key=lambda r: r.role != "lead"))
    ]  # fmt: skip
    res = [
        RowView(n, {"researcher_no": r.researcher.researcher_no, "name": r.researcher.name,
                    "institution": _s(r.institution_id), "role": r.role,
                    "rate_pct": _s(r.rate_pct)}, True)
        for n, r in enumerate(app.researchers.all())
    ]  # fmt: skip
    bud = [
        RowView(n, {"year": _s(b.year), "institution": _s(b.institution_id),
                    "category": b.category, "city_krw": _s(b.city_krw),
                    "cash_krw": _s(b.cash_krw), "inkind_krw": _s(b.inkind_krw)}, True)
        for n, b in enumerate(app.budget_items.all())
    ]  # fmt: skip
    rnd = [
        RowView(n, {k: _s(r.get(k)) for k in ROW_KEYS["rnd"]}, True)
        for n, r in enumerate(rnd_record or [])
    ]
    rows = {"inst": inst, "res": res, "bud": bud, "rnd": rnd}
    for prefix, new in NEW_ROWS.items():
        rows[prefix] += [RowView(i, {}, False) for i in new]
    return rows


def posted_rows(app, prefix: str, post, errors: list[FieldError]) -> list[RowView]:
    """The section's rows as the user sent them (kept input), with their errors."""
    keys = ROW_KEYS[prefix]
    indexes = sorted(
        {int(k.split("-")[1]) for k in post if k.startswith(prefix + "-") and k.count("-") == 2
         and k.split("-")[1].isascii() and k.split("-")[1].isdigit() and len(k.split("-")[1]) < 7}
    )  # fmt: skip
    by_id = {e.id: e for e in errors}
    known = {}
    if prefix == "inst":
        known = {r.institution.business_no: r for r in app.institutions.all()}
    rows = []
    for i in indexes:
        values = {k: post.get(f"{prefix}-{i}-{k}", "") for k in keys}
        values["delete"] = bool(post.get(f"{prefix}-{i}-delete"))
        existing = i < 900
        if prefix == "inst" and existing:
            link = known.get(values["institution"])
            if link is None:
                continue  # not a row of this application (tampered form): not shown
            # the posted participation role is kept (shown selected after a refusal)
            values.update(name=link.institution.name, role=values.get("role") or link.role,
                          role_label=link.get_role_display(), saved_role=link.role)  # fmt: skip
        row_errs = {
            k: by_id[input_id(prefix, i, k)] for k in keys if input_id(prefix, i, k) in by_id
        }
        rows.append(RowView(i, values, existing, row_errs))
    for i in NEW_ROWS[prefix]:
        if i not in indexes:
            rows.append(RowView(i, {}, False))
    return rows


def stepper(problems: list[Problem]) -> list[dict]:
    """The sections with their anchor and how many problems each still has."""
    counts = {key: 0 for key, *_ in SECTIONS}
    for p in problems:
        head = p.field.split(".")[0]
        for key, _n, _label, fields in SECTIONS:
            if head in fields:
                counts[key] += 1
                break
        else:
            counts["plan"] += 1
    return [
        {"key": key, "number": n, "label": label, "count": counts[key], "done": counts[key] == 0}
        for key, n, label, _fields in SECTIONS
    ]


def _amount(text) -> int:
    digits = str(text or "").replace(",", "").removesuffix("원").strip()
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) < 16 else 0


def budget_totals(rows: list[RowView]) -> dict[str, int]:
    """Sums of the budget rows as shown (also sets each row's total); removed rows don't count."""
    totals = {"city": 0, "cash": 0, "inkind": 0}
    for row in rows:
        parts = {k: _amount(row.values.get(f"{k}_krw")) for k in totals}
        row.values["total"] = sum(parts.values())
        if not row.values.get("delete"):
            for k, v in parts.items():
                totals[k] += v
    return {**totals, "all": sum(totals.values())}


def institution_role_errors(
    rows: list[dict], indexes: list[int], *, allowed: list[str], saved: dict[str, str]
) -> list[FieldError]:
    """Refuse a co-institution row whose participation role the call does not allow (e.g. a
    private demonstration site outside a free-call cooperation project), next to its select.
    A row keeping the role it already has (set through the API) is not refused here: the
    application's rule check names it."""
    out = []
    for index, row in zip(indexes, rows, strict=True):
        role = row.get("role") or "co"
        inst = row.get("institution")
        if role in allowed or (inst is not None and saved.get(inst.business_no) == role):
            continue
        if inst is not None and saved.get(inst.business_no) == "lead":
            continue  # the lead row: its role is not chosen here
        out.append(FieldError(
            input_id("inst", index, "role"),
            "이 공고에서 고를 수 없는 참여 역할입니다. 목록에서 고르십시오(민간 실증기관은 자유 공모형 "
            "협력과제에만 참여할 수 있습니다).",
            "This call does not allow that participation role: choose one from the list (a private "
            "demonstration site may join only a free-call cooperation project).",
        ))  # fmt: skip
    return out
