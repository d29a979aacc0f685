from .application import Application
from .attachment import Attachment, ReceiptCounter
from .parts import ApplicationInstitution, ApplicationResearcher, BudgetItem

__all__ = [
    "Application",
    "ApplicationInstitution",
    "ApplicationResearcher",
    "Attachment",
    "BudgetItem",
    "ReceiptCounter",
]
from .claims import ApplicationClaim, ClaimKind  # noqa: E402, F401
from .crowdfunding import (  # noqa: E402, F401  (crowdfunding tracks)
    CampaignBacker,
    CampaignFlag,
    CrowdfundingCampaign,
    DeliveryRecord,
)
from .matching import ExpertMatch, MatchStatus, ProblemStatus, SideDecision, TechnicalProblem  # noqa: E402, F401, E501  (campus-town)
from .open_sessions import (  # noqa: E402, F401  (crowdfunding tracks)
    ConsultationFeedback,
    OpenSession,
    SessionRegistration,
    SessionSlot,
)
from .testbed import (  # noqa: E402, F401
    DemandTopic,
    SiteOpinion,
    TestbedCertificate,
    TestbedProposal,
    TestbedStep,
)
