"""Duplicate proposals (중복성): pg_trgm similarity on PostgreSQL, difflib on SQLite.

The compared text of an application is its Korean title and its objectives (세부 연구개발 목표); of a
funded project, its title and objectives. (Migration 0002 indexed the first 1,000 characters of the
content as well; the benchmark showed the GIN lookups then cost ~16 ms per application, ten times
more, so migration 0003 indexes title + objectives only.) On PostgreSQL
the `%` operator of pg_trgm (GIN expression indexes created by migration 0002) finds pairs whose
trigram similarity is at least the run's threshold. SQLite has no pg_trgm: there we fall back to
difflib.SequenceMatcher.ratio() over the same texts (slow, O(n·m); for development and tests only).
The two measures are not identical, so thresholds tuned on PostgreSQL are approximate on SQLite.
"""

from __future__ import annotations

import difflib
from collections import defaultdict

from django.db import connection

from agreements.models import Project
from applications.models import Application
from evaluation.screening.models import DuplicateFlag, ScreeningRun

EXCLUDED_STATUSES = ("draft", "withdrawn")


def doc_sql(alias: str, title: str) -> str:
    """The compared text as an SQL expression (the GIN indexes of migration 0002 use the same one)."""
    return f"({alias}.{title} || ' ' || {alias}.objectives)"


_PG_SQL = f"""
WITH a AS (
    SELECT x.id, COALESCE(x.submitted_at, x.created_at) AS at, {doc_sql("x", "title_ko")} AS doc
    FROM applications_application x WHERE x.id = ANY(%(ids)s)
)
SELECT a.id, 'a:' || b.id, similarity(a.doc, {doc_sql("b", "title_ko")})
FROM a JOIN applications_application b
  ON {doc_sql("b", "title_ko")} %% a.doc
 AND b.id <> a.id AND b.status NOT IN %(excluded)s
 AND (COALESCE(b.submitted_at, b.created_at), b.id) < (a.at, a.id)
UNION ALL
SELECT a.id, 'p:' || p.id, similarity(a.doc, {doc_sql("p", "title")})
FROM a JOIN agreements_project p
  ON {doc_sql("p", "title")} %% a.doc
 AND (p.application_id IS NULL OR p.application_id <> a.id)
"""


def method() -> str:
    return "pg_trgm" if connection.vendor == "postgresql" else "difflib"


def find_duplicates(
    *, run: ScreeningRun, applications: list[Application]
) -> dict[int, list[DuplicateFlag]]:
    """Pairs (application, earlier application or funded project) at or above the run's threshold.

    Returns unsaved DuplicateFlag objects grouped by application id; one query per batch on PostgreSQL.
    """
    if not applications:
        return {}
    threshold = float(run.duplicate_threshold)
    if connection.vendor == "postgresql":
        rows = _pg_pairs([a.pk for a in applications], threshold)
    else:
        rows = _difflib_pairs(applications, threshold)
    found: dict[int, list[DuplicateFlag]] = defaultdict(list)
    for app_id, key, score in rows:
        kind, other = key.split(":")
        found[app_id].append(DuplicateFlag(
            run=run, application_id=app_id, other_key=key, similarity=round(float(score), 4),
            other_application_id=int(other) if kind == "a" else None,
            other_project_id=int(other) if kind == "p" else None, method=method(),
        ))  # fmt: skip
    return found


def _pg_pairs(ids: list[int], threshold: float) -> list[tuple]:
    with connection.cursor() as cur:
        cur.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(threshold)])
        cur.execute(_PG_SQL, {"ids": ids, "excluded": EXCLUDED_STATUSES})
        return [r for r in cur.fetchall() if float(r[2]) >= threshold]


def _doc(*parts: str, content: str = "") -> str:
    return " ".join(parts)


def _difflib_pairs(applications: list[Application], threshold: float) -> list[tuple]:
    others = list(
        Application.objects.exclude(status__in=EXCLUDED_STATUSES).values_list(
            "id", "submitted_at", "created_at", "title_ko", "objectives", "content"
        )
    )
    projects = list(
        Project.objects.values_list("id", "application_id", "title", "objectives", "content")
    )
    rows = []
    for app in applications:
        doc = _doc(app.title_ko, app.objectives, content=app.content)
        at = (app.submitted_at or app.created_at, app.pk)
        matcher = difflib.SequenceMatcher(None, b=doc, autojunk=False)
        candidates = [(f"a:{o[0]}", _doc(o[3], o[4], content=o[5]))
                      for o in others if o[0] != app.pk and ((o[1] or o[2]), o[0]) < at]  # fmt: skip
        candidates += [
            (f"p:{p[0]}", _doc(p[2], p[3], content=p[4])) for p in projects if p[1] != app.pk
        ]
        for key, text in candidates:
            matcher.set_seq1(text)
            if matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold:
                score = matcher.ratio()
                if score >= threshold:
                    rows.append((app.pk, key, score))
    return rows
