"""Community meeting e-mails, run by django-tasks (see docs/meetings.md).

Each e-mail goes through `mentoring.mail.send_to_user` (the recipient's language and timezone,
a plain-text part, an HTML part) and, for invitations and updates, has a
`text/calendar; method=REQUEST` part (`method=CANCEL` for cancellations) that calendar
programs turn into the event.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django_tasks import task

from . import calendars
from .mail import send_to_user
from .models import Meeting, MeetingReminder, MeetingResponse
from .permissions.meetings import meeting_invitees

KINDS = ("invitation", "update", "cancellation", "nudge", "place", "reminder")
CALENDAR_METHOD = {"invitation": "REQUEST", "update": "REQUEST", "cancellation": "CANCEL"}


def send_meeting_mail(meeting: Meeting, user, kind: str, *, hours: int | None = None) -> bool:
    """One e-mail about a meeting to one person, queued for delivery (mentoring.delivery)."""
    context = {
        "meeting": meeting,
        "kind": kind,
        "hours": hours,
        "days": hours // 24 if hours and hours % 24 == 0 else None,
        "link": settings.SITE_URL + meeting.get_absolute_url(),
        "own_zone_differs": meeting.timezone != (user.timezone or "UTC"),
    }
    method = CALENDAR_METHOD.get(kind)

    def calendar_request():
        if method:
            cancelled = method == "CANCEL"
            ics = calendars.meeting_invitation(meeting, attendee=user, cancelled=cancelled)
            yield ics.decode(), f"text/calendar; method={method}"

    return send_to_user(user, "mentoring/email/meeting", context, alternatives=calendar_request)


@task()
def send_meeting_notice(meeting_id: int, kind: str, user_ids: list[int]) -> int:
    """Invitation, update, cancellation, reminder to answer, or a place freed from the waiting
    list, to the given people. Returns how many e-mails went out."""
    if kind not in KINDS:
        raise ValueError(kind)
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None:
        return 0
    people = get_user_model().objects.filter(pk__in=user_ids, is_active=True)
    return sum(send_meeting_mail(meeting, person, kind) for person in people)


@task()
def send_meeting_reminder(meeting_id: int, hours: int) -> int:
    """The reminder `hours` before the start, to every invitee who has not declined, once."""
    meeting = Meeting.objects.active().filter(pk=meeting_id).first()
    if meeting is None or meeting.has_started:
        return 0
    already = set(
        MeetingReminder.objects.filter(meeting=meeting, hours_before=hours).values_list(
            "user_id", flat=True
        )
    )
    declined = set(
        meeting.responses.filter(answer=MeetingResponse.Answer.NO).values_list("user_id", flat=True)
    )
    sent = 0
    for person in meeting_invitees(meeting).exclude(pk__in=already | declined):
        try:
            with transaction.atomic():
                MeetingReminder.objects.create(meeting=meeting, user=person, hours_before=hours)
        except IntegrityError:  # another worker got there first
            continue
        if send_meeting_mail(meeting, person, "reminder", hours=hours):
            sent += 1
        else:
            MeetingReminder.objects.filter(
                meeting=meeting, user=person, hours_before=hours
            ).delete()
    return sent
