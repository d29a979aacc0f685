from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")
    NEEDS_REVIEW = "needs_review", _("Needs review")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class AccountType(models.TextChoices):
    OWN = "own", _("Own account (고유계정)")
    FUND = "fund", _("Fund account (펀드계정)")


class ObligationKind(models.TextChoices):
    REPORT = "report", _("Report (보고서)")
    ROYALTY = "royalty", _("Royalty payment (기술료)")
    ROYALTY_PLAN = "royalty_plan", _("Royalty payment plan (기술료납부계획서)")
    RECOVERY = "recovery", _("Recovery (회수금/환수금)")
    PENALTY = "penalty", _("Sanction surcharge (제재부가금)")


class InsolvencyState(models.TextChoices):
    NONE = "", _("None")
    DISHONOURED = "dishonoured", _("Dishonoured bills (기업 부도)")
    BANKRUPTCY = "bankruptcy", _("Bankruptcy filed (파산)")
    REHABILITATION = "rehabilitation", _("Rehabilitation filed (회생절차)")


class ArrearsException(models.TextChoices):
    NONE = "", _("None")
    RESOLVED = "resolved", _("Resolved or deferred (해소·유예)")
    REHABILITATION = "rehabilitation", _("Rehabilitation approved (회생인가)")
    RESTART_FUND = "restart_fund", _("Restart fund received (재창업자금)")
    RECHALLENGE_GUARANTEE = "rechallenge", _("Re-challenge guarantee (재기지원보증)")


class SoundnessException(models.TextChoices):
    NONE = "", _("None")
    CREDITOR_BANKS = "creditor_banks", _("Special agreement with creditor banks (채권은행 협약)")
    COMMITTEE = "committee", _("Recognised by the evaluation committee (평가단 인정)")


class LenderType(models.TextChoices):
    """Who lent a loan-type investment (CB, BW, RCPS…). Seed 002 §4: only loans from a public
    body under the Act on the Management of Public Institutions (e.g. 중소벤처기업진흥공단) or a
    member of the Korean Venture Capital Association may be excluded from the debt."""

    NOT_RECORDED = "", _("Not recorded")
    PUBLIC_BODY = "public_body", _("Public body (공공기관, e.g. 중소벤처기업진흥공단)")
    REGISTERED_VC = "registered_vc", _("Registered VC (한국벤처캐피탈협회 회원사)")
    OTHER = "other", _("Other lender (not excludable)")

    @classmethod
    def excludable(cls) -> frozenset[str]:
        return frozenset({cls.PUBLIC_BODY.value, cls.REGISTERED_VC.value})
