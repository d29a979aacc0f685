"""Load an application with everything validation, digests and the detail API read.

`load_application_graph` returns the same objects as `application_queryset().get(pk=…)` (the
call with its programmes, programme, lead institution with sites and hub tenancies, applicant,
PI, institutions, researchers, budget rows, attachments), plus the running project participations
of its researchers. On PostgreSQL it is ONE statement that returns the whole graph as JSON
(`row_to_json` per row, built from the models' metadata); the ORM path (SQLite, and the reference
the tests compare against) needs eight queries or more. On the deadline day the validation GET and
the final submit are dominated by these loads: the ORM spends more CPU compiling the queries than
the database spends running them.
"""

import datetime as dt
import json
import uuid
from decimal import Decimal
from functools import cache, partial

from django.db import connection
from django.db.models import Model, QuerySet

from accounts.models import HubTenancy, Institution, InstitutionSite, Researcher, User
from agreements.enums import ProjectStatus
from agreements.models import Project, ProjectParticipation
from applications.models import (
    Application,
    ApplicationInstitution,
    ApplicationResearcher,
    Attachment,
    BudgetItem,
)
from config.prepared import execute_prepared
from programs.models import Call, Program

PARTICIPATIONS_ATTR = "_running_participations"


def load_application_graph(*, application_id: int) -> Application | None:
    """The application and the objects it points to, or None if there is no such application."""
    if connection.vendor != "postgresql":
        return _load_with_orm(application_id)
    with connection.cursor() as cursor:
        execute_prepared(
            cursor, name="application_graph", sql=_graph_sql(), params=[application_id]
        )
        row = cursor.fetchone()
    if row is None:
        return None
    return _build(json.loads(row[0]))


def running_participations(app: Application) -> list[ProjectParticipation]:
    """Participations of the application's researchers in running projects (any period).

    Preloaded by `load_application_graph`; otherwise one query.
    """
    rows = getattr(app, PARTICIPATIONS_ATTR, None)
    if rows is None:
        rows = list(
            ProjectParticipation.objects.filter(
                researcher_id__in=[r.researcher_id for r in app.researchers.all()],
                project__status=ProjectStatus.RUNNING,
            ).select_related("project")
        )
        setattr(app, PARTICIPATIONS_ATTR, rows)
    return rows


def _load_with_orm(application_id: int) -> Application | None:
    from applications.domain.validation import application_queryset

    related = ("lead_institution__sites", "lead_institution__tenancies")
    return application_queryset().prefetch_related(*related).filter(pk=application_id).first()


# --- SQL -------------------------------------------------------------------------------------


def _qn(name: str) -> str:
    return connection.ops.quote_name(name)


def _table(model: type[Model]) -> str:
    return _qn(model._meta.db_table)


def _col(model: type[Model], field: str) -> str:
    return _qn(model._meta.get_field(field).column)


def _order_by(model: type[Model], alias: str) -> str:
    """The model's Meta.ordering as SQL on `alias` (what the ORM's prefetch would apply)."""
    parts = []
    for name in model._meta.ordering:
        desc = name.startswith("-")
        parts.append(f"{alias}.{_col(model, name.lstrip('-'))}{' DESC' if desc else ''}")
    return ", ".join(parts) or f"{alias}.{_qn(model._meta.pk.column)}"


def _rows(select: str, from_: str, order: str) -> str:
    return f"(SELECT coalesce(json_agg({select} ORDER BY {order}), '[]'::json) FROM {from_})"


