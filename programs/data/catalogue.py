"""The programme catalogue as data, transcribed from the seed documents.

Sources: seed 000 (2021 R&D support master plan, Seoul City, 경제정책과-1345) for R01–R16 and the
2020/2021 budget tables; seed 002 (SBA 2023 investment-linked commercialisation call, 1st round) for INV.
Amounts in the budget tables are million KRW as printed; per-project limits are whole KRW.
Bonus points marked ``"points_source": "default"`` have no figure in the seed (only "가점 부여").
"""

from programs.data.flows.campus_town import campus_town_stages  # R03 stage names (seed 000 Ⅳ-③)
from programs.data.flows.testbed import testbed_stages  # R08 written/presentation reviews

M = 1_000_000  # one million KRW

FIELDS = [
    # code, Korean, English, order
    ("commercialisation", "기술상용화 지원", "Technology commercialisation", 1),
    ("cluster", "거점 지역(클러스터) R&D 지원", "Regional cluster R&D", 2),
    ("challenge", "챌린지·테스트베드 지원", "Challenges and testbeds", 3),
    ("untact", "비대면 산업 R&D 지원", "Contactless-industry R&D", 4),
    ("exchange", "기술개발 교류촉진", "Technology exchange", 5),
    ("national", "정부 R&D 협력", "Cooperation with national R&D", 6),
    ("investment", "민간투자연계 기술사업화", "Investment-linked commercialisation", 7),
]

# Evaluation criteria (seed 000 Ⅴ and per-programme selection criteria; seed 002 §3). The seeds name
# the criteria but not their points; equal weights summing to 100 are the defaults, editable in the admin.
CRITERIA_PLAN = [
    {"code": "capability", "name_ko": "과제수행능력", "name_en": "Capability to perform", "max_points": 20},
    {"code": "clarity", "name_ko": "추진목표 및 내용의 명확성", "name_en": "Clarity of goals and content", "max_points": 20},
    {"code": "organisation", "name_ko": "추진체계의 정합성", "name_en": "Consistency of the organisation", "max_points": 20},
    {"code": "budget", "name_ko": "사업비 구성의 타당성", "name_en": "Soundness of the budget", "max_points": 20},
    {"code": "utilisation", "name_ko": "성과활용방안의 적합성", "name_en": "Fitness of the plan to use results", "max_points": 20},
]  # fmt: skip
CRITERIA_MARKET = [
    {"code": "creativity", "name_ko": "과제의 창의성 및 차별성", "name_en": "Creativity and differentiation", "max_points": 25},
    {"code": "market", "name_ko": "시장 매력도", "name_en": "Market attractiveness", "max_points": 25},
    {"code": "concreteness", "name_ko": "추진방안의 구체성", "name_en": "Concreteness of the plan", "max_points": 25},
    {"code": "commercialisation", "name_ko": "사업화 용이성", "name_en": "Ease of commercialisation", "max_points": 25},
]  # fmt: skip
CRITERIA_INV = [
    {"code": "excellence", "name_ko": "연구개발과제의 우수성", "name_en": "Excellence of the R&D project", "max_points": 25},
    {"code": "competence", "name_ko": "연구자의 개발 역량", "name_en": "Researchers' development capability", "max_points": 25},
    {"code": "impact", "name_ko": "연구의 파급효과", "name_en": "Impact of the research", "max_points": 25},
    {"code": "budget", "name_ko": "사업비의 적정성", "name_en": "Adequacy of the budget", "max_points": 25},
]  # fmt: skip

# Annual and final evaluation (seed 000 Ⅴ names the evaluations, not their criteria): DEFAULTS from
# national practice, equal weights summing to 100, marked "criteria_source": "default" in the stage.
CRITERIA_ANNUAL = [
    {"code": "progress", "name_ko": "연구개발 목표 달성도", "name_en": "Progress against the year's goals", "max_points": 40},
    {"code": "execution", "name_ko": "연구개발비 집행의 적정성", "name_en": "Soundness of spending", "max_points": 30},
    {"code": "next_plan", "name_ko": "차년도 계획의 타당성", "name_en": "Soundness of the next year's plan", "max_points": 30},
]  # fmt: skip
CRITERIA_FINAL = [
    {"code": "achievement", "name_ko": "최종 목표 달성도", "name_en": "Achievement of the final goals", "max_points": 40},
    {"code": "outputs", "name_ko": "성과물의 우수성", "name_en": "Quality of the outputs", "max_points": 30},
    {"code": "commercialisation", "name_ko": "사업화 가능성", "name_en": "Commercialisation prospects", "max_points": 30},
]  # fmt: skip


