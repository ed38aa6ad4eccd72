"""Writes about community meetings: atomic, audited, and the invitees are told after commit."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import audit
from ..conflicts import versioned_update
from ..models import (
    CalendarFeedToken,
    Meeting,
    MeetingAttendance,
    MeetingResponse,
)
from ..permissions.meetings import invited_organisations, meeting_invitees

M2M_FIELDS = ("cohorts", "organisations", "hosts")
# Changing any of these is news for the invitees (and raises the calendar SEQUENCE).
NOTIFY_FIELDS = (
    "title",
    "kind",
    "agenda",
    "starts_at",
    "ends_at",
    "timezone",
    "venue",
    "address",
    "call_link",
    "travel_notes",
)


class MeetingClosed(Exception):
    """Answers are closed (the meeting has started or is cancelled)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _notify(meeting: Meeting, kind: str, user_ids) -> None:
    """Queue the e-mails once the transaction is committed (never for a rolled-back change)."""
    user_ids = sorted(set(user_ids))
    if not user_ids:
        return
    from ..tasks_meetings import send_meeting_notice

    transaction.on_commit(
        lambda: send_meeting_notice.enqueue(meeting_id=meeting.pk, kind=kind, user_ids=user_ids)
    )


def _invitee_ids(meeting: Meeting) -> set[int]:
    return set(meeting_invitees(meeting).values_list("pk", flat=True))


def _apply(meeting: Meeting, data: dict) -> None:
    for name, value in data.items():
        if name not in M2M_FIELDS:
            setattr(meeting, name, value)


def _apply_m2m(meeting: Meeting, data: dict) -> None:
    for name in M2M_FIELDS:
        if name in data:
            getattr(meeting, name).set(data[name])


def meeting_create(*, actor, data: dict) -> Meeting:
    """Schedule a meeting and send every invitee an invitation with a calendar request."""
    with transaction.atomic():
        meeting = Meeting(created_by=actor)
        _apply(meeting, data)
        if meeting.kind == Meeting.Kind.QUARTERLY and not meeting.series:
            meeting.series = uuid.uuid4()
        meeting.save()
        _apply_m2m(meeting, data)
        audit(
            "meeting.create",
            actor=actor,
            target=meeting,
            summary=f"{meeting.title} ({meeting.starts_at:%Y-%m-%d %H:%M} UTC)",
        )
        _notify(meeting, "invitation", _invitee_ids(meeting))
    return meeting


def meeting_update(*, meeting: Meeting, actor, data: dict, version: int | None) -> Meeting:
    """Save an edit if nobody else saved in between (EditConflict otherwise); raise the calendar
    SEQUENCE and tell the invitees (new invitees get an invitation, those no longer invited a
    cancellation)."""
    with transaction.atomic():
        versioned_update(Meeting.objects, pk=meeting.pk, version=version)
        current = Meeting.objects.get(pk=meeting.pk)  # locked by the versioned UPDATE
        if current.is_cancelled:
            raise MeetingClosed(_("A cancelled meeting cannot be edited."))
        before_ids = _invitee_ids(current)
        changed = [
            name
            for name, value in data.items()
            if name not in M2M_FIELDS and getattr(current, name) != value
        ]
        m2m_changed = [
            name
            for name in M2M_FIELDS
            if name in data
            and {o.pk for o in data[name]}
            != set(getattr(current, name).values_list("pk", flat=True))
        ]
        _apply(current, data)
        newsworthy = [name for name in changed if name in NOTIFY_FIELDS]
        if changed or m2m_changed:
            current.sequence += 1
        current.save()
        _apply_m2m(current, data)
        if "capacity" in changed:
            _promote_from_waiting_list(current)
        rescheduled = "starts_at" in changed or "ends_at" in changed
        audit(
            "meeting.reschedule" if rescheduled else "meeting.edit",
            actor=actor,
            target=current,
            summary=", ".join(changed + m2m_changed)[:300],
            fields=changed + m2m_changed,
        )
        after_ids = _invitee_ids(current)
        if current.is_past:  # a correction to the record: nobody needs an e-mail
            return current
        if newsworthy:
            _notify(current, "update", before_ids & after_ids)
        _notify(current, "invitation", after_ids - before_ids)
        _notify(current, "cancellation", before_ids - after_ids)
    return current


def meeting_cancel(*, meeting: Meeting, actor) -> Meeting:
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if current.is_cancelled:
            return current
        current.cancelled_at = timezone.now()
        current.sequence += 1
        current.version += 1
        current.save(update_fields=["cancelled_at", "sequence", "version", "updated_at"])
        audit("meeting.cancel", actor=actor, target=current, summary=current.title)
        _notify(current, "cancellation", _invitee_ids(current))
    return current


def confirmed_count(meeting: Meeting) -> int:
    return meeting.responses.confirmed().count()


def _promote_from_waiting_list(meeting: Meeting) -> list[int]:
    """Give free places to the waiting list, first come first served."""
    waiting = meeting.responses.waiting()
    if meeting.capacity is None:
        free = waiting.count()
    else:
        free = max(meeting.capacity - confirmed_count(meeting), 0)
    promoted = list(waiting.order_by("answered_at", "pk").values_list("pk", "user_id")[:free])
    if promoted:
        MeetingResponse.objects.filter(pk__in=[pk for pk, _ in promoted]).update(waitlisted=False)
        _notify(meeting, "place", [user_id for _, user_id in promoted])
    return [user_id for _, user_id in promoted]


