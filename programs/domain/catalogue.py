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


@transaction.atomic
def load_catalogue() -> dict[str, int]:
    """Create or update fields, programmes, budget lines and printed totals. Returns changed counts."""
    changed = {"fields": 0, "programs": 0, "budget_lines": 0, "printed_totals": 0, "operators": 0}
    fields = {}
    for code, name_ko, name_en, order in data.FIELDS:
        obj, made = _upsert(
            Field, {"code": code}, {"name_ko": name_ko, "name_en": name_en, "order": order}
        )
        fields[code] = obj
        changed["fields"] += made
    programs = {}
    flows = collected_flows()
    for spec in data.PROGRAMS:
        values = {**_PROGRAM_DEFAULTS, **{k: v for k, v in spec.items() if k != "code"}}
        values["flow"] = flows.get(spec["code"], {})
        values["field"] = fields[spec["field"]]
        values["royalty_rate"] = Decimal(values["royalty_rate"])
        obj, made = _upsert(Program, {"code": spec["code"]}, values)
        programs[spec["code"]] = obj
        changed["programs"] += made
    for code, c20, n20, a20, c21, n21, a21 in data.PROGRAMME_BUDGETS:
        program = programs[code]
        for year, cont, new, amount in ((2020, c20, n20, a20), (2021, c21, n21, a21)):
            _, made = _upsert(
                BudgetLine,
                {"year": year, "kind": "programme", "label": program.name_ko},
                {"program": program, "continuing": cont, "new": new,
                 "amount_million_krw": amount, "national_million_krw": 0, "is_executed": year == 2020},
            )  # fmt: skip
            changed["budget_lines"] += made
    for kind, label, a20, a21 in data.OPERATING_LINES:
        for year, amount in ((2020, a20), (2021, a21)):
            _, made = _upsert(
                BudgetLine,
                {"year": year, "kind": kind, "label": label},
                {"program": None, "continuing": None, "new": None, "amount_million_krw": amount,
                 "national_million_krw": 0, "is_executed": year == 2020},
            )  # fmt: skip
            changed["budget_lines"] += made
    for label, code, year, cont, new, city, national in data.NATIONAL_LINES:
        _, made = _upsert(
            BudgetLine,
            {"year": year, "kind": "national_matching", "label": label},
            {"program": programs.get(code), "continuing": cont, "new": new,
             "amount_million_krw": city, "national_million_krw": national, "is_executed": year == 2020},
        )  # fmt: skip
        changed["budget_lines"] += made
    for year, scope, field_code, cont, new, city, national in data.PRINTED_TOTALS:
        _, made = _upsert(
            PrintedTotal,
            {"year": year, "scope": scope, "field": fields.get(field_code)},
            {"continuing": cont, "new": new, "amount_million_krw": city, "national_million_krw": national},
        )  # fmt: skip
        changed["printed_totals"] += made
    for name, quota in data.DEMO_OPERATORS:
        _, made = _upsert(Operator, {"name": name}, {"annual_quota": quota, "year": 2023})
        changed["operators"] += made
    return changed


def _upsert(model, lookup: dict, values: dict) -> tuple[object, int]:
    """Create or update; returns (object, 1 if anything was written else 0)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), 1
    dirty = [
        k
        for k, v in values.items()
        if getattr(obj, k if not hasattr(v, "pk") else f"{k}_id")
        != (v.pk if hasattr(v, "pk") else v)
    ]
    if dirty:
        for key in dirty:
            setattr(obj, key, values[key])
        obj.save(update_fields=dirty)
    return obj, int(bool(dirty))
