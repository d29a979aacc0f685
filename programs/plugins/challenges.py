"""Plug-ins of the challenges (R09, R10), selected by name in their flow data.

- ``team_kind / pre_founder_host``: a team of individuals before founding (예비창업자) has no
  institution; its proposal is filed under the call's host institution, named in ``Call.flow``
  (``pre_founder_host_business_no``, set by staff when opening the call). The team record keeps
  ``institution`` empty until the team names the company it founded (required for an agreement).
- ``stage_entry / final_re_entry``: a team that failed in an earlier round may re-enter the final
  once staff confirmed its earlier entry (seed 000 Ⅳ-⑩: "재도전 희망팀 6팀 포함 38팀 결선평가").
"""

from programs.domain.plugins import PluginResult, plugin


@plugin("team_kind", "pre_founder_host")
def pre_founder_host(*, program, call, kind, **_) -> PluginResult:
    from accounts.models import Institution

    number = str((call.flow or {}).get("pre_founder_host_business_no", "")).replace("-", "")
    host = Institution.objects.filter(business_no=number).first() if number else None
    if host is None:
        return PluginResult(
            name="pre_founder_host", ok=False,
            reason_ko="이 공고에 예비창업자 접수 기관이 지정되지 않았습니다. 담당자에게 문의하세요.",
            reason_en="No host institution for pre-founders is set for this call; contact the staff.",
        )  # fmt: skip
    return PluginResult(
        name="pre_founder_host", ok=True, reason_ko="예비창업자 접수 기관", reason_en="pre-founder host",
        data={"institution": host},
    )  # fmt: skip


@plugin("stage_entry", "final_re_entry")
def final_re_entry(*, program, team, stage, **_) -> PluginResult:
    ok = stage == "presentation" and team.re_entry and team.re_entry_confirmed_by_id is not None
    return PluginResult(
        name="final_re_entry", ok=ok,
        reason_ko=f"재도전 팀(이전 참가 {team.re_entry_reference})" if ok else "재도전 확인 없음",
        reason_en=f"re-entry team (earlier entry {team.re_entry_reference})" if ok else "no confirmed re-entry",
    )  # fmt: skip


def _register_permissions() -> None:
    import evaluation.rules_challenges  # noqa: F401  (permissions of the challenge pages)


_register_permissions()