def stages(criteria: list[dict]) -> list[dict]:
    """Seed 002 §3: document ≥60 → top 2× slots; presentation ≥60 → top 1.5× slots; site check; committee."""
    common = {"aggregation": "trimmed_mean", "fallback": "mean", "rounding": "ceil"}
    return [
        {"code": "document", "name_ko": "서류평가", "name_en": "Document evaluation",
         "cutoff": 60, "multiplier": 2.0, "criteria": criteria, **common},
        {"code": "presentation", "name_ko": "발표평가", "name_en": "Presentation evaluation",
         "cutoff": 60, "multiplier": 1.5, "criteria": criteria, **common},
        {"code": "site_check", "name_ko": "현장점검", "name_en": "Site check"},
        {"code": "committee", "name_ko": "실무조정위원회", "name_en": "Coordination committee"},
        # Seed 000 Ⅴ: annual evaluation of continuing projects and final evaluation at the end.
        {"code": "annual", "name_ko": "연차평가", "name_en": "Annual evaluation",
         "criteria": CRITERIA_ANNUAL, "criteria_source": "default", **common},
        {"code": "final", "name_ko": "최종평가", "name_en": "Final evaluation",
         "criteria": CRITERIA_FINAL, "criteria_source": "default", **common},
    ]  # fmt: skip


# Screening rules every project programme applies (seed 002 §2 and §4; seed 000 사전검토).
COMMON_ELIGIBILITY = [
    {"code": "seoul_location"},
    {"code": "min_participants", "min": 2},
    {"code": "same_subprogramme_running", "months_left_exception": 6},
    {"code": "selection_count", "max_selections": 5, "years": 3},
    {"code": "participation_rates", "max_total": 100, "min_pi": 30},
    {"code": "concurrent_projects", "max_lead": 3, "max_total": 5},
    {"code": "unfulfilled_obligations"},
    {"code": "participation_restriction"},
    {"code": "bankruptcy"},
    {"code": "tax_arrears"},
    {"code": "defaulter"},
    {"code": "financial_soundness", "max_debt_ratio_pct": 1000, "young_firm_waiver_years": 3,
     "loan_exclusion_years": 2},
    {"code": "prohibited_content"},
    {"code": "duplicate_proposal"},
    {"code": "trl_minimum"},
    {"code": "consortium"},
    {"code": "budget_rules"},
]  # fmt: skip


def eligibility(*extra: dict, drop: tuple[str, ...] = ()) -> list[dict]:
    rules = [r for r in COMMON_ELIGIBILITY if r["code"] not in drop]
    return rules + list(extra)


SME = {"code": "sme"}

# R02 우선 선정 ③: technology transferred from a domestic government-funded institute or a linked
# overseas institute. The seed names only KIST; the rest are DEFAULT examples staff edit in the admin.
LISTED_TRANSFER_INSTITUTES = [
    "한국과학기술연구원(KIST)", "한국전자통신연구원(ETRI)", "한국생명공학연구원(KRIBB)",
    "한국기계연구원(KIMM)", "한국화학연구원(KRICT)", "한국생산기술연구원(KITECH)",
]  # fmt: skip

