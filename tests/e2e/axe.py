"""Run the vendored axe-core (tests/e2e/vendor/axe.min.js) in a Playwright page.

    from tests.e2e.axe import assert_accessible

    page.goto(live_server.url + "/staff/")
    assert_accessible(page, context="staff home (ko)")

The portal's Content-Security-Policy has no 'unsafe-inline', so axe is not added as a <script> tag:
its source is evaluated through the DevTools protocol (``page.evaluate``), which the page's CSP does
not govern. Nothing is served by the portal and no browser context needs ``bypass_csp``, so the
same page the test drives is the page that is checked, with its CSP in force.

The check fails on every *critical* or *serious* violation of the WCAG 2.0 A/AA and 2.1 AA rules,
listing rule id, impact, the elements (CSS targets) and axe's help text with its URL.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

AXE_PATH = Path(__file__).with_name("vendor") / "axe.min.js"
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
BLOCKING = ("critical", "serious")

_RUN = """async ([tags]) => {
  const result = await window.axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target.join(' '), impact: n.impact,
                                summary: n.failureSummary || ''})),
  }));
}"""


@cache
def axe_source() -> str:
    return AXE_PATH.read_text(encoding="utf-8")


def _inject(page) -> None:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source() + "\n;undefined")


def axe_violations(page, *, impacts: tuple[str, ...] = BLOCKING) -> list[dict]:
    """The axe violations on the page's current document with an impact in ``impacts``."""
    _inject(page)
    found = page.evaluate(_RUN, [list(TAGS)])
    return [v for v in found if v["impact"] in impacts]


def format_violations(violations: list[dict], *, context: str, url: str = "") -> str:
    lines = [f"axe-core: {len(violations)} critical/serious violation(s) on {context} {url}"]
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:15]:
            lines.append(f"    {node['target']}")
            summary = " ".join(node["summary"].split())
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > 15:
            lines.append(f"    … and {len(v['nodes']) - 15} more")
    return "\n".join(lines)


def assert_accessible(page, *, context: str) -> None:
    """Fail when axe finds any critical or serious WCAG 2.x A/AA violation on ``page``."""
    violations = axe_violations(page)
    assert not violations, format_violations(violations, context=context, url=page.url)
