"""Planning meetings across timezones: pure functions, no database.

The programme's participants sit between UTC-5 (Toronto) and UTC+5:30 (Colombo). A proposed time
is shown in each participant's local time and weekday and flagged when it falls outside working
hours (08:00-20:00 local by default). `suggest_slots` searches a grid for times that keep everyone
inside those hours; when there is none, `rotate_inconvenience` spreads the early and late hours
fairly over a quarterly series.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

DAY_START = time(8, 0)
DAY_END = time(20, 0)
WEEKDAYS = frozenset(range(5))  # Monday..Friday


class LocalTimeError(ValueError):
    """A wall-clock time that cannot be turned into one moment."""


class NonexistentTime(LocalTimeError):
    """The clocks jump over this time (spring forward)."""


class AmbiguousTime(LocalTimeError):
    """The clocks pass this time twice (fall back)."""


class UnknownTimezone(LocalTimeError):
    pass


def get_zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise UnknownTimezone(name) from exc


def local_to_utc(day: date, clock: time, zone_name: str) -> datetime:
    """The UTC moment of a wall-clock time in a zone; refuses gaps and folds at DST changes.

    zoneinfo silently picks an answer for both (PEP 495), so we compare the two readings
    (fold=0 and fold=1): if they differ the time is either skipped or repeated, and a round trip
    through UTC tells which."""
    zone = get_zone(zone_name)
    naive = datetime.combine(day, clock.replace(tzinfo=None, fold=0))
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() != second.utcoffset():
        back = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
        if back != naive:
            raise NonexistentTime(f"{naive:%Y-%m-%d %H:%M} does not exist in {zone_name}")
        raise AmbiguousTime(f"{naive:%Y-%m-%d %H:%M} happens twice in {zone_name}")
    return first.astimezone(UTC)


@dataclass(frozen=True)
class Participant:
    """An invited organisation or person, by the zone they live in."""

    label: str
    timezone: str
    kind: str = "organisation"  # or "person"


@dataclass(frozen=True)
class LocalSlot:
    participant: Participant
    start: datetime  # aware, in the participant's zone
    end: datetime
    inside: bool
    minutes_outside: int

    @property
    def utc_offset(self) -> str:
        offset = self.start.utcoffset() or timedelta(0)
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"

    @property
    def crosses_midnight(self) -> bool:
        return self.end.date() != self.start.date() and self.end.time() != time(0)


def minutes_outside_hours(
    start: datetime,
    end: datetime,
    *,
    day_start: time = DAY_START,
    day_end: time = DAY_END,
    weekdays: frozenset[int] = WEEKDAYS,
) -> int:
    """How many minutes of [start, end) (local, aware) fall outside working hours or days."""
    total = 0
    cursor = start
    step = timedelta(minutes=15)
    while cursor < end:
        chunk_end = min(cursor + step, end)
        local = cursor.timetz().replace(tzinfo=None)
        if cursor.weekday() not in weekdays or not (day_start <= local < day_end):
            total += int((chunk_end - cursor).total_seconds() // 60)
        cursor = chunk_end
    return total


def local_view(
    start_utc: datetime,
    end_utc: datetime,
    participants: Iterable[Participant],
    *,
    day_start: time = DAY_START,
    day_end: time = DAY_END,
    weekdays: frozenset[int] = WEEKDAYS,
) -> list[LocalSlot]:
    """Each participant's local start, end and weekday, flagged when outside working hours."""
    rows = []
    for participant in participants:
        zone = get_zone(participant.timezone)
        start = start_utc.astimezone(zone)
        end = end_utc.astimezone(zone)
        outside = minutes_outside_hours(
            start, end, day_start=day_start, day_end=day_end, weekdays=weekdays
        )
        rows.append(LocalSlot(participant, start, end, outside == 0, outside))
    return sorted(rows, key=lambda r: (r.start.utcoffset() or timedelta(0), r.participant.label))


def _zones(participants: Iterable[Participant]) -> list[str]:
    return sorted({p.timezone for p in participants})