PROGRAMS = [
    {
        "code": "R01", "order": 1, "field": "commercialisation", "department": "경제정책과",
        "name_ko": "중소기업 기술상용화 지원 사업", "name_en": "SME technology commercialisation",
        "max_grant_krw": 50 * M, "max_period_months": 6, "matching_rule": "private25_cash10city",
        "eligibility": eligibility(SME),
        "stages": stages(CRITERIA_MARKET),
        "notes": "Crowdfunding type (agreement and payment only after funding succeeds; investor-fraud "
                 "monitoring) and open-evaluation type. ~120 projects, ≤ 6 months.",
        "source": "seed 000 Ⅳ-①",
    },
    {
        "code": "R02", "order": 2, "field": "commercialisation", "department": "투자창업과",
        "name_ko": "성장단계 기업의 스케일업을 위한 글로벌 기술사업화 R&D 지원",
        "name_en": "Global scale-up commercialisation R&D",
        "max_grant_krw": 250 * M, "max_period_months": 12, "matching_rule": "private25_cash10city",
        "consortium": {"required": True, "lead_types": ["company"], "lead_in_seoul": True,
                       "partner_types": ["company", "university", "institute"], "foreign_partner": True},
        "bonus_rules": [{"code": "incubator_tenant", "kind": "hub_tenant", "hubs": ["startup_incubator"],
                         "points": 2, "points_source": "default"},
                        # 우선 선정 ①–③ (rules 2024 part): verified claims with evidence
                        {"code": "private_investment_5bn", "kind": "claim", "claim": "private_investment_3y",
                         "min_krw": 5_000_000_000, "points": 3, "points_source": "default"},
                        {"code": "purchase_intent_after_testbed", "kind": "claim",
                         "claim": "purchase_intent_after_testbed", "points": 3, "points_source": "default"},
                        {"code": "listed_tech_transfer", "kind": "claim", "claim": "tech_transfer",
                         "counterparts": LISTED_TRANSFER_INSTITUTES, "points": 3, "points_source": "default"}],
        "eligibility": eligibility(SME, {"code": "global_partner"},
                                   {"code": "institutional_investment", "min_krw": 3_000_000_000},
                                   {"code": "duplicate_sba_application"}),
        "stages": stages(CRITERIA_MARKET),
        "notes": "Seoul lead + global partner; mobility, renewables, green materials.",
        "source": "seed 000 Ⅳ-②",
    },
    {
        "code": "R03", "order": 3, "field": "commercialisation", "department": "캠퍼스타운활성화과",
        "name_ko": "캠퍼스타운 기술매칭 사업", "name_en": "Campus-town technology matching",
        "max_grant_krw": 100 * M, "max_period_months": None, "matching_rule": "private25_cash10city",
        "eligibility": eligibility({"code": "hub_tenant", "hubs": ["campus_town"]},
                                   drop=("financial_soundness",)),
        "stages": campus_town_stages(stages(CRITERIA_PLAN)),
        "notes": "Policy designation (정책지정); Seoul Institute of Technology is the lead; startups in campus "
                 "towns. Debt-ratio / capital-impairment exclusions waived for startups.",
        "source": "seed 000 Ⅳ-③",
    },
    {
        "code": "R04", "order": 4, "field": "cluster", "department": "산업거점조성반",
        "name_ko": "홍릉 클러스터 조성을 위한 바이오·의료 기술사업화 R&D 지원",
        "name_en": "Hongneung bio-medical cluster commercialisation R&D",
        "max_grant_krw": 500 * M, "max_period_months": 24, "matching_rule": "private25_cash10city",
        "min_trl": 4, "royalty_rate": "0.1000",
        "consortium": {"required": True, "lead_types": ["company"], "lead_in_seoul": True,
                       "partner_types": ["company", "university", "hospital", "institute"],
                       "required_any_of": ["university", "hospital", "institute"],
                       "min_hospital_grade": "general"},
        "bonus_rules": [
            {"code": "bio_hub_tenant", "kind": "hub_tenant", "hubs": ["seoul_bio_hub"], "points": 2,
             "points_source": "default"},
            {"code": "seoul_partner", "kind": "seoul_partner", "points": 1, "points_source": "default"},
            {"code": "investment_or_purchase_commitment", "kind": "claim",
             "claim": "investment_or_purchase_commitment", "points": 1, "points_source": "default"},
        ],
        "eligibility": eligibility(SME, {"code": "consortium_required_type",
                                         "any_of": ["university", "hospital", "institute"]}),
        "stages": stages(CRITERIA_MARKET),
        "notes": "Consortium mandatory: company + university/hospital/institute; hospital must be a general "
                 "hospital or above. Royalty 10 % of the city grant. Supports TRL 4 and above.",
        "source": "seed 000 Ⅳ-④",
    },
    {
        "code": "R05", "order": 5, "field": "cluster", "department": "산업거점활성화반",
        "name_ko": "양재 인공지능(AI) 클러스터 조성을 위한 R&D 지원", "name_en": "Yangjae AI cluster R&D",
        "max_grant_krw": 300 * M, "max_period_months": 12, "matching_rule": "private25_cash10city",
        "consortium": {"required": False, "lead_types": ["company"], "lead_in_seoul": True,
                       "companies_incorporated": True},
        "bonus_rules": [{"code": "ai_hub_tenant", "kind": "hub_tenant",
                         "hubs": ["ai_yangjae_hub", "seoul_bio_hub", "seoul_fintech_lab"], "points": 2,
                         "points_source": "default"}],
        "eligibility": eligibility(SME),
        "stages": stages(CRITERIA_PLAN),
        "notes": "Joint call with R12 (post-COVID AI). Bonus for hub tenants.",
        "source": "seed 000 Ⅳ-⑤",
    },
    {
        "code": "R06", "order": 6, "field": "cluster", "department": "산업거점활성화반",
        "name_ko": "G밸리 내 산업 간 융·복합을 위한 기업 R&D 지원", "name_en": "G-Valley ICT convergence R&D",
        "max_grant_krw": 200 * M, "max_period_months": 12, "matching_rule": "private25_cash10city",
        "consortium": {"required": True, "lead_types": ["company"], "lead_in_seoul": True,
                       "lead_hub": "g_valley", "partner_types": ["company", "university", "institute"]},
        "bonus_rules": [{"code": "export_record", "kind": "export_record", "years": 3, "points": 2}],
        "eligibility": eligibility(SME, {"code": "hub_tenant", "hubs": ["g_valley"]}),
        "stages": stages(CRITERIA_MARKET),
        "notes": "Lead must be located in G-Valley; +2 points for an export record in the last 3 years.",
        "source": "seed 000 Ⅳ-⑥",
    },
    {
        "code": "R07", "order": 7, "field": "cluster", "department": "도시제조업거점반",
        "name_ko": "동대문상권 활성화 위한 프로젝트 지원", "name_en": "Dongdaemun fashion-IT projects",
        "max_grant_krw": 300 * M, "max_period_months": 12, "matching_rule": "private25_cash10city",
        "royalty_rate": "0.1000",
        "consortium": {"required": False, "lead_types": ["company"],
                       "partner_types": ["university", "institute", "company"]},
        "eligibility": eligibility(SME),
        "stages": stages(CRITERIA_MARKET),
        "notes": "Two tracks: Dongdaemun commercial-district innovation and fashion-IT convergence. Royalty 10 %.",
        "source": "seed 000 Ⅳ-⑦",
    },
    {
        "code": "R08", "order": 8, "field": "challenge", "department": "경제정책과",
        "name_ko": "혁신기술 공공 테스트베드 제공", "name_en": "Public testbed (Testbed Seoul)",
        "max_grant_krw": 400 * M, "max_period_months": 12, "matching_rule": "company20",
        "min_trl": 6, "intake_mode": "rolling",
        "eligibility": eligibility({"code": "listed_tech_field"}),
        "stages": testbed_stages(),
        "notes": "Rolling intake via Seoul Institute of Technology; company pays 20 %; budget type vs "
                 "opportunity type; demonstration certificate (KR/EN).",
        "source": "seed 000 Ⅳ-⑧",
    },
    {
        "code": "R09", "order": 9, "field": "challenge", "department": "경제정책과",
        "name_ko": "국내·외 대상 「서울글로벌챌린지」 개최", "name_en": "Seoul Global Challenge",
        "max_grant_krw": None, "max_period_months": None, "matching_rule": "none",
        "eligibility": [],
        "stages": stages(CRITERIA_MARKET),
        "notes": "Prize money of 700 million KRW outside the table; technical and academic contests.",
        "source": "seed 000 Ⅳ-⑨",
    },
    {
        "code": "R10", "order": 10, "field": "challenge", "department": "경제정책과",
        "name_ko": "국내 대상 「서울혁신챌린지」 개최", "name_en": "Seoul Innovation Challenge",
        "max_grant_krw": 200 * M, "max_period_months": None, "matching_rule": "none",
        "eligibility": eligibility({"code": "required_technology", "any_of": ["drone", "ai", "blockchain"]},
                                   drop=("financial_soundness",)),
        "stages": stages(CRITERIA_MARKET),
        "notes": "Must use drone, AI or blockchain. Preliminary 20 M prototype; final tiers 1×200, 3×150, 9×100.",
        "source": "seed 000 Ⅳ-⑩",
    },
    {
        "code": "R11", "order": 11, "field": "untact", "department": "산업거점조성반",
        "name_ko": "방역·의료기기 우수기술 사업화 R&D 지원", "name_en": "Disinfection and medical devices R&D",
        "max_grant_krw": 200 * M, "max_period_months": 12, "matching_rule": "private25_cash10city",
        "min_trl": 7, "eligibility": eligibility(SME), "stages": stages(CRITERIA_MARKET),
        "notes": "Company alone or company-led consortium; TRL 7 and above.", "source": "seed 000 Ⅳ-⑪",
    },
    {
        "code": "R12", "order": 12, "field": "untact", "department": "산업거점활성화반",
        "name_ko": "포스트 코로나 특화 AI 기술개발 지원", "name_en": "Post-COVID AI R&D",
        "max_grant_krw": 200 * M, "max_period_months": 12, "matching_rule": "private25_cash10city",
        "min_trl": 6,
        "consortium": {"required": False, "lead_types": ["company"], "lead_in_seoul": True},
        "bonus_rules": [{"code": "ai_hub_tenant", "kind": "hub_tenant", "hubs": ["ai_yangjae_hub"],
                         "points": 2, "points_source": "default"}],
        "eligibility": eligibility(SME), "stages": stages(CRITERIA_PLAN),
        "notes": "Joint call with R05. TRL 6 and above.", "source": "seed 000 Ⅳ-⑫",
    },
    {
        "code": "R13", "order": 13, "field": "untact", "department": "경제정책과",
        "name_ko": "비대면 금융생활 수요를 반영한 핀테크 기술개발 지원", "name_en": "Fintech R&D",
        "max_grant_krw": 200 * M, "max_period_months": 12, "matching_rule": "private25_cash10city",
        "min_trl": 7,
        "consortium": {"required": False, "lead_types": ["company"], "lead_in_seoul": True,
                       "companies_incorporated": True},
        "bonus_rules": [{"code": "fintech_lab_tenant", "kind": "hub_tenant", "hubs": ["seoul_fintech_lab"],
                         "points": 2, "points_source": "default"}],
        "eligibility": eligibility(SME), "stages": stages(CRITERIA_MARKET),
        "notes": "TRL 7 and above; bonus for Seoul Fintech Lab tenants.", "source": "seed 000 Ⅳ-⑬",
    },
    {
        "code": "R14", "order": 14, "field": "untact", "department": "투자창업과",
        "name_ko": "블록체인 스타트업 기술 사업화 지원", "name_en": "Blockchain startup commercialisation",
        "max_grant_krw": 200 * M, "max_period_months": 12, "matching_rule": "private25_cash10city",
        "min_trl": 7,
        "consortium": {"required": False, "lead_types": ["company"], "lead_in_seoul": True,
                       "companies_incorporated": True},
        "bonus_rules": [{"code": "blockchain_centre_tenant", "kind": "hub_tenant",
                         "hubs": ["blockchain_centre"], "points": 2, "points_source": "default"}],
        "eligibility": eligibility(SME), "stages": stages(CRITERIA_MARKET),
        "notes": "TRL 7 and above; bonus for Seoul Blockchain Support Centre tenants.",
        "source": "seed 000 Ⅳ-⑭",
    },
    {
        "code": "R15", "order": 15, "field": "exchange", "department": "경제정책과",
        "name_ko": "재외한인과학자 학술 포럼 개최 지원", "name_en": "Overseas Korean scientists forum",
        "is_project_based": False, "max_grant_krw": None, "matching_rule": "none",
        "eligibility": [], "stages": [],
        "notes": "Non-project programme (MOU with KSEA and European associations + forum).",
        "source": "seed 000 Ⅳ-⑮",
    },
    {
        "code": "R16", "order": 16, "field": "national", "department": "경제정책과",
        "name_ko": "정부지원 대응투자", "name_en": "Matching funds for national R&D",
        "max_grant_krw": None, "max_period_months": None, "matching_rule": "none",
        "eligibility": [], "stages": [],
        "notes": "About 10 % of the national grant; the city issues a commitment letter (확약서). Multi-year.",
        # Each year's city instalment follows the national result (programs/plugins/national_matching.py).
        "post_award": {"instalment_gates": ["agreement_active", "guarantee_covers_year", "national_year_result",
                                            "no_open_recovery", "no_active_sanction", "reports_filed"]},
        "source": "seed 000 Ⅳ-⑯",
    },
    {
        "code": "INV", "order": 17, "field": "investment", "department": "SBA R&D정책팀", "plan_year": 2023,
        "name_ko": "서울형 민간투자연계 기술사업화 지원사업",
        "name_en": "Investment-linked commercialisation R&D",
        "max_grant_krw": 400 * M, "max_period_months": 24,
        "matching_rule": "city75_inst25_cash10inst", "royalty_rate": "0.1000", "max_firm_age_years": 7,
        "consortium": {"required": False, "lead_types": ["company"], "lead_in_seoul": True,
                       "companies_incorporated": True},
        "eligibility": eligibility(
            SME,
            {"code": "firm_age", "max_years": 7},
            {"code": "operator_recommendation", "quota_multiplier": 1.5},
            {"code": "investment_amount", "own_account_min_krw": 100 * M, "fund_account_min_krw": 200 * M,
             "fund_count_share": 0.5},
            {"code": "investment_contract_age", "max_years": 3},
            {"code": "shareholding", "company_min_pct": 60, "operator_max_pct": 30},
        ),
        "stages": stages(CRITERIA_INV),
        "notes": "Only companies recommended by a designated operator after ≥ 100 M KRW (own account) or "
                 "≥ 200 M (fund account, 50 % counts) investment. 2 years / 400 M; city ≤ 75 %.",
        "source": "seed 002 §1–§5",
    },
]  # fmt: skip

