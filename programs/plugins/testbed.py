"""Plug-ins of Testbed Seoul (R08): the self-pay/cap check and the performance certificate.

Selected by ``Program.flow["plugins"]`` (programs/data/flows/testbed.py); the verification page of
the certificate registers with config.verification (codes start with "T", 13 characters: they
cannot collide with the 16-character agreement codes).
"""

from django.shortcuts import render

import applications.rules_testbed  # noqa: F401  (registers the testbed permissions)
from config.verification import verifier
from programs.domain.flows import track as find_track
from programs.domain.plugins import PluginResult, plugin


@plugin("proposal_budget", "testbed_self_pay")
def testbed_self_pay(
    *, program, track_code: str, city_krw: int, company_krw: int, **_
) -> PluginResult:
    """The track's cap and company self-pay (checked at the proposal and at the agreement)."""
    from applications.domain.testbed_money import check_testbed_budget

    found = find_track(program=program, code=track_code)
    if found is None:
        return PluginResult("testbed_self_pay", False, "제안 유형을 선택하십시오.",
                            "Choose the proposal type.", {"problems": []})  # fmt: skip
    problems = check_testbed_budget(track=found, city_krw=city_krw, company_krw=company_krw)
    return PluginResult(
        "testbed_self_pay", not problems,
        " ".join(p.message_ko for p in problems), " ".join(p.message_en for p in problems),
        {"problems": problems},
    )  # fmt: skip


@plugin("completion_document", "testbed_performance_certificate")
def testbed_performance_certificate(*, program, **_) -> PluginResult:
    """The demonstration ends with a performance certificate in the city's name (ko/en)."""
    spec = (program.flow or {}).get("certificate") or {}
    return PluginResult("testbed_performance_certificate", True, data={"certificate": spec})


@verifier("testbed_certificate")
def certificate_page(request, code: str):
    from applications.domain.testbed_certificates import find_certificate

    certificate = find_certificate(code)
    if certificate is None:
        return None
    return render(request, "testbed/verify_certificate.html", {"cert": certificate})
