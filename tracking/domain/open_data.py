"""Open data (issue 13): the city's R&D awards and their aggregated outcomes, public and anonymous,
shaped after the 360Giving standard (https://standard.threesixtygiving.org/).

- An award is an agreement that is active or completed (협약 체결 과제): identifier
  "KR-SBA-<agreement number>", title, currency KRW, amountAwarded = the city grant of all years,
  awardDate = the final selection notice, recipientOrganization = the lead institution (name and
  business registration number, "KR-BRN-…"; a foreign one "<country>-REG-…"), fundingOrganization =
  Seoul City and SBA, grantProgramme = the unit programme. No personal data: no PI, no researcher,
  no e-mail, no representative's name.
- Outcomes: the staff-accepted outcome reports (추적조사) summed per programme and covered year;
  a group of fewer than MIN_GROUP reports is published without its figures (one company's sales
  would otherwise be readable).

Rows are read with a server-side cursor (``iterator``), so 100,000 awards are streamed, not held.
The schema is tracking/data/open_data_schema.json, served at /api/v1/open-data/schema.json.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear

from agreements.enums import AgreementStatus
from agreements.models import Agreement
from tracking.models import FIGURE_FIELDS, ReportStatus, TrackingReport

AWARDED = (AgreementStatus.ACTIVE, AgreementStatus.COMPLETED)
FUNDERS = [
    {"id": "KR-GOV-SEOUL", "name": "서울특별시 (Seoul Metropolitan Government)"},
    {"id": "KR-SBA", "name": "서울경제진흥원 (Seoul Business Agency, SBA)"},
]
MIN_GROUP = 3
CHUNK = 2000
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "open_data_schema.json"

AWARD_COLUMNS = (
    "pk", "verify_code", "application__title_ko", "application__title_en", "city_grant_krw",
    "selection_notified_on", "starts_on", "ends_on", "lead_institution__name",
    "lead_institution__business_no", "lead_institution__country",
    "lead_institution__foreign_registration_no", "program__code", "program__name_ko",
    "program__name_en", "call_year",
)  # fmt: skip


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def awards_queryset(*, year: int | None = None, program_code: str = ""):
    qs = Agreement.objects.filter(status__in=AWARDED).annotate(
        call_year=ExtractYear("application__call__opens_at")
    )
    if year is not None:
        qs = qs.filter(call_year=year)
    if program_code:
        qs = qs.filter(program__code=program_code)
    return qs.order_by("pk").values_list(*AWARD_COLUMNS)


def org_id(*, business_no: str, country: str, foreign_no: str) -> str:
    if business_no:
        return f"KR-BRN-{business_no}"
    return f"{country or 'XX'}-REG-{foreign_no}" if foreign_no else ""


def award(row: tuple) -> dict:
    """One award as a 360Giving grant."""
    r = dict(zip(AWARD_COLUMNS, row, strict=True))
    return {
        "identifier": f"KR-SBA-{r['verify_code']}",
        "title": r["application__title_ko"],
        "description": r["application__title_en"] or r["application__title_ko"],
        "currency": "KRW",
        "amountAwarded": r["city_grant_krw"],
        "awardDate": r["selection_notified_on"].isoformat(),
        "plannedDates": [
            {"startDate": r["starts_on"].isoformat(), "endDate": r["ends_on"].isoformat()}
        ],  # fmt: skip
        "recipientOrganization": [
            {
                "id": org_id(
                    business_no=r["lead_institution__business_no"],
                    country=r["lead_institution__country"],
                    foreign_no=r["lead_institution__foreign_registration_no"],
                ),
                "name": r["lead_institution__name"],
            }
        ],  # fmt: skip
        "fundingOrganization": FUNDERS,
        "grantProgramme": [
            {
                "code": r["program__code"],
                "title": r["program__name_ko"],
                "title_en": r["program__name_en"],
            }
        ],  # fmt: skip
        "programmeYear": r["call_year"],
    }


def iter_awards(*, year: int | None = None, program_code: str = "") -> Iterator[dict]:
    for row in awards_queryset(year=year, program_code=program_code).iterator(chunk_size=CHUNK):
        yield award(row)


CSV_HEADERS = [
    "Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date",
    "Planned Dates:Start Date", "Planned Dates:End Date", "Recipient Org:Identifier",
    "Recipient Org:Name", "Funding Org:Identifier", "Funding Org:Name", "Grant Programme:Code",
    "Grant Programme:Title", "Programme Year",
]  # fmt: skip


def csv_row(a: dict) -> list:
    org, prog = a["recipientOrganization"][0], a["grantProgramme"][0]
    return [
        a["identifier"], a["title"], a["description"], a["currency"], a["amountAwarded"],
        a["awardDate"], a["plannedDates"][0]["startDate"], a["plannedDates"][0]["endDate"],
        org["id"], org["name"], ";".join(f["id"] for f in FUNDERS),
        ";".join(f["name"] for f in FUNDERS), prog["code"], prog["title"], a["programmeYear"],
    ]  # fmt: skip


OUTCOME_FIGURES = tuple(f for f in FIGURE_FIELDS)


def outcomes(*, year: int | None = None, program_code: str = "") -> list[dict]:
    """Accepted outcome reports summed per programme and covered year (ONE grouped query)."""
    qs = TrackingReport.objects.filter(status=ReportStatus.ACCEPTED)
    if year is not None:
        qs = qs.filter(covers_year=year)
    if program_code:
        qs = qs.filter(program__code=program_code)
    rows = (
        qs.values("program__code", "program__name_ko", "covers_year")
        .annotate(reports=Count("pk"), **{f: Sum(f) for f in OUTCOME_FIGURES})
        .order_by("covers_year", "program__code")
    )
    out = []
    for r in rows:
        published = r["reports"] >= MIN_GROUP
        figures = {f: (int(r[f]) if published else None) for f in OUTCOME_FIGURES}
        hires = (figures["hires_research"] + figures["hires_production"] + figures["hires_other"]
                 if published else None)  # fmt: skip
        out.append({
            "grantProgramme": {"code": r["program__code"], "title": r["program__name_ko"]},
            "year": r["covers_year"], "reports": r["reports"], "suppressed": not published,
            **figures, "hires_total": hires,
        })  # fmt: skip
    return out


OUTCOME_CSV_HEADERS = ["Grant Programme:Code", "Grant Programme:Title", "Year", "Reports",
                       "Suppressed", *OUTCOME_FIGURES, "hires_total"]  # fmt: skip


def outcome_csv_row(o: dict) -> list:
    return [o["grantProgramme"]["code"], o["grantProgramme"]["title"], o["year"], o["reports"],
            o["suppressed"], *(o[f] if o[f] is not None else "" for f in OUTCOME_FIGURES),
            o["hires_total"] if o["hires_total"] is not None else ""]  # fmt: skip
