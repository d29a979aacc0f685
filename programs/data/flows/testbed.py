"""Testbed Seoul (R08, 혁신기술 공공 테스트베드) as flow data — seed 000 Ⅳ-⑧, seed 001 (2024).

- Two proposal types (사업유형): budget-support (예산지원형: Seoul SMEs and startups, site + up to
  400 M per project, the company pays 20 %) and opportunity (기회제공형: any Seoul company incl.
  large and mid-sized firms, site only, the company bears production and installation costs).
- Intake and evaluation: 서울기술연구원 (intake agency); agreement, demonstration and performance
  evaluation: SBA (추진절차 table of the seed).
- Step durations: 서류검토 2주 → 실증기관 검토의견 1주 → 서면심사 2주 → 발표심사 2주 → 결과통보
  (즉시, within 2 months of receipt) → 실증계획 → 협약 → 설치·적용 모니터링 최장 1년 → 실증평가 →
  성능확인서 발급.
- Since 2024 foreign corporations with a Seoul branch may take part (seed 001): eligibility is a
  Seoul head office *or branch* (screening rule seoul_location).

Reviews (issue 14): the written review (서면심사, 기술성) is the standard ``document`` stage and the
presentation review (발표심사, 효과·사업성) the standard ``presentation`` stage, run by the intake
agency (step ``owner``) with the evaluation machinery of ``evaluation/`` (committee, COI pledge,
assignments, score sheets, trimmed mean → StageResult). A step names its stage with ``"stage"``.
Each proposal is evaluated on its own (상시접수·수시평가 of the seed's 2020 results):
``"evaluation_mode": "per_application"``.

ASSUMPTION (criteria): the seed names only the theme of each review — 기술성 for the written review,
효과·사업성 for the presentation review — and the proposal's requirements (혁신성: 4th-industrial-
revolution technology for city problems; 안전성: lawful and safe, TRL ≥ 6). The criteria below are
DEFAULTS built on those words, equal weights summing to 100 per stage, marked
``"criteria_source": "default"``; they are editable in the admin (Program.stages).
"""

# 서면심사 (기술성) — defaults, see the docstring.
CRITERIA_TECHNICAL = [
    {"code": "innovation", "name_ko": "기술의 혁신성", "name_en": "Innovativeness of the technology",
     "max_points": 25,
     "description_ko": "4차 산업혁명 핵심기술을 활용해 시 행정혁신·도시문제 해결에 기여하는 새로운 기술인지 평가합니다.",
     "description_en": "Whether the product uses a new core technology that helps city administration or urban problems."},
    {"code": "maturity", "name_ko": "기술의 완성도(TRL)", "name_en": "Maturity of the technology (TRL)",
     "max_points": 25,
     "description_ko": "시제품 이상(TRL 6 이상)으로 시정현장에 곧바로 적용할 수 있는 완성도인지 평가합니다.",
     "description_en": "Whether the product is a prototype or better (TRL 6+) and ready for a city site."},
    {"code": "safety", "name_ko": "안전성·법령 적합성", "name_en": "Safety and legal fitness",
     "max_points": 25,
     "description_ko": "법령과 안전 규제에 적합하여 시정현장에서 안전하게 쓸 수 있는지 평가합니다.",
     "description_en": "Whether the product meets the law and safety rules for use on a city site."},
    {"code": "differentiation", "name_ko": "기술의 차별성", "name_en": "Differentiation of the technology",
     "max_points": 25,
     "description_ko": "기존 제품·서비스와 비교한 기술적 우위와 차별성을 평가합니다.",
     "description_en": "The technical advantage over existing products and services."},
]  # fmt: skip
# 발표심사 (효과·사업성) — defaults, see the docstring.
CRITERIA_EFFECT_BUSINESS = [
    {"code": "city_effect", "name_ko": "시정 적용 효과", "name_en": "Effect on the city site",
     "max_points": 25,
     "description_ko": "실증으로 기대되는 시정현장의 개선 효과(안전·비용·서비스)를 평가합니다.",
     "description_en": "The improvement expected on the city site (safety, cost, service)."},
    {"code": "site_fit", "name_ko": "실증계획의 적합성", "name_en": "Fitness of the demonstration plan",
     "max_points": 25,
     "description_ko": "실증기관 의견을 반영한 실증 장소·기간·방법의 구체성과 실현 가능성을 평가합니다.",
     "description_en": "How concrete and feasible the site, period and method are, given the site's opinion."},
    {"code": "market", "name_ko": "사업화·판로 가능성", "name_en": "Business and sales prospects",
     "max_points": 25,
     "description_ko": "실증 후 공공구매·판로개척·투자유치로 이어질 가능성을 평가합니다.",
     "description_en": "The chance that the demonstration leads to public procurement, sales or investment."},
    {"code": "capability", "name_ko": "기업의 수행역량", "name_en": "Company's capability",
     "max_points": 25,
     "description_ko": "제품 생산·설치·유지보수를 수행할 인력·재원을 갖추었는지 평가합니다.",
     "description_en": "Whether the company has the people and money to make, install and maintain it."},
]  # fmt: skip


