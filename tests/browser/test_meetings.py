"""Community meeting journeys: the lead plans the next quarterly meeting across timezones, a
mentee in Togo answers in French and downloads the calendar file, the lead records attendance
and minutes with JavaScript off."""

import re
from datetime import timedelta
from pathlib import Path

from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from mentoring.models import Meeting, MeetingAttendance, MeetingResponse
from tests.browser.conftest import axe_check, visit
from tests.factories import MeetingFactory, OrganisationFactory


def _past_quarterly(**kwargs):
    start = (timezone.now() - timedelta(days=40)).replace(minute=0, second=0, microsecond=0)
    return MeetingFactory(
        title="Quarterly community meeting",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        series="6f1c1d2e-0000-4000-8000-000000000002",
        **kwargs,
    )


def test_lead_schedules_the_next_quarterly_meeting_with_the_planner(cast, new_context):
    OrganisationFactory(name="Toronto centre", acronym="TOR", timezone="America/Toronto")
    previous = _past_quarterly()
    page = new_context(cast.lead).new_page()
    visit(page, previous.get_absolute_url())
    page.get_by_role("link", name="Schedule the next one").click()
    page.wait_for_url(re.compile(r"/meetings/new/\?after="))
    axe_check(page)
    assert page.get_by_label("Title").input_value() == previous.title

    page.get_by_label("Starts at").fill("07:00")
    page.get_by_label("Ends at").fill("08:00")
    page.get_by_label("The meeting's timezone").select_option("UTC")
    page.get_by_role("button", name="Check the times for everyone").click()
    page.locator("#planner-table").wait_for()
    axe_check(page)
    assert page.locator("#planner-table tr[data-inside='no']").count() > 0
    assert Meeting.objects.count() == 1

    page.locator("#planner-suggestions button").first.click()
    expect(page.locator("#planner-summary")).to_contain_text("Everyone is inside")
    assert page.locator("#planner-table tr[data-inside='no']").count() == 0

    page.get_by_role("button", name="Schedule and send the invitations").click()
    page.wait_for_url(re.compile(r"/meetings/[0-9a-f-]{36}/$"))
    axe_check(page)
    meeting = Meeting.objects.exclude(pk=previous.pk).get()
    assert str(meeting.series) == str(previous.series)
    assert meeting.starts_at > timezone.now()
    assert page.get_by_role("heading", level=1).inner_text() == previous.title
    assert {m.to[0] for m in mail.outbox} >= {cast.member_a.email, cast.member_b.email}


def test_mentee_in_togo_answers_in_french_and_downloads_the_calendar_file(cast, new_context):
    cast.member_a.language = "fr"
    cast.member_a.timezone = "Africa/Lome"
    cast.member_a.save()
    meeting = MeetingFactory(title="Réunion trimestrielle", timezone="Europe/Zurich")
    page = new_context(cast.member_a, locale="fr-FR").new_page()
    visit(page, meeting.get_absolute_url())
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "Africa/Lome" in page.locator("#meeting-time").inner_text()
    assert "Europe/Zurich" in page.locator("#meeting-time").inner_text()

    page.locator("input[name='answer'][value='yes']").check()
    page.locator("input[name='note']").fill("Je viendrai avec une collègue.")
    page.locator("#answer-submit").click()
    page.locator("#my-answer[data-answer='yes']").wait_for()
    axe_check(page)
    response = MeetingResponse.objects.get(meeting=meeting, user=cast.member_a)
    assert response.answer == "yes" and response.note == "Je viendrai avec une collègue."
    assert "Amal Member" in page.locator("#coming-list").inner_text()

    with page.expect_download() as download_info:
        page.locator("#download-ics").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"meeting-{meeting.uid}@127.0.0.1"
    assert event.decoded("DTSTART") == meeting.starts_at
    assert meeting.call_link in str(event["DESCRIPTION"])


