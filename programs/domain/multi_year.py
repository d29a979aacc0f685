"""Period and grant caps of an application or agreement, with the 2024 multi-year rules (seed 001).

From 2024 the city funds R&D for up to 4 years and up to 800 M KRW per company (중·장기 R&D), in
yearly instalments with an annual evaluation between years. The figures are flow data
(``Program.flow["multi_year"]``); a call opts in with ``Call.flow["multi_year"] = true`` (or gives
its own figures as a dict). Without it the catalogue caps apply (``Program.max_period_months``,
``Program.max_grant_krw``). Application validation and agreement creation both read ``caps_for``.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Caps:
    max_months: int | None
    max_total_krw: int | None
    multi_year: bool
    source: str = ""


def caps_for(*, program, call=None) -> Caps:
    """The caps that hold for an application of ``program`` in ``call``."""
    opted = (call.flow or {}).get("multi_year") if call is not None else None
    if opted:
        spec = opted if isinstance(opted, dict) else (program.flow or {}).get("multi_year") or {}
        if spec:
            return Caps(
                max_months=int(spec["max_months"]) if spec.get("max_months") else None,
                max_total_krw=int(spec["max_total_krw"]) if spec.get("max_total_krw") else None,
                multi_year=True,
                source=str(spec.get("source", "")),
            )
    return Caps(program.max_period_months, program.max_grant_krw, multi_year=False)
