"""One organisation's history in order: sessions, goals, meetings attended, documents added and
check-in answers. Every source is read through the viewer's scoped querysets, private notes
only where `can_see_private_notes` allows and check-in answers only where `can_see_check_in`
allows, so what a member sees is decided where it is for the rest of the portal."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _

from documents.permissions import documents_visible_to
from mentoring import permissions
from mentoring.models import CheckIn, Organisation


@dataclass
class Event:
    when: datetime
    kind: str  # session, goal, meeting, document, check_in
    label: str
    title: str
    url: str = ""
    body: str = ""  # Markdown shared with the organisation
    private: str = ""  # private mentor notes, only filled for those who may read them
    meta: str = ""


def _url(obj) -> str:
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:  # a page not built yet must not break the timeline
        return ""


def events_for(user, organisation: Organisation) -> list[Event]:
    """Newest first. A fixed number of queries, whatever the length of the history."""
    events: list[Event] = []
    sessions = (
        permissions.sessions_visible_to(user)
        .filter(mentorship__organisation=organisation)
        .select_related("author", "mentorship")
    )
    for session in sessions:
        notes = session.private_notes if permissions.can_see_private_notes(user, session) else ""
        events.append(
            Event(
                session.started_at,
                "session",
                _("Session"),
                _("Session with %(mentor)s (%(minutes)d minutes)")
                % {"mentor": session.author, "minutes": session.duration_minutes},
                _url(session),
                session.summary,
                notes,
            )
        )
    goals = (
        permissions.goals_visible_to(user)
        .filter(mentorship__organisation=organisation)
        .select_related("mentorship")
    )
    for goal in goals:
        events.append(
            Event(
                goal.created_at,
                "goal",
                _("Goal"),
                goal.title,
                _url(goal.mentorship),
                goal.progress_notes,
                meta=_("Status: %(status)s") % {"status": goal.get_status_display()},
            )
        )
    meetings = (
        permissions.meetings_visible_to(user)
        .filter(attendance__organisation=organisation, cancelled_at__isnull=True)
        .annotate(people=Count("attendance"))
        .order_by()
    )
    for meeting in meetings:
        events.append(
            Event(
                meeting.starts_at,
                "meeting",
                _("Meeting attended"),
                meeting.title,
                _url(meeting),
                meta=_("%(n)d people attended for the organisation") % {"n": meeting.people},
            )
        )
    documents = (
        documents_visible_to(user).filter(organisation=organisation).select_related("created_by")
    )
    for document in documents:
        events.append(
            Event(
                document.created_at,
                "document",
                _("Document added"),
                document.title,
                _url(document),
                meta=_("Added by %(person)s") % {"person": document.created_by or _("someone")},
            )
        )
    events.extend(_check_in_events(user, organisation))
    events.sort(key=lambda e: e.when, reverse=True)
    return events


def _check_in_events(user, organisation: Organisation) -> list[Event]:
    check_ins = list(
        CheckIn.objects.filter(
            mentorship__in=permissions.mentorships_visible_to(user).filter(
                organisation=organisation
            )
        ).select_related("mentorship__organisation", "respondent")
    )
    sides: dict[Any, Any] = {}
    for answer in check_ins:
        sides.setdefault((answer.mentorship_id, answer.stage), set()).add(answer.side)
    events = []
    for answer in check_ins:
        both = len(sides[(answer.mentorship_id, answer.stage)]) == len(CheckIn.Side.values)
        if not permissions.can_see_check_in(user, answer, both_answered=both):
            continue
        text = "\n\n".join(
            part
            for part in (
                answer.what_changed and f"**{_('What changed:')}** {answer.what_changed}",
                answer.what_is_needed and f"**{_('What is needed:')}** {answer.what_is_needed}",
            )
            if part
        )
        events.append(
            Event(
                answer.answered_at,
                "check_in",
                _("Check-in"),
                _("%(stage)s check-in, answered by %(side)s")
                % {"stage": answer.get_stage_display(), "side": answer.get_side_display().lower()},
                _url(answer.mentorship),
                text,
                meta=_("Usefulness %(u)d/5 · progress %(p)d/5")
                % {"u": answer.usefulness, "p": answer.progress},
            )
        )
    return events
