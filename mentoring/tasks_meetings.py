"""Community meeting e-mails, run by django-tasks (see docs/meetings.md).

Each e-mail is rendered in the recipient's language and timezone, with a plain-text part, an
HTML part and, for invitations and updates, a `text/calendar; method=REQUEST` part
(`method=CANCEL` for cancellations) that calendar programs turn into the event.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from . import calendars
from .delivery import queue_message
from .models import Meeting, MeetingReminder, MeetingResponse
from .permissions.meetings import meeting_invitees

logger = logging.getLogger(__name__)

KINDS = ("invitation", "update", "cancellation", "nudge", "place", "reminder")
CALENDAR_METHOD = {"invitation": "REQUEST", "update": "REQUEST", "cancellation": "CANCEL"}


def send_meeting_mail(meeting: Meeting, user, kind: str, *, hours: int | None = None) -> bool:
    """One e-mail about a meeting to one person, queued for delivery (mentoring.delivery)."""
    context = {
        "meeting": meeting,
        "recipient": user,
        "kind": kind,
        "hours": hours,
        "days": hours // 24 if hours and hours % 24 == 0 else None,
        "link": settings.SITE_URL + meeting.get_absolute_url(),
        "site_url": settings.SITE_URL,
        "own_zone_differs": meeting.timezone != (user.timezone or "UTC"),
    }
    with (
        translation.override(user.language or settings.LANGUAGE_CODE),
        timezone.override(user.timezone or "UTC"),
    ):
        subject = render_to_string("mentoring/email/meeting_subject.txt", context)
        text = render_to_string("mentoring/email/meeting.txt", context)
        html = render_to_string("mentoring/email/meeting.html", context)
        method = CALENDAR_METHOD.get(kind)
        ics = (
            calendars.meeting_invitation(meeting, attendee=user, cancelled=method == "CANCEL")
            if method
            else None
        )
    message = EmailMultiAlternatives(" ".join(subject.split()), text, to=[user.email])
    message.attach_alternative(html, "text/html")
    if ics is not None:
        message.attach_alternative(ics.decode(), f"text/calendar; method={method}")
    return bool(queue_message(message))


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
