"""Reads that cross relations and would otherwise make a view long: what a page shows, put
together from scoped objects. Views ask permissions for the object, then a selector for the
rest; selectors never decide access themselves (they ask `permissions`)."""

from __future__ import annotations

from django.db.models import Prefetch

from . import permissions
from .models import Meeting, MeetingResponse, Membership


def meeting_memberships(organisation_ids, lookup: str = "memberships") -> Prefetch:
    """Each person's memberships among the invited organisations, as `meeting_memberships`
    (`lookup` reaches the person's memberships from the rows being fetched)."""
    return Prefetch(
        lookup,
        queryset=Membership.objects.filter(organisation_id__in=organisation_ids).select_related(
            "organisation"
        ),
        to_attr="meeting_memberships",
    )


def _responses(meeting: Meeting, organisation_ids) -> list[MeetingResponse]:
    memberships = meeting_memberships(organisation_ids, "user__memberships")
    return list(meeting.responses.select_related("user").prefetch_related(memberships))


def _attendance(meeting: Meeting) -> dict:
    """Who attended, and the same grouped by the organisation they came for."""
    rows = list(
        meeting.attendance.select_related("user", "organisation").order_by(
            "organisation__name", "user__full_name"
        )
    )
    by_org: dict = {}
    for row in rows:
        if row.organisation is not None:
            by_org.setdefault(row.organisation, []).append(row.user)
    return {
        "attendance": rows,
        "attendance_by_org": sorted(by_org.items(), key=lambda kv: kv[0].name),
    }


def _answer_summary(meeting: Meeting, responses: list[MeetingResponse]) -> dict:
    """For leads: counts per answer and the invitees who have not answered yet."""
    counts = dict.fromkeys(MeetingResponse.Answer.values, 0)
    for response in responses:
        counts[response.answer] += 1
    answered = {r.user_id for r in responses}
    unanswered = list(
        permissions.meeting_invitees(meeting)
        .exclude(pk__in=answered)
        .order_by("full_name")
        .only("full_name", "email")
    )
    return {"counts": counts, "unanswered": unanswered}


def meeting_page(user, meeting: Meeting) -> dict:
    """What the meeting page shows this person: invitees see the answers and, once it started
    or has minutes, the attendance; leads also see the counts and who has not answered."""
    invitee = permissions.is_meeting_invitee(user, meeting)
    can_manage = permissions.can_manage_meetings(user)
    page: dict = {"meeting": meeting, "invitee": invitee, "can_manage": can_manage}
    if not invitee:
        return page
    organisation_ids = list(permissions.invited_organisations(meeting).values_list("pk", flat=True))
    responses = _responses(meeting, organisation_ids)
    mine = next((r for r in responses if r.user_id == user.pk), None)
    yes = MeetingResponse.Answer.YES
    page |= {
        "my_response": mine,
        "coming": [r for r in responses if r.is_confirmed],
        "waiting": [r for r in responses if r.answer == yes and r.waitlisted],
        "maybe": [r for r in responses if r.answer == MeetingResponse.Answer.MAYBE],
        "answers_open": not meeting.is_cancelled and not meeting.has_started,
    }
    if meeting.minutes_published_at or meeting.has_started:
        page |= _attendance(meeting)
    if can_manage:
        page |= _answer_summary(meeting, responses) | {"waiting_count": len(page["waiting"])}
    return page