def _grid(
    first_day: date, days: int, step_minutes: int
) -> Iterable[datetime]:  # every step of every day, in UTC
    start = datetime.combine(first_day, time(0), tzinfo=UTC)
    for i in range(days * 24 * 60 // step_minutes):
        yield start + timedelta(minutes=i * step_minutes)


def burden(start_utc: datetime, duration: timedelta, zones: Sequence[str], **hours) -> dict:
    """Minutes outside working hours, per zone, for one slot."""
    return {
        zone: minutes_outside_hours(
            start_utc.astimezone(get_zone(zone)),
            (start_utc + duration).astimezone(get_zone(zone)),
            **hours,
        )
        for zone in zones
    }


def suggest_slots(
    participants: Iterable[Participant],
    duration: timedelta,
    *,
    earliest: datetime,
    weeks: int = 2,
    step_minutes: int = 30,
    limit: int = 6,
    per_day: int = 1,
    day_start: time = DAY_START,
    day_end: time = DAY_END,
    weekdays: frozenset[int] = WEEKDAYS,
) -> list[datetime]:
    """UTC start times from `earliest` on, within `weeks`, that keep every participant inside
    working hours and working days. At most `per_day` per UTC day, so that the suggestions
    spread over the period rather than listing 14:00, 14:30, 15:00 of one day."""
    zones = _zones(participants)
    hours = {"day_start": day_start, "day_end": day_end, "weekdays": weekdays}
    found: list[datetime] = []
    per_date: dict[date, int] = {}
    for start in _grid(earliest.astimezone(UTC).date(), weeks * 7, step_minutes):
        if start < earliest:
            continue
        if per_date.get(start.date(), 0) >= per_day:
            continue
        if all(v == 0 for v in burden(start, duration, zones, **hours).values()):
            found.append(start)
            per_date[start.date()] = per_date.get(start.date(), 0) + 1
            if len(found) >= limit:
                break
    return found


@dataclass
class RotationSlot:
    start: datetime
    burden: dict[str, int] = field(default_factory=dict)

    @property
    def inconvenienced(self) -> list[str]:
        return sorted(zone for zone, minutes in self.burden.items() if minutes)


def rotate_inconvenience(
    participants: Iterable[Participant],
    duration: timedelta,
    *,
    first_day: date,
    count: int = 4,
    interval_weeks: int = 13,
    window_days: int = 5,
    step_minutes: int = 30,
    day_start: time = DAY_START,
    day_end: time = DAY_END,
    weekdays: frozenset[int] = WEEKDAYS,
) -> list[RotationSlot]:
    """Times for a series of `count` meetings, `interval_weeks` apart, that share out the hours
    outside the working day. For each meeting in turn, among the slots of its window, pick the
    one that keeps the worst cumulative burden (minutes outside hours, per zone) lowest, then
    the total lowest; a slot that suits everyone always wins."""
    zones = _zones(participants)
    hours = {"day_start": day_start, "day_end": day_end, "weekdays": weekdays}
    totals = dict.fromkeys(zones, 0)
    series: list[RotationSlot] = []
    for n in range(count):
        window_start = first_day + timedelta(weeks=interval_weeks * n)
        best: tuple | None = None
        for start in _grid(window_start, window_days, step_minutes):
            if start.weekday() not in weekdays:
                continue
            cost = burden(start, duration, zones, **hours)
            # A slot must be workable for each zone: nobody asked for more than half of it at
            # night (outside 06:00-23:00) or on a weekend day; burden is counted in minutes.
            if any(_too_harsh(start, duration, zone, weekdays) for zone in zones):
                continue
            after = {zone: totals[zone] + cost[zone] for zone in zones}
            key = (max(after.values()), sum(cost.values()), start)
            if best is None or key < best[0]:
                best = (key, start, cost)
        if best is None:
            break
        _, start, cost = best
        for zone in zones:
            totals[zone] += cost[zone]
        series.append(RotationSlot(start, cost))
    return series


def _too_harsh(start: datetime, duration: timedelta, zone: str, weekdays) -> bool:
    local = start.astimezone(get_zone(zone))
    end = (start + duration).astimezone(get_zone(zone))
    if local.weekday() not in weekdays:
        return True
    return local.time() < time(6, 0) or end.date() != local.date() or end.time() > time(23, 0)
