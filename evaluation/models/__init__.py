from .committee import Assignment, Committee, CommitteeMember, ConflictRecord
from .decisions import CommitteeDecision, Objection, ResultNotice, SiteCheck
from .evaluator import Affiliation, DeclaredRelationship, EvaluatorProfile
from .scoring import CriterionScore, ScoreSheet, StageResult

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
    "Objection",
    "ResultNotice",
    "ScoreSheet",
    "SiteCheck",
    "StageResult",
]
