"""The timezone planner on the demo programme's real zones, with daylight-saving changes."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from mentoring import planner
from mentoring.planner import Participant

DEMO = [
    Participant("CCEAC", "America/Toronto"),
    Participant("RIJLI", "Africa/Abidjan"),
    Participant("ANCE Togo", "Africa/Lome"),
    Participant("FAFPI", "Africa/Lagos"),
    Participant("CoST Malawi", "Africa/Blantyre"),
    Participant("TIM", "Indian/Mauritius"),
    Participant("TISL", "Asia/Colombo"),
    Participant("Hanna Keller (lead)", "Europe/Zurich", "person"),
]


def utc(*args) -> datetime:
    return datetime(*args).replace(tzinfo=UTC)


def by_label(rows):
    return {row.participant.label: row for row in rows}


# --- Wall-clock times to UTC ------------------------------------------------------------------


def test_local_time_is_converted_with_the_offset_of_that_day():
    assert planner.local_to_utc(date(2027, 1, 14), time(14, 0), "Europe/Zurich") == utc(
        2027, 1, 14, 13, 0
    )
    assert planner.local_to_utc(date(2027, 7, 15), time(14, 0), "Europe/Zurich") == utc(
        2027, 7, 15, 12, 0
    )
    assert planner.local_to_utc(date(2027, 7, 15), time(9, 0), "Asia/Colombo") == utc(
        2027, 7, 15, 3, 30
    )


@pytest.mark.parametrize(
    ("day", "clock", "zone"),
    [
        (date(2026, 3, 8), time(2, 30), "America/Toronto"),
        (date(2026, 3, 29), time(2, 30), "Europe/Zurich"),
        (date(2026, 3, 29), time(2, 0), "Europe/Zurich"),
    ],
)
def test_a_time_skipped_by_the_clocks_is_refused(day, clock, zone):
    with pytest.raises(planner.NonexistentTime):
        planner.local_to_utc(day, clock, zone)


@pytest.mark.parametrize(
    ("day", "clock", "zone"),
    [
        (date(2026, 11, 1), time(1, 30), "America/Toronto"),
        (date(2026, 10, 25), time(2, 30), "Europe/Zurich"),
    ],
)
def test_a_time_that_happens_twice_is_refused(day, clock, zone):
    with pytest.raises(planner.AmbiguousTime):
        planner.local_to_utc(day, clock, zone)


def test_times_next_to_the_change_are_accepted():
    assert planner.local_to_utc(date(2026, 3, 29), time(3, 0), "Europe/Zurich") == utc(
        2026, 3, 29, 1, 0
    )
    assert planner.local_to_utc(date(2026, 3, 29), time(1, 59), "Europe/Zurich") == utc(
        2026, 3, 29, 0, 59
    )
    assert planner.local_to_utc(date(2026, 10, 25), time(3, 0), "Europe/Zurich") == utc(
        2026, 10, 25, 2, 0
    )


@pytest.mark.parametrize("zone", ["Mars/Olympus", "", "../etc/passwd"])
def test_unknown_timezone_is_refused(zone):
    with pytest.raises(planner.UnknownTimezone):
        planner.local_to_utc(date(2027, 1, 14), time(14, 0), zone)


# --- Each participant's local time --------------------------------------------------------------


def test_local_view_of_a_winter_afternoon_in_zurich_for_the_whole_demo():
    start = utc(2027, 1, 14, 13, 0)  # a Thursday: 14:00 in Zurich
    rows = by_label(planner.local_view(start, start + timedelta(hours=1), DEMO))
    assert rows["CCEAC"].start.strftime("%a %H:%M") == "Thu 08:00"
    assert rows["RIJLI"].start.strftime("%H:%M") == "13:00"
    assert rows["ANCE Togo"].start.strftime("%H:%M") == "13:00"
    assert rows["FAFPI"].start.strftime("%H:%M") == "14:00"
    assert rows["CoST Malawi"].start.strftime("%H:%M") == "15:00"
    assert rows["TIM"].start.strftime("%H:%M") == "17:00"
    assert rows["TISL"].start.strftime("%H:%M") == "18:30"
    assert rows["TISL"].end.strftime("%H:%M") == "19:30"
    assert rows["Hanna Keller (lead)"].start.strftime("%H:%M") == "14:00"
    assert all(row.inside for row in rows.values())
    assert rows["TISL"].utc_offset == "UTC+05:30"
    assert rows["CCEAC"].utc_offset == "UTC-05:00"
    # Sorted from west to east.
    ordered = [r.participant.label for r in planner.local_view(start, start, DEMO)]
    assert ordered[0] == "CCEAC" and ordered[-1] == "TISL"


def test_early_and_late_participants_are_flagged():
    early = by_label(planner.local_view(utc(2027, 1, 14, 12, 0), utc(2027, 1, 14, 13, 0), DEMO))
    assert not early["CCEAC"].inside and early["CCEAC"].minutes_outside == 60
    assert early["TISL"].inside
    late = by_label(planner.local_view(utc(2027, 1, 14, 14, 30), utc(2027, 1, 14, 15, 30), DEMO))
    assert not late["TISL"].inside and late["TISL"].minutes_outside == 60
    assert late["CCEAC"].inside
    # Ending exactly at 20:00 is still inside.
    edge = by_label(planner.local_view(utc(2027, 1, 14, 13, 30), utc(2027, 1, 14, 14, 30), DEMO))
    assert edge["TISL"].end.strftime("%H:%M") == "20:00" and edge["TISL"].inside


def test_a_weekday_in_utc_can_be_saturday_somewhere():
    start = utc(2027, 1, 15, 23, 0)  # Friday night UTC
    rows = by_label(planner.local_view(start, start + timedelta(hours=1), DEMO))
    assert rows["TISL"].start.strftime("%A") == "Saturday"
    assert not rows["TISL"].inside
    assert rows["CCEAC"].start.strftime("%A") == "Friday"


def test_dst_late_march_toronto_and_geneva_drift_by_an_hour():
    """North America moves its clocks on 8 March 2026, Europe on 29 March: for three weeks the
    gap between Toronto and Geneva (Europe/Zurich) is five hours instead of six."""
    people = [Participant("Toronto", "America/Toronto"), Participant("Geneva", "Europe/Zurich")]

    def toronto_time_of_14h_geneva(day):
        start = planner.local_to_utc(day, time(14, 0), "Europe/Zurich")
        return by_label(planner.local_view(start, start + timedelta(hours=1), people))["Toronto"]

    assert toronto_time_of_14h_geneva(date(2026, 3, 5)).start.strftime("%H:%M") == "08:00"
    assert toronto_time_of_14h_geneva(date(2026, 3, 26)).start.strftime("%H:%M") == "09:00"
    assert toronto_time_of_14h_geneva(date(2026, 4, 2)).start.strftime("%H:%M") == "08:00"
    # 13:00 in Geneva is 07:00 in Toronto except in the three weeks between the changes.
    start = planner.local_to_utc(date(2026, 3, 26), time(13, 0), "Europe/Zurich")
    assert by_label(planner.local_view(start, start + timedelta(hours=1), people))["Toronto"].inside
    start = planner.local_to_utc(date(2026, 4, 2), time(13, 0), "Europe/Zurich")
    assert not by_label(planner.local_view(start, start + timedelta(hours=1), people))[
        "Toronto"
    ].inside


# --- Suggestions and rotation ------------------------------------------------------------------


def test_suggestions_keep_everyone_inside_working_hours_in_winter():
    slots = planner.suggest_slots(DEMO, timedelta(hours=1), earliest=utc(2027, 1, 11), weeks=2)
    assert len(slots) == 6
    assert slots[0] == utc(2027, 1, 11, 13, 0)  # Monday: 08:00 Toronto, 18:30 Colombo
    assert [s.weekday() for s in slots] == [0, 1, 2, 3, 4, 0]
    for slot in slots:
        assert all(r.inside for r in planner.local_view(slot, slot + timedelta(hours=1), DEMO))


def test_suggestions_follow_daylight_saving_in_summer():
    slots = planner.suggest_slots(DEMO, timedelta(hours=1), earliest=utc(2027, 7, 12), weeks=1)
    assert slots[0] == utc(2027, 7, 12, 12, 0)  # Toronto is UTC-4 in summer


def test_no_suggestion_when_the_meeting_is_too_long_for_everyone():
    assert planner.suggest_slots(DEMO, timedelta(hours=2), earliest=utc(2027, 1, 11)) == []


def test_rotation_shares_the_inconvenience_across_a_quarterly_series():
    series = planner.rotate_inconvenience(
        DEMO, timedelta(hours=3), first_day=date(2027, 1, 11), count=4
    )
    assert len(series) == 4
    # Each meeting about thirteen weeks after the previous one.
    for previous, following in zip(series, series[1:], strict=False):
        assert timedelta(weeks=12) < following.start - previous.start < timedelta(weeks=14)
    burdened = [set(slot.inconvenienced) for slot in series]
    assert all(burdened), "a 3-hour meeting cannot suit Toronto and Colombo at once"
    # Neither end of the programme carries every meeting.
    assert any("America/Toronto" in b for b in burdened)
    assert any("Asia/Colombo" in b for b in burdened)
    assert not all("America/Toronto" in b for b in burdened)
    assert not all("Asia/Colombo" in b for b in burdened)
    # Nobody is asked to join at night or on a weekend.
    for slot in series:
        for row in planner.local_view(slot.start, slot.start + timedelta(hours=3), DEMO):
            assert row.start.weekday() < 5
            assert time(6, 0) <= row.start.time() and row.end.time() <= time(23, 0)


def test_rotation_prefers_a_slot_that_suits_everyone():
    series = planner.rotate_inconvenience(
        DEMO, timedelta(hours=1), first_day=date(2027, 1, 11), count=2
    )
    assert [slot.inconvenienced for slot in series] == [[], []]
