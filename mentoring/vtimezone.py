"""VTIMEZONE components that every calendar program reads the same way (RFC 5545 §3.6.5).

icalendar's own generator packs all of a zone's transitions into one multi-valued RDATE;
parsers built on Mozilla's ical.js (and others) read only its first value, so every summer
meeting in Zurich time showed one hour late there. We write one STANDARD or DAYLIGHT
observance per transition instead, each with nothing but DTSTART, TZOFFSETFROM, TZOFFSETTO
and TZNAME: no RDATE lists and no RRULEs to interpret, so a parser that reads any of the
forms the RFC allows gets every transition. The observances cover whole calendar years
around the events in the file (from 1 January of the first year to 31 December of the
year after the last), which is all a program needs to place those events; the file is
regenerated on every download and feed refresh.

DTSTART of an observance is the wall-clock time *before* the change, in the offset it
changes from (02:00 for Zurich's spring change, 03:00 for its autumn one), as §3.6.5 asks.

Pure: no database, no Django.
"""

from __future__ import annotations

import functools
import zoneinfo
from datetime import UTC, date, datetime, timedelta

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

_DAY = timedelta(days=1)
_MINUTE = timedelta(minutes=1)


def _offset(zone: zoneinfo.ZoneInfo, moment: datetime) -> timedelta:
    return moment.astimezone(zone).utcoffset() or timedelta(0)


def transitions(zone: zoneinfo.ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    """The UTC instants in [start, end) where the zone's offset or name changes, to the
    minute. Scans a day at a time, then narrows each change down by bisection (zones change
    at most a few times a year, and never twice in one day)."""

    def state(moment: datetime) -> tuple:
        local = moment.astimezone(zone)
        return local.utcoffset(), local.tzname(), local.dst()

    found = []
    day = start
    while day < end:
        following = min(day + _DAY, end)
        if state(day) != state(following):
            low, high = day, following  # state(low) differs from state(high)
            while high - low > _MINUTE:
                middle = low + (high - low) / 2
                middle = middle.replace(second=0, microsecond=0)
                if middle <= low:
                    break
                if state(middle) == state(low):
                    low = middle
                else:
                    high = middle
            found.append(high)
        day = following
    return found


def _observance(zone, at: datetime, before: timedelta, wall: datetime):
    local = at.astimezone(zone)
    component = TimezoneDaylight() if local.dst() else TimezoneStandard()
    component.add("dtstart", wall.replace(tzinfo=None))
    component.add("tzoffsetfrom", before)
    component.add("tzoffsetto", local.utcoffset() or timedelta(0))
    component.add("tzname", local.tzname() or "")
    return component


@functools.lru_cache(maxsize=256)
def _transitions_in_years(tzid: str, first_year: int, last_year: int) -> tuple:
    zone = zoneinfo.ZoneInfo(tzid)
    start = datetime(first_year, 1, 1, tzinfo=zone).astimezone(UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=zone).astimezone(UTC)
    return start, tuple(transitions(zone, start, end))


def vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE for `tzid` covering 1 January of `first_year` to 31 December of
    `last_year`: an observance for the state on 1 January, then one per transition."""
    zone = zoneinfo.ZoneInfo(tzid)
    start, changes = _transitions_in_years(tzid, first_year, last_year)
    component = Timezone()
    component.add("tzid", tzid)
    opening = _offset(zone, start)
    component.add_component(_observance(zone, start, opening, start + opening))
    for moment in changes:
        before = _offset(zone, moment - _MINUTE)
        component.add_component(_observance(zone, moment, before, moment + before))
    return component


def years_around(moments: list[datetime]) -> tuple[int, int]:
    """The first and last year a calendar's VTIMEZONEs cover: the events' years, and the
    next one (a file saved in December still shows January's events right)."""
    if not moments:
        today = date.today()
        return today.year, today.year + 1
    return min(m.year for m in moments), max(m.year for m in moments) + 1