def meeting_answer(*, meeting: Meeting, user, answer: str, note: str = "") -> MeetingResponse:
    """Yes / no / maybe until the start. When the meeting is full a yes joins the waiting list;
    when a confirmed place is given up, the first person waiting gets it."""
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if current.is_cancelled:
            raise MeetingClosed(_("This meeting is cancelled: answers are closed."))
        if current.has_started:
            raise MeetingClosed(_("This meeting has started: answers are closed."))
        response = MeetingResponse.objects.filter(meeting=current, user=user).first()
        was_confirmed = response is not None and response.is_confirmed
        if response is None:
            response = MeetingResponse(meeting=current, user=user)
        if response.answer != answer:
            response.answered_at = timezone.now()
        response.answer = answer
        response.note = note
        if answer != MeetingResponse.Answer.YES:
            response.waitlisted = False
        elif not was_confirmed:
            full = current.capacity is not None and confirmed_count(current) >= current.capacity
            response.waitlisted = full
        response.save()
        if was_confirmed and not response.is_confirmed:
            _promote_from_waiting_list(current)
        audit(
            "meeting.answer",
            actor=user,
            target=current,
            summary=f"{answer}{' (waiting list)' if response.waitlisted else ''}",
        )
    return response


def meeting_remind_unanswered(*, meeting: Meeting, actor) -> int:
    """Remind the invitees who have not answered yet; returns how many."""
    if meeting.is_cancelled or meeting.has_started:
        raise MeetingClosed(_("Answers are closed: there is nobody to remind."))
    with transaction.atomic():
        answered = set(meeting.responses.values_list("user_id", flat=True))
        ids = _invitee_ids(meeting) - answered
        audit(
            "meeting.remind_unanswered",
            actor=actor,
            target=meeting,
            summary=str(len(ids)),
        )
        _notify(meeting, "nudge", ids)
    return len(ids)


def meeting_record_attendance(*, meeting: Meeting, actor, attendees, version: int | None) -> int:
    """Replace the attendance list, if nobody else saved it since `version`
    (`Meeting.attendance_version`; EditConflict otherwise); each person is counted for the
    invited organisation they belong to (or none, for leads and mentors)."""
    with transaction.atomic():
        versioned_update(
            Meeting.objects, pk=meeting.pk, version=version, field="attendance_version"
        )
        people = {person.pk: person for person in attendees}
        org_ids = set(invited_organisations(meeting).values_list("pk", flat=True))
        membership_org: dict[int, int] = {}
        from ..models import Membership

        for user_id, org_id in (
            Membership.objects.filter(user_id__in=people, organisation_id__in=org_ids)
            .order_by("organisation__name")
            .values_list("user_id", "organisation_id")
        ):
            membership_org.setdefault(user_id, org_id)
        meeting.attendance.exclude(user_id__in=people).delete()
        existing = set(meeting.attendance.values_list("user_id", flat=True))
        MeetingAttendance.objects.bulk_create(
            [
                MeetingAttendance(
                    meeting=meeting,
                    user_id=user_id,
                    organisation_id=membership_org.get(user_id),
                    recorded_by=actor,
                )
                for user_id in people
                if user_id not in existing
            ]
        )
        audit(
            "meeting.attendance",
            actor=actor,
            target=meeting,
            summary=str(len(people)),
        )
    return len(people)


def meeting_publish_minutes(
    *, meeting: Meeting, actor, minutes: str, version: int | None
) -> Meeting:
    with transaction.atomic():
        versioned_update(Meeting.objects, pk=meeting.pk, version=version)
        current = Meeting.objects.get(pk=meeting.pk)  # locked by the versioned UPDATE
        current.minutes = minutes
        current.minutes_published_at = (
            (current.minutes_published_at or timezone.now()) if minutes.strip() else None
        )
        current.save(update_fields=["minutes", "minutes_published_at", "updated_at"])
        audit("meeting.minutes", actor=actor, target=current, summary=current.title)
    return current


# --- Reminders ------------------------------------------------------------------------------


def reminder_hours() -> list[int]:
    return sorted({int(h) for h in settings.PORTAL_MEETING_REMINDERS_HOURS}, reverse=True)


def meeting_reminders_due(*, now=None) -> list[tuple[int, int]]:
    """(meeting id, hours before) for each reminder whose moment has come. A reminder is due when
    the start is at most `hours` away but more than the next, shorter reminder: a meeting
    scheduled two days ahead gets the 24-hour reminder only, not a late 7-day one."""
    now = now or timezone.now()
    hours = reminder_hours()
    due: list[tuple[int, int]] = []
    for i, h in enumerate(hours):
        shorter = hours[i + 1] if i + 1 < len(hours) else 0
        ids = Meeting.objects.active().filter(
            starts_at__gt=now + timedelta(hours=shorter),
            starts_at__lte=now + timedelta(hours=h),
        )
        due.extend((pk, h) for pk in ids.values_list("pk", flat=True))
    return due


# --- Private calendar feed ------------------------------------------------------------------


def calendar_feed_regenerate(*, user) -> str:
    """A new secret feed address; the previous one stops working. Returns the token."""
    token = CalendarFeedToken.make_token()
    with transaction.atomic():
        CalendarFeedToken.objects.update_or_create(
            user=user,
            defaults={"token_hash": CalendarFeedToken.hash_token(token), "hint": token[-4:]},
        )
        audit("calendar_feed.regenerate", actor=user, target=user)
    return token


def calendar_feed_revoke(*, user) -> bool:
    with transaction.atomic():
        deleted, _details = CalendarFeedToken.objects.filter(user=user).delete()
        if deleted:
            audit("calendar_feed.revoke", actor=user, target=user)
    return bool(deleted)
