"""Tracks of R01 (SME commercialisation: crowdfunding and open-evaluation types) and R07
(Dongdaemun: two fields), and the crowdfunding rules of R01 — seed 000 Ⅳ-① and Ⅳ-⑦.

Seed 000 Ⅳ-①: "공모방식 : 크라우드펀딩형(시장성 중심), 공개평가형(기술개발 중심)"; 120 projects or so,
each ≤ 6 months; "크라우드펀딩 방식 : 과제당 50백만원 이내(펀딩 성공 후 시지원금 지급)", "공개평가 방식 :
과제당 50백만원 이내"; "크라우드펀딩형의 경우 크라우드펀딩 성공 후 협약체결 및 시지원금 지급".
Platforms named by the seed: 와디즈, 텀블벅, 마쿠아케(일본), 젝젝(대만), 오마이컴퍼니, 해피빈.
Fraud monitoring (투자자 검증): "1차 : 크라우드펀딩 플랫폼 모니터링(투자자 수, 기여도, 공유 / 댓글 수 등 확인)
- 2차 : 제품 배송 완료 후 배송 증빙 제출(배송방법, 송장번호, 주소 등 확인) - 주관기관 직접 구매, 과다 구매
정황 발견 시 IP 추적 조사 및 협약 취소". The seed gives no figures for "few backers carrying most of
the amount" or "excessive": the thresholds below are DEFAULTS (``"source": "default"``), editable data.

Seed 000 Ⅳ-⑦: "「동대문 상권 혁신 분야」와「패션·IT 융합 분야」로 이원화하여 공모 및 선정 추진"; no
per-field figures (the programme's 300 M per project and 6–7 projects hold for both).

Each track's slots and budget envelope are the call's (``Call.flow["tracks"]``, set by staff in the
call admin); ``max_grant_krw`` / ``max_period_months`` here are the track's own limits.
"""

M = 1_000_000

FLOWS = {
    "R01": {
        "tracks": [
            {"code": "crowdfunding", "name_ko": "크라우드펀딩형", "name_en": "Crowdfunding type",
             "focus_ko": "시장성 중심", "focus_en": "market-driven",
             "max_grant_krw": 50 * M, "max_period_months": 6, "funding_gate": True},
            {"code": "open_evaluation", "name_ko": "공개평가형", "name_en": "Open-evaluation type",
             "focus_ko": "기술개발 중심", "focus_en": "technology-driven",
             "max_grant_krw": 50 * M, "max_period_months": 6, "open_session": True},
        ],
        "crowdfunding": {
            "platforms": [
                {"code": "wadiz", "name_ko": "와디즈", "name_en": "Wadiz", "country": "KR"},
                {"code": "tumblbug", "name_ko": "텀블벅", "name_en": "Tumblbug", "country": "KR"},
                {"code": "ohmycompany", "name_ko": "오마이컴퍼니", "name_en": "OhMyCompany", "country": "KR"},
                {"code": "happybean", "name_ko": "해피빈", "name_en": "Happybean", "country": "KR"},
                {"code": "makuake", "name_ko": "마쿠아케", "name_en": "Makuake", "country": "JP"},
                {"code": "zeczec", "name_ko": "젝젝", "name_en": "zeczec", "country": "TW"},
            ],
            # Flagged when the top `top_n` backers carry MORE than `max_share_pct` % of the amount.
            "concentration": {"top_n": 5, "max_share_pct": 50, "source": "default"},
            # Flagged when one backer carries MORE than `max_share_pct` % of the amount raised.
            "excessive_purchase": {"max_share_pct": 10, "source": "default"},
            # Second check: this share of the delivery records (at least `min`) is drawn and checked.
            "delivery_sample": {"pct": 10, "min": 5, "source": "default"},
        },
        "open_session": {"slot_minutes": 20, "source": "default"},
        "plugins": {
            "agreement_gate": ["crowdfunding_success"],
            "instalment_gate": ["crowdfunding_success"],
        },
    },
    "R07": {
        "tracks": [
            {"code": "district_innovation", "name_ko": "동대문 상권 혁신", "name_en": "Dongdaemun district innovation"},
            {"code": "fashion_it", "name_ko": "패션·IT 융합", "name_en": "Fashion-IT convergence"},
        ],
    },
}  # fmt: skip
