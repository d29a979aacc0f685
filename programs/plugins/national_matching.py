"""Plug-ins of the national-matching family (R16) and the investment adequacy committee (INV).

- the instalment gate ``national_year_result`` (agreements.domain.gates registry), named in R16's
  ``post_award["instalment_gates"]``: a year's city instalment is released only when the national
  result opening that year is recorded and lets the city pay (flow data ``national_matching.result_effects``),
  and the instalment equals ratio × that year's national grant;
- the verifier of commitment letters (codes with the prefix letter of ``national_matching.letter_prefix``);
- the permissions of the pages (imported here so they exist at start-up).
"""

import agreements.rules_national_matching  # noqa: F401  (registers permissions)
import evaluation.rules_adequacy  # noqa: F401  (registers permissions)
from agreements.domain.gates import GateResult, gate
from config.verification import verifier

CODE = "national_year_result"


@gate(
    CODE,
    "국가 연차평가 결과와 국비에 따른 시비",
    "City share follows the national result and grant",
)
def national_year_result(instalment, today) -> GateResult:
    from agreements.domain.national_matching import matching_rules
    from agreements.domain.national_years import effect_of
    from agreements.models import CommitmentRequest

    n = instalment.year_no
    request = CommitmentRequest.objects.filter(agreement_id=instalment.agreement_id).first()
    if request is None:
        return GateResult(CODE, False, "정부지원 대응투자 확약 요청과 연결되지 않은 협약입니다.",
                          "The agreement is not linked to a national-matching request.")  # fmt: skip
    year = request.years.filter(year_no=n).first()
    if year is None:
        return GateResult(CODE, False, f"{n}차년도 국가 연차평가 결과와 국비가 아직 기록되지 않았습니다.",
                          f"Year {n}'s national result and grant are not recorded yet.")  # fmt: skip
    rules = matching_rules(program=request.program)
    if effect_of(rules=rules, result=year.result) != "pay":
        return GateResult(CODE, False, f"{n}차년도: {year.get_result_display()} — 시비를 지급하지 않습니다.",
                          f"Year {n}: the national evaluation stopped the project; no city share.")  # fmt: skip
    if instalment.amount_krw != year.city_krw:
        return GateResult(CODE, False,
                          f"지급액 {instalment.amount_krw:,}원이 재산정된 시비 {year.city_krw:,}원과 다릅니다.",
                          f"The instalment of KRW {instalment.amount_krw:,} differs from the "
                          f"recomputed city share of KRW {year.city_krw:,}.")  # fmt: skip
    return GateResult(CODE, True,
                      f"{n}차년도 국비 {year.national_grant_krw:,}원 × {rules.ratio_text} → 시비 {year.city_krw:,}원.",
                      f"Year {n}: national KRW {year.national_grant_krw:,} × {rules.ratio_text} → "
                      f"city KRW {year.city_krw:,}.")  # fmt: skip


@verifier("commitment_letter")
def commitment_letter_page(request, code: str):
    from agreements.domain.national_matching import letter_for_code

    letter = letter_for_code(code)
    if letter is None:
        return None
    from agreements.views.national_matching_public import verify_letter

    return verify_letter(request, letter)
