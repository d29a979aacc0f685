"""Free-call cooperation projects (자유 공모형 협력과제, seed 001, 2024): a private demonstration site
— a shopping centre, a factory — may join the consortium of an innovative-technology company, in the
participation role "demo_site". Where it may is flow data: ``Call.flow["free_call_cooperation"]`` (or
the programme's flow) ``= {"demo_site_types": ["company", "other"]}``. Elsewhere a demo-site row is
refused, next to the institutions of the plan."""

from applications.domain.problems import Problem
from programs.domain.flows import flow_value

DEFAULT_SITE_TYPES = ("company", "other")


def free_call_spec(*, program, call=None) -> dict:
    spec = flow_value(program=program, key="free_call_cooperation", call=call)
    if spec is True:
        return {"demo_site_types": list(DEFAULT_SITE_TYPES)}
    return spec or {}


def demo_site_problems(app) -> list[Problem]:
    """Problems of the application's demo-site participants (none when it has none)."""
    sites = [r.institution for r in app.institutions.all() if r.role == "demo_site"]
    if not sites:
        return []
    spec = free_call_spec(program=app.program, call=app.call)
    if not spec:
        return [Problem("demo_site_not_allowed", "institutions",
                        "민간 실증기관은 자유 공모형 협력과제에만 참여할 수 있습니다.",
                        "A private demonstration site may join only a free-call cooperation project.")]  # fmt: skip
    allowed = spec.get("demo_site_types") or list(DEFAULT_SITE_TYPES)
    return [
        Problem("demo_site_type", "institutions",
                f"{inst.name}: 민간 실증기관은 기업·기타 기관만 참여할 수 있습니다.",
                f"{inst.name}: a private demonstration site must be a company or other private body.")
        for inst in sites if inst.type not in allowed
    ]  # fmt: skip


def allowed_institution_roles(*, program, call=None) -> list[str]:
    """The participation roles a co-institution row of the call may take, in the plan form's
    order: always the co-institution; the private demonstration site only where the flow makes
    the call a free-call cooperation project (``free_call_spec``)."""
    roles = ["co"]
    if free_call_spec(program=program, call=call):
        roles.append("demo_site")
    return roles
