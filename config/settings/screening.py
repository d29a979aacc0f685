"""Eligibility screening (evaluation.screening)."""

from config.env import env

# Cosine similarity (TF-IDF) at or above which two proposals are flagged as possible duplicates.
SCREENING_DUPLICATE_THRESHOLD = env.float("SCREENING_DUPLICATE_THRESHOLD", default=0.5)
# Applications per batch of a screening run (one transaction and progress update per batch).
SCREENING_BATCH_SIZE = env.int("SCREENING_BATCH_SIZE", default=1000)
