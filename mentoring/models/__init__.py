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

__all__ = [
    "AuditEntry",
    "Cohort",
    "FocusArea",
    "Membership",
    "Mentorship",
    "Organisation",
    "WebAddressField",
    "timezone_choices",
]
