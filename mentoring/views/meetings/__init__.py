"""Community meetings, by topic: lists, scheduling with the timezone planner, the meeting page
with answers, attendance and minutes, and calendar files and the private feed."""

from .calendar import (
    calendar_feed,
    calendar_feed_created,
    calendar_feed_regenerate,
    calendar_feed_revoke,
    meeting_ics,
)
from .detail import (
    meeting_answer,
    meeting_attendance,
    meeting_detail,
    meeting_minutes,
    meeting_remind,
)
from .lists import meeting_archive, meeting_list
from .scheduling import meeting_cancel, meeting_create, meeting_edit

__all__ = [
    "calendar_feed",
    "calendar_feed_created",
    "calendar_feed_regenerate",
    "calendar_feed_revoke",
    "meeting_answer",
    "meeting_archive",
    "meeting_attendance",
    "meeting_cancel",
    "meeting_create",
    "meeting_detail",
    "meeting_edit",
    "meeting_ics",
    "meeting_list",
    "meeting_minutes",
    "meeting_remind",
]
