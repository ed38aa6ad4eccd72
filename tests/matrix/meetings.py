"""Rows of community meetings and calendar feeds."""

from mentoring.models import AuditEntry, CalendarFeedToken, Meeting, MeetingResponse

from ..mentoring.test_meetings import _form as meeting_form
from ..permissions import (
    EVERYONE,
    INSIDERS_A,
    LEAD_ONLY,
    LEAD_ONLY_OF_A,
    Row,
    count,
    expect,
    own,
    posted,
    values,
)

SIGNED_IN_POST = expect(302)


def _restricted(world):
    return [world.restricted_meeting.uid]


def _edit(world):
    meeting = world.restricted_meeting
    return meeting_form(
        title="Renamed in the matrix",
        audience="organisations",
        organisations=[world.org_a.pk],
        version=meeting.version,
    )


def _make_feed(world, role):
    world.client(role).post("/calendar/regenerate/")


def _attendance_version(world):
    """The version the form was rendered with: recording attendance checks it (no silent
    overwrite of a colleague's list)."""
    return Meeting.objects.get(pk=world.restricted_meeting.pk).attendance_version


ROWS = [
    Row("mentoring:meeting_list", EVERYONE),
    Row("mentoring:meeting_archive", EVERYONE),
    Row("mentoring:meeting_create", LEAD_ONLY),
    Row(
        "mentoring:meeting_create",
        posted(LEAD_ONLY),
        method="post",
        data=lambda w: meeting_form(),
        state=lambda w, role: count(Meeting),
    ),
    Row(
        "mentoring:meeting_detail",
        EVERYONE,
        args=lambda w: [w.community_meeting.uid],
        case="community",
    ),
    Row("mentoring:meeting_detail", INSIDERS_A, args=_restricted),
    Row("mentoring:meeting_ics", INSIDERS_A, args=_restricted),
    Row("mentoring:meeting_edit", LEAD_ONLY_OF_A, args=_restricted),
    Row(
        "mentoring:meeting_edit",
        posted(LEAD_ONLY_OF_A),
        args=_restricted,
        method="post",
        data=_edit,
        state=lambda w, role: values(Meeting, w.restricted_meeting.pk, "title"),
    ),
    Row("mentoring:meeting_cancel", LEAD_ONLY_OF_A, args=_restricted),
    Row(
        "mentoring:meeting_cancel",
        posted(LEAD_ONLY_OF_A),
        args=_restricted,
        method="post",
        state=lambda w, role: values(Meeting, w.restricted_meeting.pk, "cancelled_at"),
    ),
    Row(
        "mentoring:meeting_answer",
        posted(INSIDERS_A),
        args=_restricted,
        method="post",
        data=lambda w: {"answer": "yes", "note": ""},
        state=lambda w, role: count(MeetingResponse, meeting=w.restricted_meeting),
    ),
    Row(
        "mentoring:meeting_remind",
        posted(LEAD_ONLY_OF_A),
        args=_restricted,
        method="post",
        state=lambda w, role: count(AuditEntry, action="meeting.remind_unanswered"),
    ),
    Row("mentoring:meeting_attendance", LEAD_ONLY_OF_A, args=_restricted),
    Row(
        "mentoring:meeting_attendance",
        posted(LEAD_ONLY_OF_A),
        args=_restricted,
        method="post",
        data=lambda w: (
            {"attendees": [w.member_a.pk, w.admin_a.pk]}
            | {"attendance_version": _attendance_version(w)}
        ),
        state=lambda w, role: sorted(
            w.restricted_meeting.attendance.values_list("user_id", flat=True)
        ),
    ),
    Row("mentoring:meeting_minutes", LEAD_ONLY_OF_A, args=_restricted),
    Row(
        "mentoring:meeting_minutes",
        posted(LEAD_ONLY_OF_A),
        args=_restricted,
        method="post",
        data=lambda w: {"minutes": "## Decisions", "version": w.restricted_meeting.version},
        state=lambda w, role: values(Meeting, w.restricted_meeting.pk, "minutes"),
    ),
    # Calendar feeds: everyone signed in has their own.
    Row(
        "mentoring:calendar_feed_regenerate",
        SIGNED_IN_POST,
        method="post",
        state=lambda w, role: own(w, role, CalendarFeedToken, "token_hash"),
    ),
    # Right after the address is made, the page shows it (once).
    Row("mentoring:calendar_feed_created", EVERYONE, setup=_make_feed),
    Row(
        "mentoring:calendar_feed_revoke",
        SIGNED_IN_POST,
        method="post",
        setup=_make_feed,
        state=lambda w, role: own(w, role, CalendarFeedToken, "token_hash"),
    ),
]