def test_lead_records_attendance_and_minutes_without_javascript(cast, new_context):
    meeting = _past_quarterly()
    page = new_context(cast.lead, javascript=False).new_page()
    visit(page, meeting.get_absolute_url())
    page.get_by_role("link", name="Record attendance").click()
    page.wait_for_url("**/attendance/")
    axe_check(page)
    page.get_by_label("Amal Member (AA)").check()
    page.get_by_label("Bo Member (BB)").check()
    page.get_by_label("Mona Mentor").check()
    page.get_by_role("button", name="Save the attendance").click()
    page.wait_for_url(re.compile(r"/meetings/[0-9a-f-]{36}/(#attendance)?$"))
    axe_check(page)
    assert MeetingAttendance.objects.filter(meeting=meeting).count() == 3

    page.get_by_role("link", name="Write the minutes").click()
    page.wait_for_url("**/minutes/")
    axe_check(page)
    page.get_by_label("Minutes").fill("## Decisions\n\n- **Share** the template terms of reference")
    page.get_by_role("button", name="Publish the minutes").click()
    page.wait_for_url(re.compile(r"/meetings/[0-9a-f-]{36}/(#minutes)?$"))
    axe_check(page)
    assert page.locator("#minutes strong").inner_text() == "Share"

    member = new_context(cast.member_b, javascript=False).new_page()
    visit(member, meeting.get_absolute_url())
    assert member.get_by_role("heading", name="Decisions").count() == 1
    assert "AA" in member.locator("#attendance").inner_text()
    visit(member, "/meetings/archive/")
    assert member.get_by_role("link", name="Read the minutes").count() == 1


def test_answer_and_feed_work_without_javascript(cast, new_context):
    meeting = MeetingFactory(kind="workshop", capacity=1)
    MeetingResponse.objects.create(meeting=meeting, user=cast.member_b, answer="yes")
    page = new_context(cast.member_a, javascript=False).new_page()
    visit(page, meeting.get_absolute_url())
    page.locator("input[name='answer'][value='yes']").check()
    page.locator("#answer-submit").click()
    page.locator("#my-answer").wait_for()
    axe_check(page)
    assert MeetingResponse.objects.get(user=cast.member_a).waitlisted
    assert "waiting list" in page.locator("#my-answer").inner_text()

    visit(page, "/profile/")
    page.locator("#feed-regenerate").click()
    page.locator("#feed-url").wait_for()
    axe_check(page)
    feed_path = page.locator("#feed-url").input_value().split("127.0.0.1:8000", 1)[1]
    anonymous = new_context().new_page()
    response = anonymous.request.get(feed_path)
    assert response.status == 200 and b"BEGIN:VCALENDAR" in response.body()


def test_planner_works_without_javascript(cast, new_context):
    # The timezone list offers the zones the programme's people use (mentoring/timezones.py).
    cast.lead.timezone = "Europe/Zurich"
    cast.lead.save(update_fields=["timezone"])
    page = new_context(cast.lead, javascript=False).new_page()
    visit(page, "/meetings/new/")
    page.get_by_label("Title").fill("Webinar on integrity pacts")
    page.get_by_label("Date").fill("2027-01-14")
    page.get_by_label("Starts at").fill("16:00")
    page.get_by_label("Ends at").fill("17:00")
    page.get_by_label("The meeting's timezone").select_option("Europe/Zurich")
    page.get_by_role("button", name="Check the times for everyone").click()
    page.locator("#planner-table").wait_for()
    axe_check(page)
    late = page.locator("#planner-table tr[data-zone='Asia/Colombo']")
    assert late.get_attribute("data-inside") == "no"
    page.locator("#planner-suggestions button").first.click()
    expect(page.locator("#planner-summary")).to_contain_text("Everyone is inside")
    assert page.get_by_label("Starts at").input_value() == "09:00"  # 08:00 in Lomé and UTC
    page.get_by_role("button", name="Schedule and send the invitations").click()
    page.wait_for_url(re.compile(r"/meetings/[0-9a-f-]{36}/$"))
    assert Meeting.objects.get().title == "Webinar on integrity pacts"
