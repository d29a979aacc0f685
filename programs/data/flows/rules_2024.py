"""Flow data of the 2024 rules (seed 001, 서울시 2024 R&D 지원) and of R04's continuing projects.

- ``tech_fields``: the technology fields of 2024 — bio-medical, AI, robots, fintech, and the new
  quantum, advanced manufacturing and creative industries (media, film, games). Tech Partners needs
  and follow-on cohorts use these codes.
- ``multi_year``: 중·장기 R&D, up to 4 years and up to 800 M KRW per company (was 200 M), in yearly
  instalments with an annual evaluation between years; a 2024 call opts in with
  ``Call.flow["multi_year"] = true`` (programs.domain.multi_year). Investment-linked projects (INV):
  2 years / 400 M, separately.
- ``follow_on``: follow-on support for the best ≤ 30 % of commercialisation projects, up to 200 M
  more for overseas expansion or a technology-special listing (programs.domain.follow_on).
- ``free_call_cooperation`` (no programme default; a 2024 call opts in with
  ``Call.flow["free_call_cooperation"] = true``): a private demonstration site (shopping centre,
  factory) may join the consortium as "demo_site" (programs.domain.free_call).
- ``forum_records``: R15 is not a project programme; staff record MOUs, forum events, the research
  report and spending against its budget line (programs.domain.forum_records).
- ``continuing``: R04 Hongneung projects run up to 2 years; year 2 is paid only after year 1's
  annual evaluation (agreements' gate "previous_year_passed" and the "annual" stage of the catalogue).
"""

M = 1_000_000

TECH_FIELDS = [
    {"code": "bio_medical", "name_ko": "바이오·의료", "name_en": "Bio and medical", "since": 2021},
    {"code": "ai", "name_ko": "인공지능(AI)", "name_en": "Artificial intelligence", "since": 2021},
    {"code": "robot", "name_ko": "로봇", "name_en": "Robotics", "since": 2021},
    {"code": "fintech", "name_ko": "핀테크", "name_en": "Fintech", "since": 2021},
    {"code": "quantum", "name_ko": "양자", "name_en": "Quantum", "since": 2024},
    {"code": "advanced_manufacturing", "name_ko": "첨단제조", "name_en": "Advanced manufacturing",
     "since": 2024},
    {"code": "creative_industries", "name_ko": "창조산업(미디어·영화·게임 등)",
     "name_en": "Creative industries (media, film, games)", "since": 2024},
]  # fmt: skip

MULTI_YEAR_2024 = {
    "max_months": 48, "max_total_krw": 800 * M, "annual_evaluation": True,
    "source": "seed 001: 최대 4년간, 기업당 최대 8억원",
}  # fmt: skip

FOLLOW_ON = {
    "share": "0.3",  # 우수과제(30% 이내): ⌊30 % × cohort⌋
    "max_amount_krw": 200 * M,  # 최대 2억원의 추가 예산
    "purposes": ["overseas", "special_listing"],  # 해외 시장 진출, 기술특례 상장
    "cohort_statuses": ["active", "completed"],  # finished or running projects
    "score_stages": ["final", "annual"],  # the latest decided round's score ranks the cohort
    "min_score": 70,  # DEFAULT: the seed gives no threshold
    "min_score_source": "default",
    "source": "seed 001",
}  # fmt: skip

CONTINUING = {
    "annual_evaluation": True,
    "max_years": 2,
    "source": "seed 000 Ⅳ-④ (과제기간 2년 이내)",
}

FLOWS = {
    "R01": {"tech_fields": TECH_FIELDS, "multi_year": MULTI_YEAR_2024, "follow_on": FOLLOW_ON},
    "R02": {"tech_fields": TECH_FIELDS, "multi_year": MULTI_YEAR_2024, "follow_on": FOLLOW_ON},
    "R04": {"continuing": CONTINUING},
    "R15": {"forum_records": ["mou", "event", "report", "expense"]},
    "INV": {"multi_year": {"max_months": 24, "max_total_krw": 400 * M,
                           "source": "seed 001: 민간투자 연계 시 2년간 4억원 별도"}},
}  # fmt: skip
