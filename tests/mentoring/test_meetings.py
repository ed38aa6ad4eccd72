"""Community meetings: who sees what, scheduling with the planner, bad input, answers,
attendance, minutes, reminders, and bounded queries."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mentoring.models import (
    AuditEntry,
    Meeting,
    MeetingAttendance,
    MeetingReminder,
    MeetingResponse,
    Organisation,
)
from mentoring.services import meetings as services
from tests.factories import (
    MeetingFactory,
    MeetingResponseFactory,
    MembershipFactory,
    MentorshipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _only_a(**kwargs):
    return MeetingFactory(
        title="Alliance A only", audience=Meeting.Audience.ORGANISATIONS, **kwargs
    )


def test_call_link_is_only_for_invitees(cast, client_for):
    meeting = MeetingFactory(call_link="https://meet.example.org/secret-room")
    applicant = OrganisationFactory(status=Organisation.Status.APPLICANT)
    outsider = MembershipFactory(organisation=applicant).user
    from django.test import Client

    client = Client()
    client.force_login(outsider)
    page = client.get(meeting.get_absolute_url())
    assert page.status_code == 200
    assert "secret-room" not in page.content.decode()
    assert "answer-form" not in page.content.decode()
    ics = client.get(reverse("mentoring:meeting_ics", args=[meeting.uid]))
    assert "secret-room" not in ics.content.decode()
    assert client.post(reverse("mentoring:meeting_answer", args=[meeting.uid])).status_code == 403
    for name in ["member_b", "mentor_a", "lead"]:
        assert "secret-room" in client_for(name).get(meeting.get_absolute_url()).content.decode()


def test_restricted_meeting_is_invisible_in_lists_of_outsiders(cast, client_for):
    _only_a(organisations=[cast.org_a])
    cohort_meeting = MeetingFactory(title="Cohort meeting", audience=Meeting.Audience.COHORTS)
    cohort_meeting.cohorts.set([cast.org_b.cohort])
    titles_b = [m.title for m in client_for("member_b").get("/meetings/").context["page_obj"]]
    assert "Alliance A only" not in titles_b and "Cohort meeting" in titles_b
    titles_a = [m.title for m in client_for("member_a").get("/meetings/").context["page_obj"]]
    assert "Alliance A only" in titles_a


# --- Scheduling -------------------------------------------------------------------------------


def _form(**overrides):
    data = {
        "kind": "quarterly",
        "title": "Q1 2027 community meeting",
        "start_date": "2027-01-14",
        "start_time": "14:00",
        "end_time": "15:30",
        "end_date": "",
        "timezone": "Europe/Zurich",
        "audience": "community",
        "agenda": "**News** from each organisation",
        "call_link": "https://meet.example.org/q1",
        "venue": "",
        "address": "",
        "capacity": "",
        "travel_notes": "",
        "save": "1",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_lead_schedules_a_meeting_and_invitees_get_a_calendar_request(
    cast, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("lead").post(reverse("mentoring:meeting_create"), _form())
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.starts_at == datetime(2027, 1, 14, 13, 0, tzinfo=UTC)
    assert meeting.ends_at == datetime(2027, 1, 14, 14, 30, tzinfo=UTC)
    assert meeting.series is not None
    assert AuditEntry.objects.filter(action="meeting.create").count() == 1
    people = {cast.lead, cast.mentor_a, cast.mentor_b, cast.admin_a, cast.member_a, cast.member_b}
    assert {m.to[0] for m in mail.outbox} == {p.email for p in people}
    assert all(
        any(mt == "text/calendar; method=REQUEST" for _, mt in m.alternatives) for m in mail.outbox
    )


def test_invitation_is_in_the_invitees_language_and_timezone(
    cast, client_for, django_capture_on_commit_callbacks
):
    cast.member_b.language = "fr"
    cast.member_b.timezone = "Asia/Colombo"
    cast.member_b.save()
    with django_capture_on_commit_callbacks(execute=True):
        client_for("lead").post(reverse("mentoring:meeting_create"), _form())
    message = next(m for m in mail.outbox if m.to == [cast.member_b.email])
    assert "jeudi 14 jan. 2027" in message.body  # French day and month names, day first
    assert "(Asia/Colombo, UTC+5:30)" in message.body  # the zone with its offset
    assert "18:30" in message.body  # 14:00 in Zurich is 18:30 in Colombo
    assert "Asia/Colombo" in message.body and "Europe/Zurich" in message.body


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"end_time": "13:00"}, "end_time"),
        ({"end_time": "14:00"}, "end_time"),
        ({"start_date": "2027-03-28", "start_time": "02:30", "end_time": "04:00"}, "start_time"),
        ({"start_date": "2027-10-31", "start_time": "02:30", "end_time": "04:00"}, "start_time"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"call_link": "javascript:alert(1)"}, "call_link"),
        ({"call_link": "ftp://files.example.org/room"}, "call_link"),
        ({"audience": "organisations"}, "organisations"),
        ({"audience": "cohorts"}, "cohorts"),
        ({"capacity": "0"}, "capacity"),
        ({"start_date": "14/01/2027"}, "start_date"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(
    cast, client_for, overrides, field
):
    response = client_for("lead").post(reverse("mentoring:meeting_create"), _form(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Meeting.objects.exists()
    assert not mail.outbox


def test_dst_messages_say_what_is_wrong(cast, client_for):
    gap = client_for("lead").post(
        reverse("mentoring:meeting_create"),
        _form(start_date="2027-03-28", start_time="02:30", end_time="04:00"),
    )
    assert "does not exist" in str(gap.context["form"].errors["start_time"])
    fold = client_for("lead").post(
        reverse("mentoring:meeting_create"),
        _form(start_date="2027-10-31", start_time="02:30", end_time="04:00"),
    )
    assert "happens twice" in str(fold.context["form"].errors["start_time"])


def test_checking_the_times_shows_the_planner_and_saves_nothing(cast, client_for):
    OrganisationFactory(name="Toronto centre", acronym="TOR", timezone="America/Toronto")
    OrganisationFactory(name="Colombo chapter", acronym="COL", timezone="Asia/Colombo")
    data = _form(title="", start_time="13:00", end_time="14:00")
    del data["save"]
    data["check"] = "1"
    response = client_for("lead").post(reverse("mentoring:meeting_create"), data)
    assert response.status_code == 200
    assert not Meeting.objects.exists()
    plan = response.context["plan"]
    rows = {row.participant.label: row for row in plan["rows"]}
    assert rows["TOR"].start.strftime("%H:%M") == "07:00" and not rows["TOR"].inside
    assert rows["COL"].start.strftime("%H:%M") == "17:30" and rows["COL"].inside
    assert "Lena Lead (Programme lead)" in rows
    html = response.content.decode()
    assert 'id="planner-table"' in html and "planner-outside" in html
    # Suggestions keep everyone inside; choosing one fills in the form.
    suggestion = plan["suggestions"][0]
    assert suggestion["utc"] == datetime(2027, 1, 14, 13, 0, tzinfo=UTC)
    data["use_slot"] = suggestion["utc"].isoformat()
    chosen = client_for("lead").post(reverse("mentoring:meeting_create"), data)
    form = chosen.context["form"]
    assert form.data["start_time"] == "14:00" and form.data["end_time"] == "15:00"
    assert all(row.inside for row in chosen.context["plan"]["rows"])


def test_no_slot_fits_a_long_workshop_so_the_planner_rotates(cast, client_for):
    OrganisationFactory(name="Toronto centre", acronym="TOR", timezone="America/Toronto")
    OrganisationFactory(name="Colombo chapter", acronym="COL", timezone="Asia/Colombo")
    data = _form(start_time="13:00", end_time="16:00")
    del data["save"]
    response = client_for("lead").post(reverse("mentoring:meeting_create"), data)
    plan = response.context["plan"]
    assert plan["suggestions"] == []
    assert len(plan["rotation"]) == 4
    assert 'id="planner-rotation"' in response.content.decode()


def test_schedule_the_next_of_a_quarterly_series(cast, client_for):
    previous = MeetingFactory(
        starts_at=datetime(2026, 10, 15, 12, 0, tzinfo=UTC),
        ends_at=datetime(2026, 10, 15, 13, 30, tzinfo=UTC),
        series="6f1c1d2e-0000-4000-8000-000000000001",
    )
    response = client_for("lead").get(
        reverse("mentoring:meeting_create") + f"?after={previous.uid}"
    )
    form = response.context["form"]
    assert str(form.initial["start_date"]) == "2027-01-14"
    assert form.initial["title"] == previous.title
    data = _form(title=previous.title)
    response = client_for("lead").post(
        reverse("mentoring:meeting_create") + f"?after={previous.uid}", data
    )
    assert response.status_code == 302
    assert str(Meeting.objects.exclude(pk=previous.pk).get().series) == str(previous.series)
    assert client_for("lead").get("/meetings/new/?after=not-a-uuid").status_code == 200


# --- Editing, concurrency, cancelling ----------------------------------------------------------


def test_edit_with_a_stale_version_is_refused_and_shows_the_other_version(cast, client_for):
    meeting = MeetingFactory(timezone="Europe/Zurich")
    form = client_for("lead").get(reverse("mentoring:meeting_edit", args=[meeting.uid]))
    version = form.context["form"].initial["version"]
    services.meeting_update(
        meeting=meeting, actor=cast.lead, data={"title": "Their title"}, version=version
    )
    local = meeting.starts_at.astimezone(timezone.get_current_timezone())
    data = _form(
        title="My title",
        version=str(version),
        start_date=str(meeting.starts_at.astimezone(UTC).date()),
        start_time="10:00",
        end_time="11:00",
    )
    assert local  # the original time is irrelevant: the save is refused before
    response = client_for("lead").post(reverse("mentoring:meeting_edit", args=[meeting.uid]), data)
    assert response.status_code == 200
    assert "Your changes were not saved" in response.content.decode()
    assert response.context["conflict"].title == "Their title"
    meeting.refresh_from_db()
    assert meeting.title == "Their title"


def test_editing_tells_invitees_and_new_and_removed_ones(
    cast, client_for, django_capture_on_commit_callbacks
):
    meeting = _only_a(organisations=[cast.org_a])
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(
            meeting=meeting,
            actor=cast.lead,
            data={"organisations": [cast.org_b], "title": "Now for B"},
            version=meeting.version,
        )
    by_person = {m.to[0]: m for m in mail.outbox}
    methods = {
        email: next(mt for _, mt in m.alternatives if mt.startswith("text/calendar"))
        for email, m in by_person.items()
    }
    assert methods[cast.member_a.email] == "text/calendar; method=CANCEL"
    assert methods[cast.member_b.email] == "text/calendar; method=REQUEST"
    assert methods[cast.lead.email] == "text/calendar; method=REQUEST"  # update
    assert AuditEntry.objects.filter(action="meeting.edit").exists()


def test_reschedule_is_audited_as_such(cast):
    meeting = MeetingFactory()
    services.meeting_update(
        meeting=meeting,
        actor=cast.lead,
        data={
            "starts_at": meeting.starts_at + timedelta(days=1),
            "ends_at": meeting.ends_at + timedelta(days=1),
        },
        version=meeting.version,
    )
    assert AuditEntry.objects.filter(action="meeting.reschedule").exists()


def test_cancel_closes_answers_and_edits(cast, client_for):
    meeting = MeetingFactory()
    client_for("lead").post(reverse("mentoring:meeting_cancel", args=[meeting.uid]))
    meeting.refresh_from_db()
    assert meeting.is_cancelled and meeting.sequence == 1
    response = client_for("member_a").post(
        reverse("mentoring:meeting_answer", args=[meeting.uid]), {"answer": "yes"}
    )
    assert response.status_code == 302
    assert not MeetingResponse.objects.exists()
    page = client_for("member_a").get(meeting.get_absolute_url(), follow=True)
    assert "cancelled" in page.content.decode().lower()
    assert (
        client_for("lead").get(reverse("mentoring:meeting_edit", args=[meeting.uid])).status_code
        == 302
    )


# --- Answers and capacity ------------------------------------------------------------------------


def test_invitee_answers_changes_and_sees_who_is_coming(cast, client_for):
    meeting = MeetingFactory()
    url = reverse("mentoring:meeting_answer", args=[meeting.uid])
    client_for("member_b").post(url, {"answer": "yes"})
    client_for("member_a").post(url, {"answer": "maybe", "note": "Only the first hour"})
    client_for("member_a").post(url, {"answer": "yes", "note": "I will be there"})
    response = MeetingResponse.objects.get(user=cast.member_a)
    assert response.answer == "yes" and response.note == "I will be there"
    page = client_for("member_a").get(meeting.get_absolute_url()).content.decode()
    assert "Bo Member" in page and "(BB)" in page
    assert "Amal Member" in page and "(AA)" in page


def test_bad_answer_changes_nothing(cast, client_for):
    meeting = MeetingFactory()
    client_for("member_a").post(
        reverse("mentoring:meeting_answer", args=[meeting.uid]), {"answer": "perhaps"}
    )
    assert not MeetingResponse.objects.exists()


def test_answers_close_at_the_start(cast, client_for):
    meeting = MeetingFactory(
        starts_at=timezone.now() - timedelta(minutes=5),
        ends_at=timezone.now() + timedelta(minutes=55),
    )
    response = client_for("member_a").post(
        reverse("mentoring:meeting_answer", args=[meeting.uid]), {"answer": "yes"}, follow=True
    )
    assert "answers are closed" in response.content.decode()
    assert not MeetingResponse.objects.exists()


def test_capacity_waiting_list_and_promotion(cast, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(kind="workshop", capacity=2)
    first = services.meeting_answer(meeting=meeting, user=cast.member_a, answer="yes")
    second = services.meeting_answer(meeting=meeting, user=cast.member_b, answer="yes")
    third = services.meeting_answer(meeting=meeting, user=cast.admin_a, answer="yes")
    assert not first.waitlisted and not second.waitlisted and third.waitlisted
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_answer(meeting=meeting, user=cast.member_b, answer="no")
    third.refresh_from_db()
    assert not third.waitlisted
    assert [m.to for m in mail.outbox] == [[cast.admin_a.email]]
    assert "A place is yours" in mail.outbox[0].subject


def test_capacity_cannot_go_below_those_already_coming(cast, client_for):
    meeting = MeetingFactory(kind="workshop", capacity=5)
    for person in [cast.member_a, cast.member_b, cast.admin_a]:
        MeetingResponseFactory(meeting=meeting, user=person)
    local = meeting.starts_at.astimezone(UTC)
    data = _form(
        capacity="2",
        version=str(meeting.version),
        timezone="UTC",
        start_date=str(local.date()),
        start_time=local.strftime("%H:%M"),
        end_time=(local + timedelta(hours=1)).strftime("%H:%M"),
    )
    response = client_for("lead").post(reverse("mentoring:meeting_edit", args=[meeting.uid]), data)
    assert response.status_code == 200
    assert "3 people already have a place" in str(response.context["form"].errors["capacity"])
    meeting.refresh_from_db()
    assert meeting.capacity == 5


def test_lead_sees_counts_and_reminds_only_those_who_have_not_answered(
    cast, client_for, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    MeetingResponseFactory(meeting=meeting, user=cast.member_a, answer="yes")
    MeetingResponseFactory(meeting=meeting, user=cast.member_b, answer="no")
    page = client_for("lead").get(meeting.get_absolute_url())
    assert page.context["counts"] == {"yes": 1, "no": 1, "maybe": 0}
    unanswered = {p.email for p in page.context["unanswered"]}
    assert unanswered == {
        cast.lead.email,
        cast.mentor_a.email,
        cast.mentor_b.email,
        cast.admin_a.email,
    }
    assert (
        "count-yes" not in client_for("member_a").get(meeting.get_absolute_url()).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client_for("lead").post(reverse("mentoring:meeting_remind", args=[meeting.uid]))
    assert {m.to[0] for m in mail.outbox} == unanswered
    assert all("Will you come?" in m.subject for m in mail.outbox)


# --- After the meeting -----------------------------------------------------------------------------


def _past(**kwargs):
    start = timezone.now() - timedelta(days=3)
    return MeetingFactory(starts_at=start, ends_at=start + timedelta(hours=1), **kwargs)


def test_lead_records_attendance_per_person_and_organisation(cast, client_for):
    meeting = _past()
    url = reverse("mentoring:meeting_attendance", args=[meeting.uid])
    everyone = [cast.member_a.pk, cast.admin_a.pk, cast.member_b.pk, cast.mentor_a.pk]
    response = client_for("lead").post(url, {"attendees": everyone, "attendance_version": 1})
    assert response.status_code == 302
    rows = {a.user: a.organisation for a in MeetingAttendance.objects.all()}
    assert rows == {
        cast.member_a: cast.org_a,
        cast.admin_a: cast.org_a,
        cast.member_b: cast.org_b,
        cast.mentor_a: None,
    }
    # Unticking removes; an outsider's id is refused.
    outsider = UserFactory()
    response = client_for("lead").post(
        url, {"attendees": [cast.member_a.pk, outsider.pk], "attendance_version": 2}
    )
    assert response.status_code == 200 and "attendees" in response.context["form"].errors
    client_for("lead").post(url, {"attendees": [cast.member_a.pk], "attendance_version": 2})
    assert list(MeetingAttendance.objects.values_list("user", flat=True)) == [cast.member_a.pk]
    page = client_for("member_b").get(meeting.get_absolute_url())
    assert page.context["attendance_by_org"] == [(cast.org_a, [cast.member_a])]


def test_minutes_are_published_sanitised_and_shown_to_invitees_only(cast, client_for):
    meeting = _past(audience=Meeting.Audience.ORGANISATIONS)
    meeting.organisations.set([cast.org_a])
    url = reverse("mentoring:meeting_minutes", args=[meeting.uid])
    client_for("lead").post(
        url,
        {
            "minutes": "## Decisions\n**Next** meeting in April <script>alert(1)</script>",
            "version": meeting.version,
        },
    )
    meeting.refresh_from_db()
    assert meeting.minutes_published_at is not None
    page = client_for("member_a").get(meeting.get_absolute_url()).content.decode()
    assert "<strong>Next</strong>" in page and "<script>alert" not in page
    assert client_for("member_b").get(meeting.get_absolute_url()).status_code == 404


def test_minutes_concurrent_save_is_refused(cast, client_for):
    meeting = _past()
    url = reverse("mentoring:meeting_minutes", args=[meeting.uid])
    stale = meeting.version
    client_for("lead").post(url, {"minutes": "First", "version": stale})
    response = client_for("lead").post(url, {"minutes": "Second", "version": stale})
    assert response.status_code == 200
    assert response.context["conflict"].minutes == "First"
    meeting.refresh_from_db()
    assert meeting.minutes == "First"


def test_archive_filters_by_year_and_kind(cast, client_for):
    for year, kind in [(2023, "quarterly"), (2023, "workshop"), (2024, "quarterly")]:
        start = datetime(year, 6, 1, 12, 0, tzinfo=UTC)
        MeetingFactory(kind=kind, starts_at=start, ends_at=start + timedelta(hours=1))
    MeetingFactory()  # upcoming: not in the archive
    client = client_for("member_a")
    assert len(client.get("/meetings/archive/").context["page_obj"]) == 3
    assert len(client.get("/meetings/archive/?year=2023").context["page_obj"]) == 2
    page = client.get("/meetings/archive/?year=2023&kind=workshop").context["page_obj"]
    assert [m.kind for m in page] == ["workshop"]
    assert client.get("/meetings/archive/?year=abc").status_code == 200


# --- Reminders ----------------------------------------------------------------------------------


def test_reminders_are_due_once_at_each_step(cast, settings):
    settings.PORTAL_MEETING_REMINDERS_HOURS = [168, 24]
    now = timezone.now()
    in_six_days = MeetingFactory(
        starts_at=now + timedelta(days=6), ends_at=now + timedelta(days=6, hours=1)
    )
    in_twenty_hours = MeetingFactory(
        starts_at=now + timedelta(hours=20), ends_at=now + timedelta(hours=21)
    )
    MeetingFactory(starts_at=now + timedelta(days=9), ends_at=now + timedelta(days=9, hours=1))
    cancelled = MeetingFactory(
        starts_at=now + timedelta(hours=5), ends_at=now + timedelta(hours=6), cancelled_at=now
    )
    due = services.meeting_reminders_due(now=now)
    assert sorted(due) == sorted([(in_six_days.pk, 168), (in_twenty_hours.pk, 24)])
    assert all(pk != cancelled.pk for pk, _ in due)


def test_reminder_command_is_idempotent_and_skips_those_who_declined(cast, settings):
    settings.PORTAL_MEETING_REMINDERS_HOURS = [168, 24]
    now = timezone.now()
    meeting = MeetingFactory(starts_at=now + timedelta(hours=20), ends_at=now + timedelta(hours=21))
    MeetingResponseFactory(meeting=meeting, user=cast.member_b, answer="no")
    cast.member_a.language = "fr"
    cast.member_a.save()
    call_command("send_meeting_reminders", stdout=__import__("io").StringIO())
    recipients = {m.to[0] for m in mail.outbox}
    assert cast.member_b.email not in recipients
    assert cast.member_a.email in recipients and len(recipients) == 5
    assert MeetingReminder.objects.count() == 5
    french = next(m for m in mail.outbox if m.to == [cast.member_a.email])
    assert 'lang="fr"' in french.alternatives[0][0]
    mail.outbox.clear()
    call_command("send_meeting_reminders", stdout=__import__("io").StringIO())
    assert mail.outbox == []


# --- Home, profile ----------------------------------------------------------------------------


def test_home_shows_the_next_meeting_and_profile_the_feed(cast, client_for):
    MeetingFactory(title="Next quarterly")
    client = client_for("member_a")
    assert "Next quarterly" in client.get("/").content.decode()
    profile = client.get("/profile/").content.decode()
    assert "feed-regenerate" in profile and "feed-revoke" not in profile
    client.post(reverse("mentoring:calendar_feed_regenerate"), follow=True)
    assert "feed-revoke" in client.get("/profile/").content.decode()


def test_agenda_markdown_is_sanitised(cast, client_for):
    meeting = MeetingFactory(agenda="[x](javascript:alert(1)) <img src=x onerror=alert(1)> **ok**")
    page = client_for("member_a").get(meeting.get_absolute_url()).content.decode()
    assert "javascript:" not in page and "onerror" not in page and "<strong>ok</strong>" in page


def test_times_are_shown_in_the_viewers_zone_with_the_meetings_zone_beside(cast, client_for):
    cast.member_b.timezone = "Asia/Colombo"
    cast.member_b.save()
    start = datetime(2027, 1, 14, 13, 0, tzinfo=UTC)
    meeting = MeetingFactory(
        starts_at=start, ends_at=start + timedelta(hours=1), timezone="Europe/Zurich"
    )
    page = client_for("member_b").get(meeting.get_absolute_url()).content.decode()
    assert "6:30 p.m." in page or "18:30" in page
    assert "Asia/Colombo" in page and "Europe/Zurich" in page


# --- Query counts ------------------------------------------------------------------------------


def test_list_archive_detail_and_planner_queries_are_bounded(
    cast, client_for, django_assert_max_num_queries
):
    people = [UserFactory() for _ in range(10)]
    for i in range(30):
        meeting = MeetingFactory()
        for person in people[: i % 10]:
            MeetingResponseFactory(meeting=meeting, user=person)
    for _ in range(30):
        past = _past()
        MeetingAttendance.objects.create(meeting=past, user=cast.member_a)
    for _ in range(15):
        organisation = OrganisationFactory()
        MentorshipFactory(organisation=organisation, mentors=[UserFactory(role="mentor")])
        for _ in range(3):
            MembershipFactory(organisation=organisation, user__timezone="America/Toronto")
    client = client_for("member_a")
    with django_assert_max_num_queries(12):
        client.get("/meetings/")
    with django_assert_max_num_queries(12):
        client.get("/meetings/archive/")
    busy = MeetingFactory()
    for _ in range(40):
        MeetingResponseFactory(meeting=busy, user=MembershipFactory(organisation=cast.org_a).user)
    lead = client_for("lead")
    with django_assert_max_num_queries(20):
        lead.get(busy.get_absolute_url())
    with django_assert_max_num_queries(12):
        client.get(busy.get_absolute_url())
    data = _form()
    del data["save"]
    with django_assert_max_num_queries(15):
        lead.post(reverse("mentoring:meeting_create"), data)
    with django_assert_max_num_queries(15):
        lead.get(reverse("mentoring:meeting_attendance", args=[busy.uid]))


def test_leads_attach_materials_and_invitees_see_the_section(cast, client_for):
    meeting = _past()
    lead_page = client_for("lead").get(meeting.get_absolute_url()).content.decode()
    assert 'id="materials"' in lead_page and "Attach a document" in lead_page
    member_page = client_for("member_a").get(meeting.get_absolute_url()).content.decode()
    assert 'id="materials"' in member_page and "Attach a document" not in member_page


def test_correcting_a_past_meeting_sends_no_email(cast, django_capture_on_commit_callbacks):
    meeting = _past()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(
            meeting=meeting, actor=cast.lead, data={"title": "Corrected"}, version=meeting.version
        )
    meeting.refresh_from_db()
    assert meeting.title == "Corrected" and meeting.sequence == 1
    assert mail.outbox == []


@pytest.mark.django_db
def test_demo_has_past_meetings_with_minutes_and_an_upcoming_one_with_answers(settings):
    import io

    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    counts = (
        Meeting.objects.count(),
        MeetingResponse.objects.count(),
        MeetingAttendance.objects.count(),
    )
    call_command("seed_demo", stdout=io.StringIO())
    assert counts == (
        Meeting.objects.count(),
        MeetingResponse.objects.count(),
        MeetingAttendance.objects.count(),
    )
    past = Meeting.objects.past().filter(kind="quarterly")
    assert past.count() >= 4
    assert all(m.minutes and m.attendance.exists() for m in past)
    basel = Meeting.objects.get(kind="workshop")
    assert basel.starts_at.year == 2022 and basel.starts_at.month == 7 and basel.capacity
    upcoming = Meeting.objects.upcoming().filter(kind="quarterly").get()
    assert upcoming.responses.filter(answer="yes").exists()
    assert not upcoming.responses.filter(user__email="mentee@demo.example").exists()
    assert mail.outbox == []  # the demo sends nothing
