"""Seed 000 Ⅳ-⑧ 「테스트베드 서울」 참여기업 공공구매 및 해외진출 실적 (up to 2020, printed in the 2021 plan).

Public procurement and investment are printed in thousand won (천원) and stored in KRW (× 1000);
exports in USD. The printed total says 38 companies while its groups say 12 + 27 = 39: kept as
printed (the selector reports the mismatch). Loaded by tracking/migrations/0006_testbed.py and,
idempotently, by ``load_testbed_outcomes()``.
"""

SOURCE = "seed 000 Ⅳ-⑧"
YEAR = 2020
# (group, companies, procurement KRW, investment KRW, exports USD, MOUs, is the printed total)
SEED_ROWS = [
    ("실증완료 기업", 12, 2_613_782_000, 4_150_000_000, 505_177, 10, False),
    ("실증진행 기업", 27, 1_775_730_000, 700_000_000, 0, 0, False),
    ("계", 38, 4_389_512_000, 4_850_000_000, 505_177, 10, True),
]


def load_testbed_outcomes(model=None) -> int:
    """Insert or update the printed rows; returns how many rows were written."""
    if model is None:
        from tracking.models import TestbedOutcome as model
    for label, n, procurement, investment, exports, mous, total in SEED_ROWS:
        model.objects.update_or_create(
            group_label=label, source=SOURCE, year=YEAR,
            defaults={"company_count": n, "procurement_krw": procurement,
                      "investment_krw": investment, "exports_usd": exports, "mou_count": mous,
                      "is_printed_total": total},
        )  # fmt: skip
    return len(SEED_ROWS)
