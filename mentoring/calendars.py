"""Calendar files (RFC 5545) for meetings and for each person's private feed.

- Every meeting has a stable UID of our own, `meeting-<uuid>@<host of SITE_URL>`, and a
  SEQUENCE raised on every change, so calendar programs update the event instead of adding one.
- Times carry the meeting's TZID with a VTIMEZONE for every TZID used (UTC ones are written
  with Z); never floating times. The VTIMEZONEs are ours (`vtimezone.py`): one observance per
  transition, which every parser reads alike.
- Files are written in the language of the person they are for (the viewer for downloads,
  the owner for feeds, the recipient for e-mail parts).
- Downloads and feeds use METHOD:PUBLISH; invitation and update e-mails METHOD:REQUEST with
  ORGANIZER and ATTENDEE; cancellations METHOD:CANCEL with STATUS:CANCELLED.
- The call link goes into the description only for invitees.

Other topics add events to a person's feed through `ExtraEvent` (see `feed_calendar`).
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import cast
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vDDDTypes, vText

from . import vtimezone
from .models import Meeting

PRODID = "-//Collective Action Mentoring Portal//Community meetings//EN"


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.uid}@{site_host()}"


@dataclass(frozen=True)
class ExtraEvent:
    """An event another topic puts into a person's feed (e.g. a next mentoring session).
    `uid` must be stable for the same thing; times are aware datetimes."""

    uid: str
    start: datetime
    end: datetime
    title: str
    url: str = ""
    sequence: int = 0


def new_calendar(method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


def _in_zone(moment: datetime, zone_name: str) -> datetime:
    try:
        return moment.astimezone(zoneinfo.ZoneInfo(zone_name))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return moment.astimezone(UTC)


def meeting_event(
    meeting: Meeting,
    *,
    include_link: bool,
    organizer=None,
    attendees: Iterable = (),
    cancelled: bool = False,
) -> Event:
    page = settings.SITE_URL + meeting.get_absolute_url()
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("created", meeting.created_at.astimezone(UTC))
    event.add("last-modified", meeting.updated_at.astimezone(UTC))
    event.add("sequence", meeting.sequence)
    event.add("summary", meeting.title)
    event.add("dtstart", _in_zone(meeting.starts_at, meeting.timezone))
    event.add("dtend", _in_zone(meeting.ends_at, meeting.timezone))
    event.add("url", page)
    is_cancelled = cancelled or meeting.is_cancelled
    event.add("status", "CANCELLED" if is_cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    description = [meeting.agenda.strip()] if meeting.agenda.strip() else []
    location = ", ".join(p for p in [meeting.venue, meeting.address.replace("\n", ", ")] if p)
    if include_link and meeting.call_link:
        description.append(_("Join online: %(link)s") % {"link": meeting.call_link})
        location = location or meeting.call_link
    description.append(_("Meeting page: %(link)s") % {"link": page})
    event.add("description", "\n\n".join(description))
    if location:
        event.add("location", location)
    if organizer is not None:
        event["organizer"] = _address(*organizer)
    for name, email in attendees:
        attendee = _address(name, email)
        attendee.params["role"] = "REQ-PARTICIPANT"
        attendee.params["partstat"] = "NEEDS-ACTION"
        attendee.params["rsvp"] = "FALSE"
        attendee.params["cutype"] = "INDIVIDUAL"
        event.add("attendee", attendee, encode=False)
    return event


def _address(name: str, email: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["cn"] = vText(name)
    return address


def _extra_event(extra: ExtraEvent) -> Event:
    event = Event()
    event.add("uid", extra.uid)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("sequence", extra.sequence)
    event.add("summary", extra.title)
    event.add("dtstart", extra.start.astimezone(UTC))
    event.add("dtend", extra.end.astimezone(UTC))
    if extra.url:
        event.add("url", extra.url)
        event.add("description", extra.url)
    return event


def _finish(calendar: Calendar) -> bytes:
    """Adds a VTIMEZONE (see `vtimezone`) for every TZID the events use, before the events."""
    zones: dict[str, list[datetime]] = {}
    for event in calendar.walk("VEVENT"):
        for name in ("DTSTART", "DTEND"):
            if name in event and "TZID" in event[name].params:
                prop = cast(vDDDTypes, event[name])  # DTSTART/DTEND with a TZID: a datetime
                zones.setdefault(str(prop.params["TZID"]), []).append(cast(datetime, prop.dt))
    for tzid in sorted(zones, reverse=True):
        first, last = vtimezone.years_around(zones[tzid])
        calendar.subcomponents.insert(0, vtimezone.vtimezone(tzid, first, last))
    return calendar.to_ical()


def meeting_download(meeting: Meeting, *, include_link: bool) -> bytes:
    """The .ics file a person downloads from the meeting page."""
    calendar = new_calendar("PUBLISH")
    calendar.add_component(meeting_event(meeting, include_link=include_link))
    return _finish(calendar)


def meeting_invitation(meeting: Meeting, *, attendee, cancelled: bool = False) -> bytes:
    """The calendar part of an invitation, update (METHOD:REQUEST) or cancellation
    (METHOD:CANCEL) e-mail for one attendee."""
    calendar = new_calendar("CANCEL" if cancelled else "REQUEST")
    calendar.add_component(
        meeting_event(
            meeting,
            include_link=not cancelled,  # a cancellation never carries the link
            organizer=organizer(),
            attendees=[(attendee.full_name, attendee.email)],
            cancelled=cancelled,
        )
    )
    return _finish(calendar)


def organizer() -> tuple[str, str]:
    """The portal organises meetings; replies go to its address (name, e-mail)."""
    from email.utils import parseaddr

    name, email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return name or "CA Mentoring Portal", email or "noreply@localhost"


def feed_calendar(
    meetings: Iterable[Meeting], *, invited_ids: set[int], extra: Iterable[ExtraEvent] = ()
) -> bytes:
    """A person's private feed: their meetings (cancelled ones stay, marked CANCELLED, so that
    calendar programs remove them) and any extra events from other topics."""
    calendar = new_calendar("PUBLISH")
    calendar.add("x-wr-calname", _("CA Mentoring"))
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, include_link=meeting.pk in invited_ids))
    for item in extra:
        calendar.add_component(_extra_event(item))
    return _finish(calendar)


def session_events(user, *, since: datetime) -> list[ExtraEvent]:
    """The next mentoring session announced in each session log (`Session.next_session_at`), for
    the mentor's and the organisation's members' feeds. Only the date and the organisation go
    into the feed: never the summary or notes. One hour long, since only the start is known."""
    from datetime import timedelta

    from django.urls import NoReverseMatch, reverse

    from .models import Session
    from .permissions import mentorships_in_calendar_of

    mentorships = mentorships_in_calendar_of(user)
    sessions = (
        Session.objects.filter(mentorship__in=mentorships.values("pk"), next_session_at__gte=since)
        .select_related("mentorship__organisation")
        .order_by("next_session_at")
    )
    events, seen = [], set()
    for session in sessions:
        key = (session.mentorship_id, session.next_session_at)
        if key in seen:
            continue
        seen.add(key)
        start = session.next_session_at
        assert start is not None  # filtered on next_session_at__gte above
        try:
            url = settings.SITE_URL + reverse("mentoring:session_detail", args=[session.pk])
        except NoReverseMatch:
            url = ""
        events.append(
            ExtraEvent(
                uid=f"next-session-{session.pk}@{site_host()}",
                start=start,
                end=start + timedelta(hours=1),
                title=_("Mentoring session: %(organisation)s")
                % {"organisation": session.mentorship.organisation.short_name},
                url=url,
            )
        )
    return events
