"""Stakeholders, relationship surveys and the analyses of their networks."""

from .register import (
    ACTIVE_LEVELS,
    CriticalMassGoal,
    Engagement,
    FormalAuthority,
    InformalInfluence,
    Stakeholder,
    StakeholderKind,
    Stance,
)
from .surveys import (
    AnalysisStatus,
    IntroductionChoice,
    IntroductionDecision,
    NetworkAnalysis,
    Question,
    Respondent,
    RosterEntry,
    Survey,
    SurveySource,
    Tie,
)

__all__ = [
    "ACTIVE_LEVELS",
    "AnalysisStatus",
    "CriticalMassGoal",
    "Engagement",
    "FormalAuthority",
    "InformalInfluence",
    "IntroductionChoice",
    "IntroductionDecision",
    "NetworkAnalysis",
    "Question",
    "Respondent",
    "RosterEntry",
    "Stakeholder",
    "StakeholderKind",
    "Stance",
    "Survey",
    "SurveySource",
    "Tie",
]