# Budget table of seed 000 Ⅳ-2 (million KRW). (code, 2020 cont, 2020 new, 2020 executed, 2021 cont, 2021 new, 2021 budget)
PROGRAMME_BUDGETS = [
    ("R01", None, 173, 7661, None, 120, 5960),
    ("R02", None, 12, 1170, None, 2, 500),
    ("R03", None, 18, 1800, None, 8, 800),
    ("R04", 12, 11, 5674, 9, 11, 4640),
    ("R05", None, 12, 3124, None, 10, 2980),
    ("R06", None, 10, 1776, None, 8, 1600),
    ("R07", None, 7, 1937, None, 6, 1600),
    ("R08", None, 33, 12883, None, 30, 9500),
    ("R09", None, None, 0, None, 10, 800),
    ("R10", 16, 32, 2640, 13, 28, 2112),
    ("R11", None, 9, 1716, None, 10, 2000),
    ("R12", None, 8, 1959, None, 4, 700),
    ("R13", None, 8, 775, None, 4, 800),
    ("R14", None, 7, 414, None, 3, 600),
    ("R15", None, None, 30, None, None, 64),
]
# Non-project lines (과제관리/운영비): (kind, label, 2020, 2021)
OPERATING_LINES = [
    ("operating", "서울형 R&D 지원 과제관리/운영비", 4001, 3577),
    ("joint_operating", "공동협력 기술개발 지원 운영비", 103, 55),
]
# National matching table (국비매칭 지원 사업): (label, program, year, cont, new, city, national)
NATIONAL_LINES = [
    ("정부지원 대응투자", "R16", 2020, 15, 5, 2273, 14392),
    ("중소기업 산학협력 기술개발사업 - 첫걸음", None, 2020, None, None, 0, 0),
    ("중소기업 산학협력 기술개발사업 - 지역유망", None, 2020, 5, None, 77, 154),
    ("정부지원 대응투자", "R16", 2021, 19, None, 2273, 17040),
    ("중소기업 산학협력 기술개발사업 - 첫걸음", None, 2021, None, None, 0, 0),
    ("중소기업 산학협력 기술개발사업 - 지역유망", None, 2021, None, None, 0, 0),
]
# Totals as printed in the seed: (year, scope, field, cont, new, city, national)
PRINTED_TOTALS = [
    (2020, "city_total", None, 28, 340, 47392, 0),
    (2021, "city_total", None, 22, 254, 38288, 0),
    (2020, "field_subtotal", "commercialisation", None, 203, 10631, 0),
    (2021, "field_subtotal", "commercialisation", None, 130, 7260, 0),
    (2020, "field_subtotal", "cluster", 12, 40, 12511, 0),
    (2021, "field_subtotal", "cluster", 9, 35, 10820, 0),
    (2020, "field_subtotal", "challenge", 16, 65, 15523, 0),
    (2021, "field_subtotal", "challenge", 13, 68, 12412, 0),
    (2020, "field_subtotal", "untact", None, 32, 4864, 0),
    (2021, "field_subtotal", "untact", None, 21, 4100, 0),
    (2020, "national_total", None, 20, 5, 2350, 14546),
    (2021, "national_total", None, 19, None, 2273, 17040),
]

# Designated operators of the 2023 investment-linked programme (seed 002 별첨1 is not in the seed text;
# these are demo entries, editable in the admin).
DEMO_OPERATORS = [("데모벤처스", 4), ("서울액셀러레이터", 2)]
