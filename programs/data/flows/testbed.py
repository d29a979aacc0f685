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
"""

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
            {"code": "written_review", "days": 14, "owner": "intake_agency"},
            {"code": "presentation_review", "days": 14, "owner": "intake_agency"},
            {"code": "demo_plan", "days": 30, "days_source": "default", "owner": "staff"},
            {"code": "agreement", "days": 30, "days_source": "default", "owner": "staff"},
            {"code": "monitoring", "days": 365, "owner": "staff"},
            {"code": "demo_evaluation", "days": 30, "days_source": "default", "owner": "staff"},
        ],
        # 결과 통보: within 2 months of receipt (seed: "2개월 내"); at risk this many days before.
        "answer_months": 2,
        "answer_warn_days": 14,
        "answer_warn_days_source": "default",
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
