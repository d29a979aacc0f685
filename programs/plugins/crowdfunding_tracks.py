"""Plug-ins of the crowdfunding tracks part (R01 crowdfunding type).

``crowdfunding_success`` — selected by R01's flow for the hooks ``agreement_gate`` (agreement
creation, agreements.domain.creation) and ``instalment_gate`` (payment gates,
agreements.domain.gates): an application of a track with ``funding_gate`` gets its agreement and
city grant only after a successful campaign verified by staff with no confirmed fraud. Other
tracks of the programme pass.
"""

from programs.domain.plugins import PluginResult, plugin


def _result(application) -> PluginResult:
    from applications.domain.crowdfunding import funding_gate

    ok, ko, en = funding_gate(application)
    return PluginResult(name="crowdfunding_success", ok=ok, reason_ko=ko, reason_en=en)


@plugin("agreement_gate", "crowdfunding_success")
def crowdfunding_agreement_gate(*, application, **_) -> PluginResult:
    return _result(application)


@plugin("instalment_gate", "crowdfunding_success")
def crowdfunding_instalment_gate(*, instalment, **_) -> PluginResult:
    return _result(instalment.agreement.application)


def _label_gate() -> None:
    from agreements.domain.gates import GATE_LABELS

    GATE_LABELS.setdefault(
        "crowdfunding_success", ("크라우드펀딩 성공 확인", "Crowdfunding success verified")
    )


_label_gate()


import applications.rules_crowdfunding  # noqa: E402, F401  (registers the permissions)
