"""Domain rules with one home: the quiet-mentorship days, the check-in schedule, confirmed
places. Every page and e-mail that states a rule asks the same method, so they agree."""

import datetime as dt

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentoring.models import MeetingResponse, Mentorship
from mentoring.tasks import send_inactivity_reminders

from ..factories import MeetingFactory, MeetingResponseFactory, MentorshipFactory, SessionFactory


def test_the_dashboard_the_list_and_the_reminder_agree_on_the_quiet_days(
    cast, client_for, settings
):
    settings.PORTAL_MENTOR_REMINDER_DAYS = 30
    now = timezone.now()
    for mentorship in (cast.mentorship_a, cast.mentorship_b):
        mentorship.start_date = (now - dt.timedelta(days=200)).date()
        mentorship.save()
    # A: quiet for 35 days (quiet at 30, not at the default 45); B: a session 20 days ago.
    SessionFactory(
        mentorship=cast.mentorship_a, author=cast.mentor_a, started_at=now - dt.timedelta(35)
    )
    SessionFactory(
        mentorship=cast.mentorship_b, author=cast.mentor_b, started_at=now - dt.timedelta(20)
    )

    dashboard = client_for("lead").get(reverse("portal:dashboard")).content.decode()
    assert "Mentorships with no session for 30 days" in dashboard
    assert "Last session 35 days ago." in dashboard
    assert "45" not in dashboard.split("Mentorships with no session for")[1][:20]

    listing = client_for("lead").get(reverse("mentoring:mentorship_list")).content.decode()
    assert listing.count("no session for 30 days") == 1
    row_a = listing.split(str(cast.org_a))[1].split("</tr>")[0]
    assert "no session for 30 days" in row_a

    detail = client_for("mentor_a").get(cast.mentorship_a.get_absolute_url()).content.decode()
    assert "No session has been logged for more than 30 days." in detail

    send_inactivity_reminders.enqueue()
    assert [m.to for m in mail.outbox] == [[cast.mentor_a.email]]
    assert "30" in mail.outbox[0].body

    assert list(Mentorship.objects.quiet()) == [cast.mentorship_a]
    settings.PORTAL_MENTOR_REMINDER_DAYS = 45
    assert not Mentorship.objects.quiet().exists()


def test_the_check_in_schedule_opens_before_it_is_due(db):
    start = dt.date(2025, 1, 1)
    planned = MentorshipFactory(start_date=start, planned_end_date=dt.date(2025, 12, 31))
    schedule = planned.check_in_schedule()
    assert (schedule["start"].opens_on, schedule["start"].due_on) == (start, dt.date(2025, 1, 15))
    assert schedule["midpoint"].opens_on == schedule["midpoint"].due_on == dt.date(2025, 7, 2)
    assert schedule["end"].opens_on == dt.date(2025, 12, 17)
    assert schedule["end"].due_on == dt.date(2025, 12, 31)
    open_ended = MentorshipFactory(start_date=start, planned_end_date=None).check_in_schedule()
    assert open_ended["midpoint"].due_on is None and open_ended["end"].due_on is None
    assert open_ended["end"].opens_on == dt.date(2025, 12, 18)


def test_confirmed_places_leave_out_the_waiting_list_and_maybes(db):
    meeting = MeetingFactory()
    yes = MeetingResponseFactory(meeting=meeting, answer="yes")
    MeetingResponseFactory(meeting=meeting, answer="yes", waitlisted=True)
    MeetingResponseFactory(meeting=meeting, answer="maybe")
    assert list(MeetingResponse.objects.confirmed()) == [yes]
    assert type(meeting).objects.with_confirmed_count().get(pk=meeting.pk).coming == 1
