"""Loading the programme catalogue from programs/data/catalogue.py (idempotent)."""

from decimal import Decimal

from django.db import transaction

from programs.data import catalogue as data
from programs.data.flows import collected_flows
from programs.models import BudgetLine, Field, Operator, PrintedTotal, Program

_PROGRAM_DEFAULTS = {
    "plan_year": 2021,
    "is_project_based": True,
    "max_period_months": None,
    "min_trl": None,
    "royalty_rate": "0",
    "max_firm_age_years": None,
    "intake_mode": "fixed",
    "consortium": {},
    "bonus_rules": [],
}


class _Upserter:
    """Create-or-update of one model's rows, keyed by ``lookup`` fields: the existing rows are read
    in one query and the new ones inserted in one statement (``flush``); a changed row is saved
    with its changed fields only."""

    def __init__(self, model, keys: tuple[str, ...]):
        self.model, self.keys = model, keys
        self.fk = {k for k in keys if model._meta.get_field(k).is_relation}
        self.rows = {self._key(obj): obj for obj in model.objects.all()}
        self.new: list = []
        self.changed = 0

    def _attr(self, key: str) -> str:
        return f"{key}_id" if key in self.fk else key

    def _key(self, obj) -> tuple:
        return tuple(getattr(obj, self._attr(k)) for k in self.keys)

    def upsert(self, lookup: dict, values: dict):
        key = tuple(getattr(lookup[k], "pk", lookup[k]) for k in self.keys)
        obj = self.rows.get(key)
        if obj is None:
            obj = self.model(**lookup, **values)
            self.rows[key] = obj
            self.new.append(obj)
            self.changed += 1
            return obj
        dirty = [k for k, v in values.items()
                 if getattr(obj, f"{k}_id" if hasattr(v, "pk") else k) != getattr(v, "pk", v)]  # fmt: skip
        if dirty:
            for key_name in dirty:
                setattr(obj, key_name, values[key_name])
            # a row listed twice in the data is inserted once, as last listed
            if obj.pk is not None:
                obj.save(update_fields=dirty)
                self.changed += 1
        return obj

    def flush(self) -> int:
        self.model.objects.bulk_create(self.new)  # sets the new rows' ids (PostgreSQL, SQLite)
        self.new = []
        return self.changed


@transaction.atomic
def load_catalogue() -> dict[str, int]:
    """Create or update fields, programmes, budget lines and printed totals. Returns changed counts."""
    fields_up = _Upserter(Field, ("code",))
    fields = {
        code: fields_up.upsert({"code": code}, {"name_ko": ko, "name_en": en, "order": order})
        for code, ko, en, order in data.FIELDS
    }
    changed = {"fields": fields_up.flush()}
    programs_up = _Upserter(Program, ("code",))
    programs = {}
    flows = collected_flows()
    for spec in data.PROGRAMS:
        values = {**_PROGRAM_DEFAULTS, **{k: v for k, v in spec.items() if k != "code"}}
        values["flow"] = flows.get(spec["code"], {})
        values["field"] = fields[spec["field"]]
        values["royalty_rate"] = Decimal(values["royalty_rate"])
        programs[spec["code"]] = programs_up.upsert({"code": spec["code"]}, values)
    changed["programs"] = programs_up.flush()
    lines = _Upserter(BudgetLine, ("year", "kind", "label"))
    for code, c20, n20, a20, c21, n21, a21 in data.PROGRAMME_BUDGETS:
        program = programs[code]
        for year, cont, new, amount in ((2020, c20, n20, a20), (2021, c21, n21, a21)):
            lines.upsert(
                {"year": year, "kind": "programme", "label": program.name_ko},
                {"program": program, "continuing": cont, "new": new,
                 "amount_million_krw": amount, "national_million_krw": 0, "is_executed": year == 2020},
            )  # fmt: skip
    for kind, label, a20, a21 in data.OPERATING_LINES:
        for year, amount in ((2020, a20), (2021, a21)):
            lines.upsert(
                {"year": year, "kind": kind, "label": label},
                {"program": None, "continuing": None, "new": None, "amount_million_krw": amount,
                 "national_million_krw": 0, "is_executed": year == 2020},
            )  # fmt: skip
    for label, code, year, cont, new, city, national in data.NATIONAL_LINES:
        lines.upsert(
            {"year": year, "kind": "national_matching", "label": label},
            {"program": programs.get(code), "continuing": cont, "new": new,
             "amount_million_krw": city, "national_million_krw": national, "is_executed": year == 2020},
        )  # fmt: skip
    changed["budget_lines"] = lines.flush()
    totals = _Upserter(PrintedTotal, ("year", "scope", "field"))
    for year, scope, field_code, cont, new, city, national in data.PRINTED_TOTALS:
        totals.upsert(
            {"year": year, "scope": scope, "field": fields.get(field_code)},
            {"continuing": cont, "new": new, "amount_million_krw": city, "national_million_krw": national},
        )  # fmt: skip
    changed["printed_totals"] = totals.flush()
    operators = _Upserter(Operator, ("name",))
    for name, quota in data.DEMO_OPERATORS:
        operators.upsert({"name": name}, {"annual_quota": quota, "year": 2023})
    changed["operators"] = operators.flush()
    return changed
