"""Creating and saving drafts: only the applicant, only before the close, only while a draft."""

from datetime import datetime
from functools import cache

from django.db import connection, transaction
from django.utils import timezone

from accounts.domain.audit import record_audit
from accounts.models import Institution, Researcher, User
from applications.domain.errors import ApplicationRefused, CallClosed, InvalidInput, NotEditable
from applications.enums import ApplicationStatus, BudgetCategory, InstitutionRole, ResearcherRole
from applications.models import (
    Application,
    ApplicationInstitution,
    ApplicationResearcher,
    BudgetItem,
)
from config.prepared import execute_prepared
from programs.enums import CallStatus
from programs.models import Call, Program

TEXT_FIELDS = (
    "title_ko", "title_en", "summary", "objectives", "content", "expected_outcomes",
    "outcome_use", "tech_classification", "keywords",
)  # fmt: skip
SCALAR_FIELDS = (
    *TEXT_FIELDS, "current_trl", "target_trl", "period_months", "starts_on", "ends_on",
    "schedule", "eligibility_check", "privacy_consent", "rnd_record", "export_record",
)  # fmt: skip


def _seoul(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def not_editable() -> NotEditable:
    """The refusal of any change to an application that is no longer a draft."""
    return NotEditable(
        "not_editable",
        "최종 제출된 신청서는 수정할 수 없습니다.",
        "A submitted application can no longer be changed.",
    )


def lock_draft(application_id: int) -> None:
    """Lock the application row until the transaction ends; refuse if it is no longer a draft.

    Every change to a draft's parts (attachments, budget rows, …) takes this lock first, like the
    final submit does, so nothing can be added to an application after its receipt was issued.
    """
    status = (
        Application.objects.select_for_update()
        .filter(pk=application_id)
        .values_list("status", flat=True)
        .first()
    )
    if status != ApplicationStatus.DRAFT:
        raise not_editable()


def ensure_open(call: Call, now: datetime) -> None:
    """Refuse when the call does not accept applications at `now` (close exclusive, KST)."""
    if call.is_open_at(now):
        return
    if now >= call.closes_at:
        raise CallClosed(
            "call_closed",
            f"접수가 마감되었습니다(마감 {_seoul(call.closes_at)} KST). 임시저장된 내용은 열람만 "
            "가능합니다.",
            f"The call closed at {_seoul(call.closes_at)} KST. Saved drafts remain readable.",
        )
    raise CallClosed(
        "call_not_open", "접수 기간이 아닙니다.", "The call is not open for applications."
    )


@transaction.atomic
def create_draft(
    *,
    call: Call,
    applicant: User,
    program: Program | None = None,
    lead_institution: Institution | None = None,
    now: datetime | None = None,
    data: dict | None = None,
) -> Application:
    """Start a draft for `call`; the lead institution defaults to the applicant's institution."""
    ensure_open(call, now or timezone.now())
    programs = list(call.programs.all())
    if program is None:
        if len(programs) != 1:
            raise InvalidInput(
                "program_required", "단위사업을 선택하십시오.", "Choose a programme."
            )
        program = programs[0]
    if program not in programs:
        raise InvalidInput(
            "program_not_in_call",
            "선택한 단위사업은 이 공고에 포함되지 않습니다.",
            "The chosen programme is not part of this call.",
        )
    lead = lead_institution or applicant.institution
    if lead is None:
        raise InvalidInput(
            "lead_institution_required",
            "주관연구개발기관을 먼저 등록하십시오.",
            "Register the lead institution first.",
        )
    pi = Researcher.objects.filter(user=applicant).first()
    app = Application.objects.create(
        call=call, program=program, lead_institution=lead, applicant=applicant, pi=pi
    )
    ApplicationInstitution.objects.create(
        application=app, institution=lead, role=InstitutionRole.LEAD
    )
    if pi is not None:
        ApplicationResearcher.objects.create(
            application=app, researcher=pi, institution=lead, role=ResearcherRole.PI, rate_pct=30
        )
    record_audit(actor=applicant, action="application.create", target=app)
    if data:
        app = update_draft(application=app, actor=applicant, data=data, now=now)
    return app


def clean_track(app: Application, code) -> str:
    from programs.domain.flows import program_tracks

    code = str(code or "").strip()
    tracks = program_tracks(program=app.program)
    if code and code not in {t.code for t in tracks}:
        if not tracks:
            raise InvalidInput(
                "track_unknown",
                "이 단위사업에는 유형(트랙)이 없습니다. 비워 두십시오.",
                "This programme has no tracks: leave the track empty.",
            )
        raise InvalidInput(
            "track_unknown",
            "이 단위사업에 없는 유형입니다. 고를 수 있는 유형: "
            + ", ".join(f"{t.code}({t.name_ko})" for t in tracks),
            "This programme has no such track. Choose one of: "
            + ", ".join(f"{t.code} ({t.name_en})" for t in tracks),
        )
    return code


def clean_track_or_none(app: Application, code) -> str | None:
    try:
        return clean_track(app, code)
    except InvalidInput:
        return None


def edit_conflict() -> ApplicationRefused:
    return ApplicationRefused(
        "edit_conflict",
        "공동 작성자가 이 연구계획서를 먼저 저장했습니다. 저장하지 않았습니다: 페이지를 새로 고쳐 최신 "
        "내용을 확인한 뒤 다시 입력하십시오.",
        "Your co-author saved this plan after you opened it. Not saved: reload the page to see "
        "their changes, then enter yours again.",
    )


def check_edit_base(app: Application, actor: User, base_version: int | None) -> None:
    """Optimistic check of a co-edited draft (on the locked row): a save based on version n is
    refused when the row moved past n and its last save was someone else's, so two editors never
    silently overwrite each other. The editor's own saves in between (several sections autosaving
    at once) are no conflict. No base given (older clients): no check."""
    if base_version is None or app.edit_version == base_version:
        return
    if app.last_editor_id is not None and app.last_editor_id != actor.pk:
        raise edit_conflict()


@transaction.atomic
def update_draft(
    *,
    application: Application,
    actor: User,
    data: dict,
    now: datetime | None = None,
    base_version: int | None = None,
) -> Application:
    """Save part or all of a draft. Nested lists (institutions, researchers, budget_items)
    replace the current rows when given. Cheap for the autosave path of text fields.
    `base_version`: the edit_version the editor's page was based on (check_edit_base)."""
    app = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    if app.status != ApplicationStatus.DRAFT:
        raise not_editable()
    now = now or timezone.now()
    ensure_open(app.call, now)
    check_edit_base(app, actor, base_version)
    changed = [name for name in SCALAR_FIELDS if name in data]
    for name in changed:
        setattr(app, name, data[name])
    if "privacy_consent" in data:
        app.privacy_consent_at = now if data["privacy_consent"] else None
        changed.append("privacy_consent_at")
    if "program" in data:
        program = data["program"]
        if not app.call.programs.filter(pk=program.pk).exists():
            raise InvalidInput(
                "program_not_in_call",
                "선택한 단위사업은 이 공고에 포함되지 않습니다.",
                "The chosen programme is not part of this call.",
            )
        app.program = program
        changed.append("program")
        if "track" not in data and app.track:  # the old programme's track does not carry over
            data = {
                **data,
                "track": "" if clean_track_or_none(app, app.track) is None else app.track,
            }
    if "track" in data:  # a track of the application's programme, or none (programs.domain.flows)
        app.track = clean_track(app, data["track"])
        changed.append("track")
    if "institutions" in data:
        _check_institution_roles(app, data["institutions"])
        _replace_institutions(app, data["institutions"])
    if "researchers" in data:
        _replace_researchers(app, data["researchers"])
        changed.append("pi")
    if "budget_items" in data:
        _replace_budget(app, data["budget_items"])
        changed += ["city_grant_krw", "institution_cash_krw", "institution_inkind_krw"]
    if changed:
        app.edit_version += 1
        app.last_editor = actor
        app.save(
            update_fields=[*dict.fromkeys(changed), "updated_at", "edit_version", "last_editor"]
        )
    return app


def text_field_limits() -> dict[str, int | None]:
    """Autosave-able text fields and their max_length (None: unlimited)."""
    return {name: Application._meta.get_field(name).max_length for name in TEXT_FIELDS}


TEXT_LIMITS = text_field_limits()


def autosave_draft(
    *, application_id: int, user: User, fields: dict[str, str], now: datetime | None = None
) -> datetime:
    """Autosave plain text fields of the user's own draft with ONE conditional UPDATE.

    The row changes only while it is the user's draft and its call is open at `now` (open
    inclusive, close exclusive), checked by the same statement that writes, so a concurrent final
    submit or the close can never be overtaken. All conditions are on the application row itself
    (the call condition is a sub-select on the call table): PostgreSQL re-checks them on the newest
    row version when the UPDATE waited for a submit's lock. Returns the new `updated_at`.

    When nothing was updated, the reason is looked up and refused exactly like update_draft
    (NotEditable / CallClosed with Korean and English messages); an application that does not exist
    or is not the user's raises Application.DoesNotExist (the caller answers 404/403 as usual).
    Callers validate `fields` (keys in TEXT_FIELDS, str values within TEXT_LIMITS).
    """
    unknown = set(fields) - set(TEXT_FIELDS)
    if unknown or not fields:
        raise ValueError(f"autosave_draft saves text fields only, not {sorted(unknown)}")
    now = now or timezone.now()
    for _attempt in range(2):
        if _conditional_update(application_id, user.pk, fields, now):
            return now
        app = Application.objects.select_related("call").get(
            pk=application_id, applicant_id=user.pk
        )
        if app.status != ApplicationStatus.DRAFT:
            raise not_editable()
        ensure_open(app.call, now)
        # An open draft of the user that was not updated changed in between: try once more.
    raise ApplicationRefused(
        "conflict", "동시에 저장되었습니다. 다시 시도하십시오.", "Saved concurrently; try again."
    )


def _conditional_update(application_id: int, user_id: int, fields: dict, now: datetime) -> bool:
    """UPDATE application SET <fields>, updated_at WHERE it is the user's draft in an open call.

    Written as SQL (column names from the model) because the ORM's compilation of the same
    statement costs ~0.6 ms of CPU, a third of an autosave request; prepared once per database
    session and field set (PostgreSQL plans it once). Equivalent ORM filter:
    pk, applicant_id, status=draft, call_id__in=<published calls with opens_at <= now < closes_at>.
    """
    names = [name for name in TEXT_FIELDS if name in fields]  # a fixed order per field set
    mask = sum(1 << TEXT_FIELDS.index(name) for name in names)
    date_time = connection.ops.adapt_datetimefield_value
    params = [
        *(fields[name] for name in names), date_time(now), user_id, application_id, user_id,
        ApplicationStatus.DRAFT.value, CallStatus.PUBLISHED.value, date_time(now), date_time(now),
    ]  # fmt: skip
    with connection.cursor() as cursor:
        execute_prepared(cursor, name=f"autosave_v_{mask}", sql=_autosave_sql(tuple(names)), params=params)  # fmt: skip
        return cursor.rowcount == 1


@cache
def _autosave_sql(names: tuple[str, ...]) -> str:
    qn = connection.ops.quote_name
    app, call = Application._meta, Call._meta
    column = {f.name: f.column for f in app.concrete_fields}
    assignments = ", ".join(f"{qn(column[name])} = %s" for name in names)
    return (
        f"UPDATE {qn(app.db_table)} SET {assignments}, {qn(column['updated_at'])} = %s, "
        f"{qn(column['edit_version'])} = {qn(column['edit_version'])} + 1, "
        f"{qn(column['last_editor'])} = %s "
        f"WHERE {qn(app.pk.column)} = %s AND {qn(column['applicant'])} = %s "
        f"AND {qn(column['status'])} = %s AND {qn(column['call'])} IN ("
        f"SELECT {qn(call.pk.column)} FROM {qn(call.db_table)} WHERE "
        f"{qn(call.get_field('status').column)} = %s AND {qn(call.get_field('opens_at').column)} "
        f"<= %s AND {qn(call.get_field('closes_at').column)} > %s)"
    )


def _check_institution_roles(app: Application, rows: list[dict]) -> None:
    """A co-institution row takes a role the call allows (the plan form offers only those):
    the private demonstration site only on a free-call cooperation call."""
    from programs.domain.free_call import allowed_institution_roles

    allowed = allowed_institution_roles(program=app.program, call=app.call)
    for row in rows:
        role = row.get("role") or InstitutionRole.CO
        if role != InstitutionRole.LEAD and role not in allowed:
            raise InvalidInput(
                "institution_role",
                f"이 공고에서 참여기관이 맡을 수 없는 역할입니다({role}). 가능한 역할: "
                + ", ".join(str(InstitutionRole(r).label) for r in allowed),
                f"Co-institutions of this call cannot take the role {role}. Allowed: "
                + ", ".join(allowed),
            )


def _replace_institutions(app: Application, rows: list[dict]) -> None:
    app.institutions.exclude(role=InstitutionRole.LEAD).delete()
    app.institutions.get_or_create(
        institution=app.lead_institution, defaults={"role": InstitutionRole.LEAD}
    )
    seen = {app.lead_institution_id}
    for row in rows:
        inst = row["institution"]
        if row.get("role") == InstitutionRole.LEAD or inst.pk == app.lead_institution_id:
            app.institutions.filter(role=InstitutionRole.LEAD).update(
                role_description=row.get("role_description", "")
            )
            continue
        if inst.pk in seen:
            continue
        seen.add(inst.pk)
        ApplicationInstitution.objects.create(
            application=app,
            institution=inst,
            role=InstitutionRole.DEMO_SITE
            if row.get("role") == InstitutionRole.DEMO_SITE
            else InstitutionRole.CO,
            role_description=row.get("role_description", ""),
        )


def _replace_researchers(app: Application, rows: list[dict]) -> None:
    app.researchers.all().delete()
    seen: set[int] = set()
    app.pi = None
    for row in rows:
        researcher = row["researcher"]
        if researcher.pk is None:  # a new national researcher number typed into the plan
            researcher, _created = Researcher.objects.get_or_create(
                researcher_no=researcher.researcher_no, defaults={"name": researcher.name}
            )
        if researcher.pk in seen:
            raise InvalidInput(
                "researcher_duplicate",
                f"{researcher.name} 연구자가 두 번 입력되었습니다.",
                f"Researcher {researcher.name} is listed twice.",
            )
        seen.add(researcher.pk)
        rate = int(row["rate_pct"])
        if not 0 < rate <= 100:
            raise InvalidInput(
                "rate_range", "참여율은 1~100% 사이여야 합니다.", "Rates must be 1–100 %."
            )
        ApplicationResearcher.objects.create(
            application=app,
            researcher=researcher,
            institution=row.get("institution") or app.lead_institution,
            role=row["role"],
            rate_pct=rate,
        )
        if row["role"] == ResearcherRole.PI:
            app.pi = researcher


def _replace_budget(app: Application, rows: list[dict]) -> None:
    app.budget_items.all().delete()
    items = []
    seen = set()
    for row in rows:
        key = (int(row["year"]), row["institution"].pk, row["category"])
        if key in seen:
            raise InvalidInput(
                "budget_row_duplicate",
                "같은 연차·기관·비목이 두 번 입력되었습니다.",
                "The same year, institution and category appear twice.",
            )
        seen.add(key)
        if row["category"] not in BudgetCategory.values:
            raise InvalidInput("budget_category", "비목이 올바르지 않습니다.", "Unknown category.")
        amounts = [int(row.get(k) or 0) for k in ("city_krw", "cash_krw", "inkind_krw")]
        if min(amounts) < 0:
            raise InvalidInput(
                "budget_negative", "금액은 0 이상이어야 합니다.", "Amounts cannot be negative."
            )
        items.append(
            BudgetItem(
                application=app,
                year=key[0],
                institution=row["institution"],
                category=row["category"],
                city_krw=amounts[0],
                cash_krw=amounts[1],
                inkind_krw=amounts[2],
            )  # fmt: skip
        )
    BudgetItem.objects.bulk_create(items)
    app.city_grant_krw = sum(i.city_krw for i in items)
    app.institution_cash_krw = sum(i.cash_krw for i in items)
    app.institution_inkind_krw = sum(i.inkind_krw for i in items)
