from .committee import Assignment, Committee, CommitteeMember, ConflictRecord
from .decisions import CommitteeDecision, Objection, ResultNotice, SiteCheck
from .evaluator import Affiliation, DeclaredRelationship, EvaluatorProfile
from .scoring import CriterionScore, FlaggedResultReview, ScoreSheet, StageResult

__all__ = [
    "Affiliation",
    "Assignment",
    "Committee",
    "CommitteeDecision",
    "CommitteeMember",
    "ConflictRecord",
    "CriterionScore",
    "DeclaredRelationship",
    "EvaluatorProfile",
    "FlaggedResultReview",
    "Objection",
    "ResultNotice",
    "ScoreSheet",
    "SiteCheck",
    "StageResult",
]
from .adequacy import Adequacy, AdequacyCommittee, AdequacyDecision, AdequacyMember, AdequacyOpinion  # noqa: E402,F401,E501
from .challenges import (  # noqa: E402, F401  (challenges R09/R10)
    ChallengeTeam,
    ChallengeTeamMember,
    CitizenVote,
    PrizeAward,
    TierAward,
)
