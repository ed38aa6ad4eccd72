"""The programme's models, one module per topic."""

from .programme import (
    AuditEntry,
    Cohort,
    FocusArea,
    Membership,
    Mentorship,
    Organisation,
    WebAddressField,
    timezone_choices,
)
from .sessions import ActionItem, CheckIn, Goal, Session, Topic

__all__ = [
    "ActionItem",
    "CheckIn",
    "Goal",
    "Session",
    "Topic",
    "AuditEntry",
    "Cohort",
    "FocusArea",
    "Membership",
    "Mentorship",
    "Organisation",
    "WebAddressField",
    "timezone_choices",
]