def testbed_stages() -> list[dict]:
    """R08's evaluation stages (Program.stages): the written review as ``document`` and the
    presentation review as ``presentation``, each cut off at the flow's ``review_cutoff``."""
    common = {"aggregation": "trimmed_mean", "fallback": "mean", "rounding": "ceil",
              "cutoff": 60, "multiplier": 1, "criteria_source": "default"}  # fmt: skip
    return [
        {"code": "document", "name_ko": "서면심사(기술성)", "name_en": "Written review (technical)",
         "criteria": CRITERIA_TECHNICAL, **common},
        {"code": "presentation", "name_ko": "발표심사(효과·사업성)",
         "name_en": "Presentation review (effect and business)",
         "criteria": CRITERIA_EFFECT_BUSINESS, **common},
    ]  # fmt: skip


FLOWS = {
    "R08": {
        "tracks": [
            {
                "code": "budget_support",
                "name_ko": "예산지원형",
                "name_en": "Budget support",
                "city_money": True,
                "max_city_krw": 400_000_000,
                "self_pay_pct": 20,
                "sme_only": True,
                "foreign_branch_ok": True,
                "note_ko": "서울 소재 중소·스타트업: 실증 장소 제공 + 실증 사업비 지원(건당 4억원 이내, 기업 20% 자부담)",
                "note_en": "Seoul SMEs and startups: a demonstration site and up to 400 M KRW per project; "
                "the company pays 20 %",
            },
            {
                "code": "opportunity",
                "name_ko": "기회제공형",
                "name_en": "Opportunity",
                "city_money": False,
                "max_city_krw": 0,
                "self_pay_pct": 100,
                "sme_only": False,
                "foreign_branch_ok": True,
                "note_ko": "서울 소재 기업(대기업·중견기업 참여 가능): 실증 장소 제공, 제품생산·설치 등 실증비용 기업부담",
                "note_en": "Any Seoul company, large firms included: a demonstration site only; the company "
                "bears production and installation costs",
            },
        ],
        "testbed_steps": [
            {"code": "requirements", "days": 14, "owner": "intake_agency"},
            {"code": "site_opinion", "days": 7, "owner": "demo_site"},
            {"code": "written_review", "days": 14, "owner": "intake_agency", "stage": "document"},
            {
                "code": "presentation_review",
                "days": 14,
                "owner": "intake_agency",
                "stage": "presentation",
            },
            {"code": "demo_plan", "days": 30, "days_source": "default", "owner": "staff"},
            {"code": "agreement", "days": 30, "days_source": "default", "owner": "staff"},
            {"code": "monitoring", "days": 365, "owner": "staff"},
            {"code": "demo_evaluation", "days": 30, "days_source": "default", "owner": "staff"},
        ],
        # 결과 통보: within 2 months of receipt (seed: "2개월 내"); at risk this many days before.
        "answer_months": 2,
        "answer_warn_days": 14,
        "answer_warn_days_source": "default",
        "evaluation_mode": "per_application",
        "review_cutoff": 60,
        "review_cutoff_source": "default (seed 000 Ⅳ common cut-off)",
        # 관련기술 of the seed: 인공지능, IoT, 빅데이터, 블록체인, 핀테크, 로봇, 드론, AR/VR 등
        "tech_fields": [
            {"code": "ai", "name_ko": "인공지능", "name_en": "Artificial intelligence"},
            {"code": "iot", "name_ko": "IoT", "name_en": "IoT"},
            {"code": "big_data", "name_ko": "빅데이터", "name_en": "Big data"},
            {"code": "blockchain", "name_ko": "블록체인", "name_en": "Blockchain"},
            {"code": "fintech", "name_ko": "핀테크", "name_en": "Fintech"},
            {"code": "robot", "name_ko": "로봇", "name_en": "Robots"},
            {"code": "drone", "name_ko": "드론", "name_en": "Drones"},
            {"code": "ar_vr", "name_ko": "AR/VR", "name_en": "AR/VR"},
            {"code": "autonomous", "name_ko": "자율주행", "name_en": "Autonomous driving"},
        ],
        "certificate": {
            "issuer_ko": "서울특별시장",
            "issuer_en": "Mayor of Seoul",
            "code_prefix": "T",
        },
        "plugins": {
            "proposal_budget": ["testbed_self_pay"],
            "completion_document": ["testbed_performance_certificate"],
        },
    },
}
