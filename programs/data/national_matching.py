"""Seed 000 Ⅳ-⑯ 지원과제 목록: the 19 continuing projects matched by the city in 2021.

The seed's table keeps, per row, the selection year, the ministry, the national programme and the
period; its per-row amounts and lead institutions are not legible in the seed text, so only the
printed totals are kept (합계 사업비 19,313 = 국비 17,040 + 시비 2,273 million KRW), and the same
city and national figures are the R16 line of the 국비매칭 budget table (programs/data/catalogue.py).
Rows: (selection year, ministry, national programme, starts (y, m), ends (y, m) or None = 계속).
"""

PLAN_YEAR = 2021
ENGINEERING = "창의융합형 공학인재 양성지원사업 (구 공학교육혁신센터 지원사업)"
AI_GRAD = "인공지능(AI)대학원 지원사업"
MSIT = "과학기술정보통신부"
MOTIE = "산업통상자원부"

CONTINUING_2021 = [
    *[(2012, MOTIE, ENGINEERING, (2012, 3), (2022, 2))] * 6,
    (2015, MOTIE, ENGINEERING, (2015, 3), (2022, 2)),
    (2016, MSIT, "해외우수연구기관 유치사업", (2016, 8), (2021, 12)),
    (2016, MSIT, "해외우수연구기관 유치사업", (2016, 8), (2021, 12)),
    (2016, MSIT, "연구개발지원단 지원사업", (2019, 3), None),
    (2016, "중소벤처기업부", "산업기술단지 거점기능 지원사업", (2019, 1), (2021, 12)),
    (2017, "교육부", "LINC+ 육성사업", (2017, 3), (2022, 2)),
    (2017, MSIT, "지역 이공계여성인재 진출촉진사업", (2017, 5), (2021, 2)),
    (2019, MSIT, AI_GRAD, (2019, 4), (2023, 12)),
    (2019, MSIT, "지역전략산업 융합보안 핵심인재 양성사업", (2019, 4), (2022, 12)),
    (2020, MSIT, AI_GRAD, (2020, 4), (2024, 12)),
    (2020, MSIT, AI_GRAD, (2020, 4), (2024, 12)),
    (2020, MOTIE, "기술거래촉진 네트워크 사업", (2020, 3), (2022, 12)),
    (2020, MOTIE, "협업지능 기반 로봇플러스 경쟁력 지원 사업", (2020, 3), (2024, 12)),
]

# As printed under the table (million KRW): 합계 사업비, 국비, 시비; and "19개 계속과제".
PRINTED_2021 = {"count": 19, "total_million_krw": 19313, "national_million_krw": 17040,
                "city_million_krw": 2273}  # fmt: skip
