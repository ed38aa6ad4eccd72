"""The programme's models, one module per topic."""

from .meetings import (
    CalendarFeedToken,
    Meeting,
    MeetingAttendance,
    MeetingReminder,
    MeetingResponse,
)
from .programme import (
    AuditEntry,
    Cohort,
    FocusArea,
    Membership,
    Mentorship,
    Organisation,
    WebAddressField,
    quiet_days,
    timezone_choices,
)
from .sessions import ActionItem, CheckIn, DigestSent, Goal, Session, Topic
from .trash import Trashable

__all__ = [
    "CalendarFeedToken",
    "Meeting",
    "MeetingAttendance",
    "MeetingReminder",
    "MeetingResponse",
    "ActionItem",
    "CheckIn",
    "DigestSent",
    "Goal",
    "Session",
    "Topic",
    "Trashable",
    "AuditEntry",
    "Cohort",
    "FocusArea",
    "Membership",
    "Mentorship",
    "Organisation",
    "WebAddressField",
    "quiet_days",
    "timezone_choices",
]