@cache
def _graph_sql() -> str:
    """ONE SELECT returning the application graph as a JSON document (built once per process)."""
    A, AI, AR = Application, ApplicationInstitution, ApplicationResearcher
    B, T, Inst = BudgetItem, Attachment, Institution
    P, PP, C = Program, ProjectParticipation, Call
    cp = C._meta.get_field("programs").remote_field.through
    cp_call = _qn(cp._meta.get_field("call").column)
    cp_prog = _qn(cp._meta.get_field("program").column)
    pk = _qn("id")

    def one(model, alias, on):
        """One row by key, as a scalar sub-select (an index lookup whatever the statistics say)."""
        return f"(SELECT row_to_json({alias}) FROM {_table(model)} {alias} WHERE {on})"

    def inst(alias, model):
        return one(Inst, "i", f"i.{pk} = {alias}.{_col(model, 'institution')}")

    researcher = one(Researcher, "r", f"r.{pk} = x.{_col(AR, 'researcher')}")
    parts = {
        "app": "row_to_json(a)",
        "call": one(C, "c", f"c.{pk} = a.{_col(A, 'call')}"),
        "call_programs": _rows(
            "row_to_json(p)",
            f"{_table(P)} p JOIN {_table(cp)} cp ON cp.{cp_prog} = p.{pk} "
            f"WHERE cp.{cp_call} = a.{_col(A, 'call')}",
            _order_by(P, "p"),
        ),
        "program": one(P, "p", f"p.{pk} = a.{_col(A, 'program')}"),
        "lead": one(Inst, "i", f"i.{pk} = a.{_col(A, 'lead_institution')}"),
        "lead_sites": _rows(
            "row_to_json(s)",
            f"{_table(InstitutionSite)} s WHERE s.{_col(InstitutionSite, 'institution')} "
            f"= a.{_col(A, 'lead_institution')}",
            f"s.{pk}",
        ),
        "lead_tenancies": _rows(
            "row_to_json(t)",
            f"{_table(HubTenancy)} t WHERE t.{_col(HubTenancy, 'institution')} "
            f"= a.{_col(A, 'lead_institution')}",
            f"t.{pk}",
        ),
        "applicant": one(User, "u", f"u.{pk} = a.{_col(A, 'applicant')}"),
        "pi": one(Researcher, "r", f"r.{pk} = a.{_col(A, 'pi')}"),
        "institutions": _rows(
            f"json_build_object('row', row_to_json(x), 'institution', {inst('x', AI)})",
            f"{_table(AI)} x WHERE x.{_col(AI, 'application')} = a.{pk}",
            _order_by(AI, "x"),
        ),
        "researchers": _rows(
            f"json_build_object('row', row_to_json(x), 'researcher', {researcher}, "
            f"'institution', {inst('x', AR)})",
            f"{_table(AR)} x WHERE x.{_col(AR, 'application')} = a.{pk}",
            _order_by(AR, "x"),
        ),
        "budget": _rows(
            f"json_build_object('row', row_to_json(x), 'institution', {inst('x', B)})",
            f"{_table(B)} x WHERE x.{_col(B, 'application')} = a.{pk}",
            _order_by(B, "x"),
        ),
        "attachments": _rows(
            "row_to_json(x)",
            f"{_table(T)} x WHERE x.{_col(T, 'application')} = a.{pk}",
            _order_by(T, "x"),
        ),
        "participations": _rows(
            "json_build_object('row', row_to_json(x), 'project_application', "
            f"pr.{_col(Project, 'application')})",
            f"{_table(AR)} r JOIN {_table(PP)} x ON x.{_col(PP, 'researcher')} = "
            f"r.{_col(AR, 'researcher')} JOIN {_table(Project)} pr ON pr.{pk} = "
            f"x.{_col(PP, 'project')} WHERE r.{_col(AR, 'application')} = a.{pk} "
            f"AND pr.{_col(Project, 'status')} = '{ProjectStatus.RUNNING.value}'",
            f"x.{pk}",
        ),
    }
    document = ", ".join(f"'{key}', {sql}" for key, sql in parts.items())
    return f"SELECT json_build_object({document})::text FROM {_table(A)} a WHERE a.{pk} = %s"


# --- building model instances ----------------------------------------------------------------


def _decimal(places):
    exponent = Decimal(1).scaleb(-places)
    return lambda v: Decimal(repr(v)).quantize(exponent)


