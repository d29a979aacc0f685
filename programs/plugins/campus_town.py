"""Plug-ins of the campus-town technology matching (R03), selected by Program.flow["plugins"].

- ``co_editors / matched_expert``: the expert of an accepted 1:1 match co-edits the startup's joint
  plan (asked by applications.rules.is_matched_expert);
- ``intake_gate / policy_designation``: the joint plan starts only once the city designated the
  programme's lead and project for the year (서울시 산학연 협력사업 운영요령 §18);
- ``agreement_chain / designated_lead``: the parent agreement of the chain is SBA ↔ the designated
  lead (서울기술연구원), its children the lead ↔ the matched expert's university.
"""

from programs.domain.plugins import PluginResult, plugin, run_plugins


@plugin("co_editors", "matched_expert")
def matched_expert(*, program, application, user, **_) -> PluginResult:
    from applications.models import ExpertMatch, MatchStatus

    ok = ExpertMatch.objects.filter(
        application_id=application.pk, expert_id=user.pk, status=MatchStatus.ACCEPTED
    ).exists()
    return PluginResult(
        "matched_expert", ok, "매칭된 전문가(공동 작성자)", "the matched expert (co-author)"
    )


@plugin("intake_gate", "policy_designation")
def policy_designation(*, program, year: int, **_) -> PluginResult:
    from programs.models import DesignationStatus, PolicyDesignation

    found = PolicyDesignation.objects.filter(
        program=program, year=year, status=DesignationStatus.DESIGNATED
    ).first()
    if found is None:
        return PluginResult(
            "policy_designation", False,
            f"{year}년 정책지정(주관기관·과제 지정)이 아직 없습니다.",
            f"The city has not yet designated the lead and project for {year}.",
        )  # fmt: skip
    return PluginResult("policy_designation", True, data={"designation": found.pk,
                        "lead_institution": found.lead_institution_id})  # fmt: skip


@plugin("agreement_chain", "designated_lead")
def designated_lead(*, program, year: int, **_) -> PluginResult:
    result = policy_designation(program=program, year=year)
    return PluginResult(
        "designated_lead", result.ok, result.reason_ko, result.reason_en, result.data
    )


def may_co_edit(*, application, user) -> bool:
    """True when one of the programme's co_editors plug-ins names `user` for `application`."""
    return any(r.ok for r in run_plugins(hook="co_editors", program=application.program,
                                         application=application, user=user))  # fmt: skip


def designation_refusal(*, program, year: int) -> tuple[str, str] | None:
    """(ko, en) when an intake gate of the programme refuses, else None."""
    for r in run_plugins(hook="intake_gate", program=program, year=year):
        if not r.ok:
            return r.reason_ko, r.reason_en
    return None


def chain_principal(*, program, year: int):
    """The principal of the programme's chained agreements (the designated lead) or None."""
    for r in run_plugins(hook="agreement_chain", program=program, year=year):
        if r.ok:
            return r.data.get("lead_institution")
    return None
