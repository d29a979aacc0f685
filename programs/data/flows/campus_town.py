"""Flow of the campus-town technology matching (R03, 캠퍼스타운 기술매칭), seed 000 Ⅳ-③.

공고 → 접수 전 전문가 매칭 · 공동 연구계획서 작성 → 접수 → 1차평가(기술평가위원회) → 2차평가(SBA 과제평가)
→ 산학연협력사업심의위원회 심의·확정 → 결과 공지; 협약: 대학(전문가) ↔ 서울기술연구원, SBA ↔ 서울기술연구원.
"""

LEGAL_BASIS = "서울시 산학연 협력사업 운영요령 제18조(정책지정)"

FLOWS = {
    "R03": {
        "designation": {
            "legal_basis": LEGAL_BASIS,
            "lead_name_ko": "서울기술연구원(Tech Platform)",
            "lead_name_en": "Seoul Institute of Technology (Tech Platform)",
        },
        "matching": {"before_intake": True, "one_to_one": True, "co_editing": True},
        # the committee that decides the selection: the city's, not SBA's coordination committee
        # (seed 000 Ⅳ-③: "SBA 과제평가 / 산학연협력사업심의위원회 심의·확정")
        "committee_name": {
            "name_ko": "산학연협력사업심의위원회",
            "name_en": "Industry–academia–research cooperation review committee",
        },
        "max_live_matches": 3,
        # The financial exclusions waived for campus-town startups (seed: 자본잠식, 부채 1000%,
        # 창업 3년 이하): the screening rule "financial_soundness" is dropped from the catalogue row.
        "waived_exclusions": ["financial_soundness"],
        "agreement_chain": {
            "parent_ko": "SBA ↔ 서울기술연구원", "parent_en": "SBA ↔ Seoul Institute of Technology",
            "child_ko": "서울기술연구원 ↔ 캠퍼스타운 대학(전문가)",
            "child_en": "Seoul Institute of Technology ↔ campus-town university (expert)",
        },
        "plugins": {
            "co_editors": ["matched_expert"],
            "intake_gate": ["policy_designation"],
            "agreement_chain": ["designated_lead"],
        },
    },
}  # fmt: skip

_R03_STAGE_NAMES = {
    "document": ("1차평가(기술평가위원회 선정평가)", "First evaluation (technology committee)"),
    "presentation": ("2차평가(SBA 과제평가)", "Second evaluation (SBA project evaluation)"),
    "committee": ("산학연협력사업심의위원회 심의·확정",
                  "Review and decision by the city's industry–academia–research cooperation review "
                  "committee (산학연협력사업심의위원회)"),
}  # fmt: skip


def campus_town_stages(base: list[dict]) -> list[dict]:
    """R03's evaluation stages on the common machinery: the scored stages and the committee renamed
    as the seed names them; no site check (the seed's R03 procedure has none)."""
    out = []
    for stage in base:
        if stage["code"] == "site_check":
            continue
        names = _R03_STAGE_NAMES.get(stage["code"])
        out.append({**stage, "name_ko": names[0], "name_en": names[1]} if names else dict(stage))
    return out
