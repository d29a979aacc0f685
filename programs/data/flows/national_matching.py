"""Flows of the national-matching programme (R16) and the investment-linked programme's committee
and rounds (INV). Seeds: 000 Ⅳ-⑯ and Ⅴ; 002 §1–3."""

FLOWS = {
    "R16": {
        # Seed 000 Ⅳ-⑯: "정부 지원금 대비 10% 내외 시비 대응지원". The ratio is data.
        # Rounding (a DEFAULT, the seed gives none): the city share is rounded DOWN to the
        # 1,000 won (천원 미만 절사, as budgets are kept in thousands of won), year by year;
        # the letter's total is the sum of the yearly shares.
        "national_matching": {
            "ratio": "0.10",
            "rounding_unit_krw": 1000,
            "letter_prefix": "N",
            # What each national result does to that year's city instalment (data, not code):
            # "pay" = ratio × that year's national grant; "stop" = no city money that year on.
            "result_effects": {
                "selected": "pay",
                "continue": "pay",
                "reduced": "pay",
                "stopped": "stop",
            },
        },
        # Seed 000 Ⅳ-⑯ 추진절차: 지원신청 ⇒ 자체평가(SBA) 및 확약서 발급(市) ⇒ 과제 선정(부처) ⇒ 협약.
        "commitment_steps": [
            "request",
            "sba_evaluation",
            "letter",
            "national_selection",
            "agreement",
        ],
    },  # fmt: skip
    "INV": {
        # Seed 002 §3: 투자적절성검증위원회 — reviews the operator–company investment contract
        # (or commitment) and the process that led to it, with the presentation evaluation.
        "adequacy_committee": {
            "name_ko": "투자적절성검증위원회",
            "name_en": "Investment adequacy committee",
            "before_stage": "presentation",
            "ends_application_on": "not_adequate",
        },
        # Seed 002 §1 지원규모: two rounds in 2023 sharing the operators' yearly quota.
        "rounds": [
            {
                "round": 1,
                "slots": 10,
                "envelope_krw": 4_000_000_000,
                "intake": "7.14.~8.14.",
                "selection": "8월~9월",
                "agreement": "9월 말",
            },
            # round 2: the seed prints 10 projects, 2 years, ≤ 4억 each, but no round total
            {
                "round": 2,
                "slots": 10,
                "envelope_krw": None,
                "intake": "11월 중",
                "selection": "11월~12월",
                "agreement": "12월 중",
            },
        ],
        "quota_shared_by_rounds": True,
    },  # fmt: skip
}
