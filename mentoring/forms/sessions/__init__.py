"""Forms for mentorships, goals, session logs, action items, check-ins and list filters, by
topic.

Forms validate and have no side effects; each one limits its choices to what the person may
pick (attendees from the organisation, owners from the mentorship, goals of the mentorship).
"""

from .action_items import (
    ActionItemForm,
    BaseActionItemFormSet,
    action_item_formset,
    owner_choices,
    owner_value,
)
from .common import MAX_DAYS_AHEAD, DateInput, TimeInput, VersionedForm
from .filters import ActionItemFilterForm, SessionFilterForm
from .logs import SessionForm
from .mentorships import SCORES, CheckInForm, GoalForm, MentorshipForm

__all__ = [
    "MAX_DAYS_AHEAD",
    "SCORES",
    "ActionItemFilterForm",
    "ActionItemForm",
    "BaseActionItemFormSet",
    "CheckInForm",
    "DateInput",
    "GoalForm",
    "MentorshipForm",
    "SessionFilterForm",
    "SessionForm",
    "TimeInput",
    "VersionedForm",
    "action_item_formset",
    "owner_choices",
    "owner_value",
]
