"""Flows of the two challenges: Seoul Global Challenge (R09) and Seoul Innovation Challenge (R10).

Sources: seed 000 Ⅳ-⑨ (서울글로벌챌린지) and Ⅳ-⑩ (서울혁신챌린지); seed 001 (2024: innovation-challenge
prototype up to 6 months and up to 80 M, industry–academia consortia centred on Seoul SMEs).

Stage lists follow the shape of ``Program.stages``: a stage whose ``code`` is a scored stage of the
evaluation machinery ("document", "presentation") is scored with the existing score sheets and
ranked by ``evaluation.domain.results``; ``step`` is the challenge's own name of it; other stages
(call, team building, prototype, awards) are steps without score sheets. ``advance`` is how many
teams a scored stage lets through (instead of slots × multiplier).

Figures the seeds do not give are marked ``"source": "default"`` (e.g. the citizens' vote weight).
"""

M = 1_000_000

# Scored steps use the programme's score sheets (criteria of ``Program.stages``, the SBA selection
# criteria); the tier tie-break reads the "creativity" criterion (과제의 창의성 및 차별성) second.
_SCORED = {"aggregation": "trimmed_mean", "fallback": "mean", "rounding": "ceil", "cutoff": 60,
           "multiplier": 1}  # fmt: skip

R10_STAGES = [
    {"code": "call", "name_ko": "공고·접수", "name_en": "Call and entry"},
    {"code": "team_building", "name_ko": "아이디어·팀빌딩", "name_en": "Idea and team building", "months": 2},
    {"code": "document", "step": "preliminary", "name_ko": "예선평가", "name_en": "Preliminary evaluation",
     "advance": 28, **_SCORED},
    {"code": "prototype", "name_ko": "시제품 제작", "name_en": "Prototype",
     # Per call year: 2021 a fixed 20 M for 4 months (seed 000); from 2024 up to 80 M and 6 months (seed 001).
     "by_year": {"2021": {"amount_krw": 20 * M, "months": 4, "amount_is_cap": False},
                 "2024": {"amount_krw": 80 * M, "months": 6, "amount_is_cap": True}},
     # The prototype money is each advancing team's agreement (year 1); the seeds name no cost
     # category for 시제품 제작비: a default.
     "budget_category": "materials", "budget_category_source": "default"},
    {"code": "presentation", "step": "final", "name_ko": "결선평가", "name_en": "Final evaluation",
     "re_entry": True, "tiers": True, **_SCORED},
    {"code": "development", "name_ko": "기술개발(차년도 예산)", "name_en": "R&D (next year's budget)",
     "months": 10, "budget_year_offset": 1, "starts_month": 2},
]  # fmt: skip

R09_TECHNICAL = [
    {"code": "call", "name_ko": "공고·접수", "name_en": "Call and entry"},
    {"code": "document", "step": "preliminary", "name_ko": "예선(서면·대면)",
     "name_en": "Preliminary (written and in person)", "advance": 10, **_SCORED},
    {"code": "prototype", "name_ko": "시제품 개발", "name_en": "Prototype development", "months": 6,
     # 시제품 개발비 총 8억원 (seed 000 Ⅳ-⑨): a total for the call, split by staff per team.
     "funding_total_krw": 800 * M, "budget_category": "materials", "budget_category_source": "default"},
    {"code": "presentation", "step": "final", "name_ko": "결선(성능·종합)",
     "name_en": "Final (on-site performance and overall)", "citizens_vote": True, **_SCORED},
    {"code": "awards", "name_ko": "시상", "name_en": "Awards"},
]  # fmt: skip

R09_ACADEMIC = [
    {"code": "call", "name_ko": "공고·접수", "name_en": "Call and entry"},
    {"code": "document", "step": "preliminary", "name_ko": "예비심사", "name_en": "Preliminary review",
     "advance": 10, **_SCORED},
    {"code": "paper", "name_ko": "논문 작성", "name_en": "Paper writing", "months": 7},
    {"code": "presentation", "step": "final", "name_ko": "본선(서면·발표)",
     "name_en": "Final (written and presentation)", "citizens_vote": True, **_SCORED},
    {"code": "awards", "name_ko": "시상", "name_en": "Awards"},
]  # fmt: skip

FLOWS = {
    "R10": {
        "challenge": {
            "kinds": ["sme", "startup", "university", "pre_founder", "consortium"],
            "required_technologies": ["drone", "ai", "blockchain"],
            # 2024 (seed 001): industry–academia consortia centred on Seoul SMEs and startups.
            "consortium_from_year": 2024,
            "tie_break": ["final_score", "creativity", "submitted_at", "receipt_no"],
            "tie_break_criterion": "creativity",
        },
        "challenge_stages": R10_STAGES,
        # Seed 000 Ⅳ-⑩: 최우수 1팀(2억원), 우수 3팀(1.5억원), 장려 9팀(1억원).
        "tiers": [
            {"code": "grand", "name_ko": "최우수", "name_en": "Grand prize", "count": 1, "amount_krw": 200 * M},
            {"code": "excellence", "name_ko": "우수", "name_en": "Excellence", "count": 3, "amount_krw": 150 * M},
            {"code": "encouragement", "name_ko": "장려", "name_en": "Encouragement", "count": 9, "amount_krw": 100 * M},
        ],
        "plugins": {"stage_entry": ["final_re_entry"], "team_kind": ["pre_founder_host"]},
    },
    "R09": {
        "challenge": {
            "kinds": ["company", "startup", "pre_founder", "university", "institute", "foreign"],
            "english_first": True,
            "tie_break": ["final_score", "creativity", "submitted_at", "receipt_no"],
            "tie_break_criterion": "creativity",
            # Combined final score: weights of the expert, on-site and citizens' scores (seed 000
            # names the three evaluations — 현장·시민·종합 — but not their weights: defaults).
            "final_weights": {"expert": 50, "on_site": 30, "citizens": 20, "source": "default"},
            "vote": {"window_days": 7, "per_account": 1, "rate_per_minute": 5,
                     "verified_email": True, "source": "default"},
            # Prize money outside the project budget (seed 000: 기타보상금 700백만원 별도).
            "prize_budget_krw": {"2021": 700 * M},
            # 2020 prize categories (seed 000): 종합우승 1팀(5억원), 분야별우승 2팀(각 5천만원),
            # 챌린지상 3팀, 혁신상 3팀, 시민상 1팀 — 상금 총 6억원, so the last three carry no money.
            "prize_categories": [
                {"code": "overall", "name_ko": "종합우승", "name_en": "Overall winner", "count": 1, "amount_krw": 500 * M},
                {"code": "category", "name_ko": "분야별우승", "name_en": "Category winner", "count": 2, "amount_krw": 50 * M},
                {"code": "challenge", "name_ko": "챌린지상", "name_en": "Challenge prize", "count": 3, "amount_krw": 0},
                {"code": "innovation", "name_ko": "혁신상", "name_en": "Innovation prize", "count": 3, "amount_krw": 0},
                {"code": "citizens", "name_ko": "시민상", "name_en": "Citizens' prize", "count": 1, "amount_krw": 0},
            ],
        },
        "tracks": [
            {"code": "technical", "name_ko": "기술경연", "name_en": "Technical contest", "stages": R09_TECHNICAL},
            {"code": "academic", "name_ko": "학술경연", "name_en": "Academic contest", "stages": R09_ACADEMIC},
        ],
        "plugins": {"team_kind": ["pre_founder_host"]},
    },
}  # fmt: skip