def _converter(field):
    kind = field.get_internal_type()
    if kind == "DateTimeField":
        return dt.datetime.fromisoformat
    if kind == "DateField":
        return dt.date.fromisoformat
    if kind == "TimeField":
        return dt.time.fromisoformat
    if kind == "DecimalField":
        return _decimal(field.decimal_places)
    if kind == "FloatField":
        return float
    if kind == "UUIDField":
        return uuid.UUID
    return None  # JSON gives the Python value (str, int, bool, JSON content) as it is


@cache
def _columns(model: type[Model]) -> tuple[tuple[str, str, object], ...]:
    return tuple((f.attname, f.column, _converter(f)) for f in model._meta.concrete_fields)


def _instance(model: type[Model], data: dict | None) -> Model | None:
    """A model instance as the ORM would load it from this row (concrete fields, in order)."""
    if data is None:
        return None
    values = []
    for _attname, column, convert in _columns(model):
        value = data[column]
        values.append(convert(value) if convert is not None and value is not None else value)
    return model.from_db(connection.alias, None, values)


def _cache_fk(obj: Model, name: str, related: Model | None) -> None:
    obj._state.fields_cache[name] = related


def _prefetched(obj: Model, name: str, model: type[Model], items: list) -> None:
    """Store `items` as obj.<name>.all(), like prefetch_related does."""
    qs = QuerySet(model=model)
    qs._result_cache = items
    qs._prefetch_done = True
    if not hasattr(obj, "_prefetched_objects_cache"):
        obj._prefetched_objects_cache = {}
    obj._prefetched_objects_cache[name] = qs


def _attach(app: Application, relation: str, model: type[Model], items: list, **related) -> None:
    """app.<relation>.all() = rows of `model`, each with its foreign keys in `related` cached."""
    rows = []
    for item in items:
        row = _instance(model, item["row"])
        for name, build in related.items():
            _cache_fk(row, name, build(item[name]))
        _cache_fk(row, "application", app)
        rows.append(row)
    _prefetched(app, relation, model, rows)


def _build(doc: dict) -> Application:
    app = _instance(Application, doc["app"])
    institutions: dict[int, Institution] = {}

    def institution(data):
        if data is None:
            return None
        if data["id"] not in institutions:
            institutions[data["id"]] = _instance(Institution, data)
        return institutions[data["id"]]

    call = _instance(Call, doc["call"])
    _prefetched(call, "programs", Program, [_instance(Program, p) for p in doc["call_programs"]])
    lead = institution(doc["lead"])
    _prefetched(lead, "sites", InstitutionSite, [_instance(InstitutionSite, s) for s in doc["lead_sites"]])  # fmt: skip
    _prefetched(lead, "tenancies", HubTenancy, [_instance(HubTenancy, t) for t in doc["lead_tenancies"]])  # fmt: skip
    for name, value in (
        ("call", call), ("program", _instance(Program, doc["program"])),
        ("lead_institution", lead), ("applicant", _instance(User, doc["applicant"])),
        ("pi", _instance(Researcher, doc["pi"])),
    ):  # fmt: skip
        _cache_fk(app, name, value)

    researcher = partial(_instance, Researcher)
    _attach(app, "institutions", ApplicationInstitution, doc["institutions"], institution=institution)  # fmt: skip
    _attach(app, "researchers", ApplicationResearcher, doc["researchers"], researcher=researcher, institution=institution)  # fmt: skip
    _attach(app, "budget_items", BudgetItem, doc["budget"], institution=institution)
    rows = [_instance(Attachment, a) for a in doc["attachments"]]
    for row in rows:
        _cache_fk(row, "application", app)
    _prefetched(app, "attachments", Attachment, rows)

    participations = []
    for item in doc["participations"]:
        row = _instance(ProjectParticipation, item["row"])
        _cache_fk(row, "project", Project(pk=row.project_id, application_id=item["project_application"]))  # fmt: skip
        participations.append(row)
    setattr(app, PARTICIPATIONS_ATTR, participations)
    return app
