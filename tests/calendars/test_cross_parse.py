"""Every calendar file the portal writes, read by two parsers nobody here wrote: Mozilla's
ical.js (through Node, as web calendars read them) and Python's icalendar, each turning the
file's own VTIMEZONE into times (not a zone database of its own). Event times must come out
right in UTC in summer and in winter in zones with and without daylight saving time.

ical.js is installed by `make node-deps` into var/node (`.ci/run` does it); without Node or
ical.js the ical.js half is skipped, unless PORTAL_REQUIRE_ICALJS=1 (set by CI)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import typing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from icalendar import Calendar, Timezone, vDDDTypes

from mentoring import calendars
from mentoring.models import Meeting
from mentoring.services import meetings as services
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

ICALJS = Path(settings.BASE_DIR) / "var/node/node_modules/ical.js/dist/ical.es5.cjs"
SCRIPT = Path(__file__).with_name("icaljs_events.cjs")
ZONES = ["Europe/Zurich", "America/Toronto", "Asia/Colombo", "Africa/Abidjan"]
# 10:00 wall-clock time on a summer and a winter day, written down in UTC by hand.
EXPECTED_UTC = {
    ("Europe/Zurich", "summer"): datetime(2026, 7, 9, 8, 0, tzinfo=UTC),
    ("Europe/Zurich", "winter"): datetime(2027, 1, 14, 9, 0, tzinfo=UTC),
    ("America/Toronto", "summer"): datetime(2026, 7, 9, 14, 0, tzinfo=UTC),
    ("America/Toronto", "winter"): datetime(2027, 1, 14, 15, 0, tzinfo=UTC),
    ("Asia/Colombo", "summer"): datetime(2026, 7, 9, 4, 30, tzinfo=UTC),
    ("Asia/Colombo", "winter"): datetime(2027, 1, 14, 4, 30, tzinfo=UTC),
    ("Africa/Abidjan", "summer"): datetime(2026, 7, 9, 10, 0, tzinfo=UTC),
    ("Africa/Abidjan", "winter"): datetime(2027, 1, 14, 10, 0, tzinfo=UTC),
}


def icaljs_times(files: dict[str, bytes], tmp_path: Path) -> dict[str, list[dict]]:
    node = shutil.which("node")
    if node is None or not ICALJS.exists():
        if os.environ.get("PORTAL_REQUIRE_ICALJS") == "1":
            raise AssertionError("ical.js is required here: run `make node-deps`")
        pytest.skip("Node or ical.js missing: `make node-deps`")
    paths = []
    for name, body in files.items():
        path = tmp_path / name
        path.write_bytes(body)
        paths.append(str(path))
    result = subprocess.run(
        [node, str(SCRIPT), str(ICALJS), *paths],
        capture_output=True,
        check=True,
        env={"TZ": "Pacific/Kiritimati", "PATH": os.environ.get("PATH", "")},
        timeout=60,
    )  # an odd local zone for Node, so that a floating time could not pass by chance
    by_path = json.loads(result.stdout)
    return {Path(path).name: events for path, events in by_path.items()}


def python_times(body: bytes) -> dict[str, tuple[datetime, datetime]]:
    """UID → (start, end) in UTC, using the file's VTIMEZONEs only."""
    calendar = Calendar.from_ical(body)
    zones = {
        str(tz["TZID"]): typing.cast(Timezone, tz).to_tz() for tz in calendar.walk("VTIMEZONE")
    }
    times: dict[str, tuple[datetime, datetime]] = {}
    for event in calendar.walk("VEVENT"):
        pair = []
        for name in ("DTSTART", "DTEND"):
            prop = typing.cast(vDDDTypes, event[name])
            value = typing.cast(datetime, prop.dt)  # meetings have times, never whole days
            if "TZID" in prop.params:
                value = value.replace(tzinfo=zones[str(prop.params["TZID"])])
            assert value.tzinfo is not None, "floating time"
            pair.append(value.astimezone(UTC))
        times[str(event["UID"])] = typing.cast(tuple[datetime, datetime], tuple(pair))
    return times


def _meetings(cast) -> dict[str, Meeting]:
    meetings: dict[str, Meeting] = {}
    for zone in ZONES:
        for season in ("summer", "winter"):
            start = EXPECTED_UTC[(zone, season)]
            meetings[f"{zone} {season}"] = typing.cast(
                Meeting,
                MeetingFactory(
                    title=f"{zone} {season}",
                    starts_at=start,
                    ends_at=start + timedelta(minutes=90),
                    timezone=zone,
                ),
            )
    return meetings


def _feed(client_for, client, name: str) -> bytes:
    response = client_for(name).post(reverse("mentoring:calendar_feed_regenerate"), follow=True)
    path = response.context["feed_url"].split("127.0.0.1:8000", 1)[1]
    return client.get(path).content


