"""Guard: views and API modules parse request values through config.params, never by hand.

`int(request.POST.get("order"))`, `Decimal(request.GET["cutoff"])`, `date.fromisoformat(post…)` or
`get_object_or_404(Model, pk=request.POST.get("id"))` turned bad input into 500s (issue 11). This
test reads every view/API module and fails on such a call, naming the file and line: use
config.params (id_param, int_param, money_param, decimal_param, choice_param, date_param,
text_param) instead.
"""

import ast
from pathlib import Path

from django.conf import settings

PARSERS = {"int", "float", "Decimal", "fromisoformat", "strptime", "date", "datetime"}
REQUEST_HINTS = ("request.POST", "request.GET", "request.data", "query_params", "post.get",
                 "post[", "query.get", "params.get")  # fmt: skip
APPS = ("accounts", "programs", "applications", "evaluation", "agreements", "tracking", "config")


def view_modules() -> list[Path]:
    base = Path(settings.BASE_DIR)
    out = []
    for app in APPS:
        for path in (base / app).rglob("*.py"):
            parts = path.relative_to(base).parts
            if "migrations" in parts or path.name == "params.py":
                continue
            if "views" in parts or path.stem.startswith(("views", "api")) or "views" in path.stem:
                out.append(path)
    return sorted(out)


def _name(func) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def offences(path: Path) -> list[str]:
    source = path.read_text()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name in PARSERS:
            args = " ".join(ast.get_source_segment(source, a) or "" for a in node.args)
            if any(hint in args for hint in REQUEST_HINTS):
                found.append(f"{path}:{node.lineno}: {name}() of a request value")
        if name in ("get_object_or_404", "get", "filter"):
            for kw in node.keywords:
                value = ast.get_source_segment(source, kw.value) or ""
                if kw.arg in ("pk", "id") or (kw.arg or "").endswith("_id"):
                    if any(hint in value for hint in REQUEST_HINTS):
                        found.append(f"{path}:{node.lineno}: {kw.arg}= taken from the request")
    return found


def test_view_modules_are_found():
    names = {p.name for p in view_modules()}
    assert {"staff.py", "api.py", "views.py"} <= names


def test_request_values_are_parsed_through_config_params():
    problems = [o for path in view_modules() for o in offences(path)]
    assert not problems, "parse request values with config.params:\n" + "\n".join(problems)


def test_the_guard_catches_the_old_code(tmp_path):
    old = tmp_path / "views.py"
    old.write_text(
        "def v(request, post):\n"
        "    a = int(post.get('order'))\n"
        "    b = get_object_or_404(User, pk=request.POST.get('evaluator'))\n"
        "    c = dt.date.fromisoformat(post.get('checked_on'))\n"
    )
    assert len(offences(old)) == 3
