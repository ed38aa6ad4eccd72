"""Calendar files, parsed back with the icalendar package: UID, SEQUENCE, TZID, times, METHOD."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from mentoring import calendars, planner
from mentoring.models import Meeting, Organisation
from mentoring.services import meetings as services
from tests.factories import MeetingFactory, OrganisationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def parse(body: bytes):
    calendar = Calendar.from_ical(body)
    return calendar, calendar.walk("VEVENT")


def test_download_has_our_uid_sequence_tzid_and_the_right_times(cast):
    meeting = MeetingFactory(
        starts_at=datetime(2027, 1, 14, 13, 0, tzinfo=UTC),
        ends_at=datetime(2027, 1, 14, 14, 30, tzinfo=UTC),
        timezone="Europe/Zurich",
        sequence=3,
    )
    calendar, (event,) = parse(calendars.meeting_download(meeting, include_link=True))
    assert calendar["METHOD"] == "PUBLISH"
    assert str(event["UID"]) == f"meeting-{meeting.uid}@127.0.0.1"
    assert event["SEQUENCE"] == 3
    assert event["DTSTART"].params["TZID"] == "Europe/Zurich"
    assert event.decoded("DTSTART") == meeting.starts_at
    assert event.decoded("DTSTART").hour == 14  # local wall-clock time in Zurich
    assert event.decoded("DTEND") == meeting.ends_at
    assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} == {"Europe/Zurich"}
    assert str(event["STATUS"]) == "CONFIRMED"
    assert meeting.call_link in str(event["DESCRIPTION"])
    assert meeting.get_absolute_url() in str(event["URL"])


def test_every_tzid_has_a_vtimezone_and_no_time_floats(cast):
    meetings = [
        MeetingFactory(timezone=zone) for zone in ["America/Toronto", "Asia/Colombo", "UTC"]
    ]
    body = calendars.feed_calendar(meetings, invited_ids=set())
    calendar, events = parse(body)
    tzids = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    for event in events:
        for name in ("DTSTART", "DTEND"):
            value = event.decoded(name)
            assert value.tzinfo is not None, "floating time"
            if "TZID" in event[name].params:
                assert event[name].params["TZID"] in tzids
    assert {"America/Toronto", "Asia/Colombo"} <= tzids
    # Feeds never carry the call link of someone not invited.
    assert "meet.example.org" not in body.decode()


def test_dst_boundary_in_toronto_is_right_in_the_calendar(cast):
    """10:00 in Toronto on 27 March 2026 (after North America's change, before Europe's) is
    14:00 UTC and 15:00 in Geneva; on 5 March it was 15:00 UTC."""
    after = planner.local_to_utc(date(2026, 3, 27), time(10, 0), "America/Toronto")
    before = planner.local_to_utc(date(2026, 3, 5), time(10, 0), "America/Toronto")
    assert after == datetime(2026, 3, 27, 14, 0, tzinfo=UTC)
    assert before == datetime(2026, 3, 5, 15, 0, tzinfo=UTC)
    meeting = MeetingFactory(
        starts_at=after, ends_at=after + timedelta(hours=1), timezone="America/Toronto"
    )
    calendar, (event,) = parse(calendars.meeting_download(meeting, include_link=False))
    assert event["DTSTART"].params["TZID"] == "America/Toronto"
    assert event.decoded("DTSTART").astimezone(UTC) == after
    assert event["DTSTART"].to_ical() == b"20260327T100000"
    assert "meet.example.org" not in str(event["DESCRIPTION"])


def test_updates_raise_the_sequence_and_keep_the_uid(cast, django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    _, (first,) = parse(calendars.meeting_download(meeting, include_link=True))
    data = {
        "title": "Renamed",
        "starts_at": meeting.starts_at + timedelta(hours=1),
        "ends_at": meeting.ends_at + timedelta(hours=1),
    }
    with django_capture_on_commit_callbacks(execute=True):
        updated = services.meeting_update(
            meeting=meeting, actor=cast.lead, data=data, version=meeting.version
        )
    _, (second,) = parse(calendars.meeting_download(updated, include_link=True))
    assert str(second["UID"]) == str(first["UID"])
    assert second["SEQUENCE"] == first["SEQUENCE"] + 1
    assert second.decoded("DTSTART") == meeting.starts_at + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = services.meeting_cancel(meeting=updated, actor=cast.lead)
    _, (third,) = parse(calendars.meeting_download(cancelled, include_link=True))
    assert str(third["STATUS"]) == "CANCELLED"
    assert third["SEQUENCE"] == second["SEQUENCE"] + 1
    assert str(third["UID"]) == str(first["UID"])


def _calendar_part(message, method: str) -> bytes:
    for content, mimetype in message.alternatives:
        if mimetype.startswith("text/calendar"):
            assert mimetype == f"text/calendar; method={method}"
            return content.encode() if isinstance(content, str) else content
    raise AssertionError("no calendar part")


def test_invitations_carry_a_request_with_organizer_and_attendee(
    cast, django_capture_on_commit_callbacks
):
    data = {
        "kind": "quarterly",
        "title": "Q1 community meeting",
        "agenda": "News",
        "starts_at": datetime(2027, 1, 14, 13, 0, tzinfo=UTC),
        "ends_at": datetime(2027, 1, 14, 14, 0, tzinfo=UTC),
        "timezone": "Europe/Zurich",
        "audience": Meeting.Audience.ORGANISATIONS,
        "organisations": [cast.org_a],
        "call_link": "https://meet.example.org/q1",
    }
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.meeting_create(actor=cast.lead, data=data)
    recipients = {m.to[0] for m in mail.outbox}
    assert recipients == {
        cast.lead.email,
        cast.mentor_a.email,
        cast.admin_a.email,
        cast.member_a.email,
    }
    message = next(m for m in mail.outbox if m.to == [cast.member_a.email])
    calendar, (event,) = parse(_calendar_part(message, "REQUEST"))
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["ORGANIZER"]).startswith("mailto:")
    assert str(event["ATTENDEE"]) == f"mailto:{cast.member_a.email}"
    assert str(event["UID"]) == f"meeting-{meeting.uid}@127.0.0.1"
    assert "https://meet.example.org/q1" in str(event["DESCRIPTION"])
    raw = message.message().as_string()
    assert 'Content-Type: text/calendar; method="REQUEST"' in raw or (
        "Content-Type: text/calendar; method=REQUEST" in raw
    )
    assert message.body and any(m == "text/html" for _, m in message.alternatives)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=meeting, actor=cast.lead)
    message = next(m for m in mail.outbox if m.to == [cast.member_a.email])
    calendar, (event,) = parse(_calendar_part(message, "CANCEL"))
    assert calendar["METHOD"] == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == 1


# --- The private feed ----------------------------------------------------------------------------


def test_feed_token_lifecycle(cast, client_for, client):
    member = client_for("member_a")
    response = member.post(reverse("mentoring:calendar_feed_regenerate"), follow=True)
    assert response.status_code == 200
    url = response.context["feed_url"]
    # Shown once: reloading the page does not show it again.
    assert member.get(reverse("mentoring:calendar_feed_created")).status_code == 302
    path = url.split("127.0.0.1:8000", 1)[1]
    MeetingFactory(title="For everyone")
    restricted = MeetingFactory(
        title="Only Bureau B", audience=Meeting.Audience.ORGANISATIONS, organisations=[cast.org_b]
    )
    feed = client.get(path)
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert "For everyone" in body and restricted.title not in body
    assert "meet.example.org" in body  # invited: the link is there

    # A new address: the old one stops working.
    response = member.post(reverse("mentoring:calendar_feed_regenerate"), follow=True)
    new_path = response.context["feed_url"].split("127.0.0.1:8000", 1)[1]
    assert client.get(path).status_code == 404
    assert client.get(new_path).status_code == 200
    # Revoked: gone.
    assert member.post(reverse("mentoring:calendar_feed_revoke")).status_code == 302
    assert client.get(new_path).status_code == 404
    # Forged.
    assert client.get("/calendar/not-a-real-token.ics").status_code == 404


def test_feed_of_a_deactivated_person_is_gone(cast, client_for, client):
    response = client_for("member_a").post(
        reverse("mentoring:calendar_feed_regenerate"), follow=True
    )
    path = response.context["feed_url"].split("127.0.0.1:8000", 1)[1]
    cast.member_a.is_active = False
    cast.member_a.save()
    assert client.get(path).status_code == 404


def test_next_mentoring_sessions_appear_in_mentor_and_member_feeds(cast, client_for, client):
    next_at = timezone.now() + timedelta(days=10)
    session = SessionFactory(
        mentorship=cast.mentorship_a, author=cast.mentor_a, next_session_at=next_at
    )
    paths = {}
    for name in ["mentor_a", "member_a", "member_b"]:
        response = client_for(name).post(reverse("mentoring:calendar_feed_regenerate"), follow=True)
        paths[name] = response.context["feed_url"].split("127.0.0.1:8000", 1)[1]
    for name in ["mentor_a", "member_a"]:
        _, events = parse(client.get(paths[name]).content)
        uids = {str(e["UID"]) for e in events}
        assert f"next-session-{session.pk}@127.0.0.1" in uids
        body = client.get(paths[name]).content.decode()
        assert "PRIVATE-NOTE" not in body and "water" not in body
    _, events = parse(client.get(paths["member_b"]).content)
    assert not any(str(e["UID"]).startswith("next-session-") for e in events)


def test_applicant_members_are_not_invited_to_community_meetings(cast, client_for, client):
    applicant = OrganisationFactory(status=Organisation.Status.APPLICANT)
    from tests.factories import MembershipFactory

    person = MembershipFactory(organisation=applicant).user
    MeetingFactory(title="Community Q3")
    from django.test import Client

    own = Client()
    own.force_login(person)
    path = own.post(reverse("mentoring:calendar_feed_regenerate"), follow=True).context["feed_url"]
    body = client.get(path.split("127.0.0.1:8000", 1)[1]).content.decode()
    assert "Community Q3" not in body
