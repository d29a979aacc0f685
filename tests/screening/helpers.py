"""Screen one application without a run (real DB loading), for rule tests."""

from evaluation.screening.domain.engine import evaluate
from evaluation.screening.domain.facts import Facts, load_batch
from evaluation.screening.domain.rules import RULES


def screen(app, *, duplicates=None) -> dict[str, dict]:
    app.refresh_from_db()
    data = load_batch(call=app.call, applications=[app], duplicates=duplicates)
    _overall, rows = evaluate(Facts(app, data))
    return {r["code"]: r for r in rows}


def check(app, code: str, **params) -> dict:
    """Apply one rule (with catalogue params overridden by `params`)."""
    app.refresh_from_db()
    spec = next((s for s in app.program.eligibility if s["code"] == code), {"code": code})
    spec = {**spec, **params}
    data = load_batch(call=app.call, applications=[app])
    verdict = RULES[code].check(Facts(app, data), {k: v for k, v in spec.items() if k != "code"})
    return {
        "outcome": verdict.outcome,
        "reason_ko": verdict.reason_ko,
        "reason_en": verdict.reason_en,
    }