def _calendar_parts() -> list[bytes]:
    return [
        (content.encode() if isinstance(content, str) else typing.cast(bytes, content))
        for message in typing.cast(list[EmailMultiAlternatives], mail.outbox)
        for content, mimetype in message.alternatives
        if mimetype.startswith("text/calendar")
    ]


def test_every_calendar_file_reads_the_same_in_icaljs_and_icalendar(
    cast, client_for, client, tmp_path, django_capture_on_commit_callbacks
):
    meetings = _meetings(cast)
    files: dict[str, bytes] = {}
    member = client_for("member_a")
    for label, meeting in meetings.items():
        slug = label.replace("/", "-").replace(" ", "-")
        files[f"download-{slug}.ics"] = member.get(
            reverse("mentoring:meeting_ics", args=[meeting.uid])
        ).content
    files["feed.ics"] = _feed(client_for, client, "member_a")
    # Invitation, update and cancellation e-mails, in a zone with daylight saving time.
    data = {
        "kind": "quarterly",
        "title": "Zurich by e-mail",
        "agenda": "News",
        "starts_at": EXPECTED_UTC[("Europe/Zurich", "summer")],
        "ends_at": EXPECTED_UTC[("Europe/Zurich", "summer")] + timedelta(hours=1),
        "timezone": "Europe/Zurich",
        "audience": Meeting.Audience.ORGANISATIONS,
        "organisations": [cast.org_a],
    }
    with django_capture_on_commit_callbacks(execute=True):
        mailed = services.meeting_create(actor=cast.lead, data=data)
    with django_capture_on_commit_callbacks(execute=True):
        mailed = services.meeting_update(
            meeting=mailed,
            actor=cast.lead,
            data={
                "starts_at": EXPECTED_UTC[("Europe/Zurich", "winter")],
                "ends_at": EXPECTED_UTC[("Europe/Zurich", "winter")] + timedelta(hours=1),
            },
            version=mailed.version,
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=mailed, actor=cast.lead)
    parts = _calendar_parts()
    assert len(parts) >= 3
    for number, body in enumerate(parts):
        files[f"mail-{number}.ics"] = body

    expected: dict[str, tuple[datetime, datetime]] = {
        calendars.meeting_uid(m): (m.starts_at, m.ends_at) for m in meetings.values()
    }
    from_js = icaljs_times(files, tmp_path)
    for name, body in files.items():
        from_python = python_times(body)
        events = from_js[name]
        assert events, name
        for event in events:
            if event["uid"] == calendars.meeting_uid(mailed):
                continue  # its time changes between the three e-mails; checked below
            if event["uid"] not in expected:
                continue  # e.g. a next mentoring session, written in UTC
            start, end = expected[event["uid"]]
            assert (event["start"], event["end"]) == (_js(start), _js(end)), (name, event)
            assert from_python[event["uid"]] == (start, end), name
    mailed_js = [
        e["start"] for name in sorted(from_js) if name.startswith("mail-") for e in from_js[name]
    ]
    assert _js(EXPECTED_UTC[("Europe/Zurich", "summer")]) in mailed_js
    assert _js(EXPECTED_UTC[("Europe/Zurich", "winter")]) in mailed_js
    # Every event of every file was read with its zone, not as a floating time.
    feed_zones = {e["zone"] for e in from_js["feed.ics"]}
    assert {"Europe/Zurich", "America/Toronto", "Asia/Colombo"} <= feed_zones


def _js(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def test_a_french_members_feed_and_calendar_parts_are_in_french(
    cast, client_for, client, django_capture_on_commit_callbacks
):
    cast.member_a.language = "fr"
    cast.member_a.save()
    MeetingFactory(title="Réunion")
    feed = Calendar.from_ical(_feed(client_for, client, "member_a"))
    assert str(feed["X-WR-CALNAME"]) == "Mentorat AC"
    (event,) = feed.walk("VEVENT")
    assert "Page de la rencontre" in str(event["DESCRIPTION"])
    assert "Participer en ligne" in str(event["DESCRIPTION"])
    data = {
        "kind": "quarterly",
        "title": "Par courriel",
        "agenda": "",
        "starts_at": EXPECTED_UTC[("Europe/Zurich", "summer")],
        "ends_at": EXPECTED_UTC[("Europe/Zurich", "summer")] + timedelta(hours=1),
        "timezone": "Europe/Zurich",
        "audience": Meeting.Audience.ORGANISATIONS,
        "organisations": [cast.org_a],
        "call_link": "https://meet.example.org/fr",
    }
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_create(actor=cast.lead, data=data)
    message = next(m for m in mail.outbox if m.to == [cast.member_a.email])
    (part,) = [c for c, mimetype in message.alternatives if mimetype.startswith("text/calendar")]
    (event,) = Calendar.from_ical(part).walk("VEVENT")
    assert "Page de la rencontre" in str(event["DESCRIPTION"])
