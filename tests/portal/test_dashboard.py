"""The programme leads' dashboard: who reaches it, its figures against hand-built data, its
charts, "needs attention" and a query count that does not grow with the programme."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Meeting, Mentorship, Organisation
from mentoring.roles import Role
from portal.dashboard import figures as fig
from portal.dashboard.attention import sections
from portal.dashboard.filters import CUSTOM, Scope, ScopeForm, period_dates
from tests.factories import (
    ActionItemFactory,
    CheckInFactory,
    CohortFactory,
    InvitationFactory,
    MeetingAttendanceFactory,
    MeetingFactory,
    MembershipFactory,
    MentorshipFactory,
    OrganisationFactory,
    SessionFactory,
    UserFactory,
)

from .dashboard_data import PERIOD, at, programme

pytestmark = pytest.mark.django_db


def test_dashboard_is_in_the_leads_navigation_only(cast, client_for):
    url = reverse("portal:dashboard")
    assert f'href="{url}"' in client_for("lead").get("/").content.decode()
    assert f'href="{url}"' not in client_for("mentor_a").get("/").content.decode()


def test_unknown_download_format_is_404(cast, client_for):
    assert client_for("lead").get("/reports/funder/pdf/").status_code == 404


# --- Periods ---------------------------------------------------------------------------------


def test_period_arithmetic():
    today = date(2026, 2, 14)
    assert period_dates("this_quarter", today) == (date(2026, 1, 1), date(2026, 3, 31))
    assert period_dates("last_quarter", today) == (date(2025, 10, 1), date(2025, 12, 31))
    assert period_dates("this_year", today) == (date(2026, 1, 1), date(2026, 12, 31))
    assert period_dates("last_year", today) == (date(2025, 1, 1), date(2025, 12, 31))
    assert period_dates("this_quarter", date(2026, 12, 31)) == (
        date(2026, 10, 1),
        date(2026, 12, 31),
    )


@pytest.mark.django_db
def test_period_boundaries_are_midnight_in_the_viewers_timezone():
    with timezone.override("America/Toronto"):
        scope = Scope(first_day=date(2025, 3, 1), last_day=date(2025, 3, 31))
        assert scope.start == at(2025, 3, 1, 5)  # EST, UTC-5
        assert scope.end == at(2025, 4, 1, 4)  # EDT from 9 March, UTC-4


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data, message",
    [
        ({"start": "2025-05-01", "end": "2025-04-01"}, "must not be before the first day"),
        ({"start": "not a date", "end": "2025-04-01"}, "Enter a valid date"),
        ({"start": "2025-05-01"}, "Give the last day"),
    ],
)
def test_a_bad_custom_range_is_explained_and_falls_back_to_this_quarter(
    cast, client_for, data, message
):
    response = client_for("lead").get(reverse("portal:dashboard"), {"period": CUSTOM, **data})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "showing this quarter instead" in html
    first, last = period_dates("this_quarter", timezone.localdate())
    assert response.context["scope"].first_day == first
    assert response.context["scope"].last_day == last


@pytest.mark.django_db
def test_default_period_is_this_quarter():
    form = ScopeForm({})
    scope, fell_back = form.scope()
    assert not fell_back
    assert (scope.first_day, scope.last_day) == period_dates("this_quarter", timezone.localdate())


# --- Figures ---------------------------------------------------------------------------------


def _lead_in(tz: str):
    return UserFactory(role=Role.LEAD, timezone=tz)


def test_figures_match_the_hand_built_programme(client):
    programme(3)
    lead = _lead_in("UTC")
    client.force_login(lead)
    response = client.get(reverse("portal:dashboard"), PERIOD)
    figures = response.context["figures"]
    assert figures.active_organisations == 3
    assert figures.countries == 1
    assert figures.mentorships == 3
    assert figures.mentors == 3
    assert figures.sessions == 6
    assert figures.hours == 9.0
    assert figures.action_items_done == 3
    assert figures.action_items_overdue == 3
    assert figures.meetings_held == 1
    assert (figures.invited, figures.attended, figures.attendance_rate) == (3, 3, 100)
    assert figures.documents_added == 3
    assert figures.documents_shared == 3
    assert [(m.month, m.sessions, m.hours) for m in figures.months] == [
        (date(2025, 3, 1), 6, 9.0),
        (date(2025, 4, 1), 0, 0),
    ]
    html = response.content.decode()
    assert '<svg class="chart" role="img" aria-labelledby="chart-sessions-title' in html
    assert '<title id="chart-sessions-title">Sessions per month</title>' in html


def test_trashed_sessions_and_other_periods_do_not_count(client):
    org = programme(1)[0]
    mentorship = org.mentorships.get()
    SessionFactory(mentorship=mentorship, started_at=at(2025, 3, 9), deleted_at=at(2025, 3, 10))
    SessionFactory(mentorship=mentorship, started_at=at(2025, 5, 1, 12))
    with timezone.override("UTC"):
        figures = fig.compute(Scope(date(2025, 3, 1), date(2025, 4, 30)))
    assert (figures.sessions, figures.minutes) == (2, 180)


@pytest.mark.parametrize(
    "tz, march, april",
    [
        # 23:30 on 31 March in Toronto is 03:30 on 1 April in UTC: March for a lead in Toronto.
        ("America/Toronto", 2, 0),
        # ... and April in UTC and in Colombo.
        ("UTC", 1, 1),
        ("Asia/Colombo", 1, 1),
    ],
)
def test_sessions_crossing_a_month_boundary_count_in_the_viewers_month(client, tz, march, april):
    mentorship = MentorshipFactory()
    SessionFactory(mentorship=mentorship, started_at=at(2025, 3, 15, 12), duration_minutes=30)
    SessionFactory(mentorship=mentorship, started_at=at(2025, 4, 1, 3, 30), duration_minutes=45)
    client.force_login(_lead_in(tz))
    response = client.get(reverse("portal:dashboard"), PERIOD)
    months = {m.month: m.sessions for m in response.context["figures"].months}
    assert (months[date(2025, 3, 1)], months[date(2025, 4, 1)]) == (march, april)
    assert response.context["figures"].hours == 1.2  # 75 minutes


def test_colombo_lead_counts_a_late_utc_session_in_the_next_month():
    SessionFactory(started_at=at(2025, 3, 31, 20), duration_minutes=60)  # 01:30 on 1 April
    with timezone.override("Asia/Colombo"):
        months = fig.session_months(Scope(date(2025, 3, 1), date(2025, 4, 30)))
    assert [m.sessions for m in months] == [0, 1]
    with timezone.override("America/Toronto"):
        months = fig.session_months(Scope(date(2025, 3, 1), date(2025, 4, 30)))
    assert [m.sessions for m in months] == [1, 0]


def test_cohort_and_country_filters(client):
    programme(2, prefix="old", cohort_year=2023)
    new = programme(3, prefix="new", cohort_year=2024)
    Organisation.objects.filter(pk=new[0].pk).update(country="TG")
    client.force_login(_lead_in("UTC"))
    cohort = new[0].cohort
    figures = client.get(reverse("portal:dashboard"), {**PERIOD, "cohort": cohort.pk}).context[
        "figures"
    ]
    assert (figures.active_organisations, figures.sessions, figures.countries) == (3, 6, 2)
    figures = client.get(
        reverse("portal:dashboard"), {**PERIOD, "cohort": cohort.pk, "country": "TG"}
    ).context["figures"]
    assert (figures.active_organisations, figures.sessions, figures.documents_added) == (1, 2, 1)
    # The meeting for the other cohort did not invite anyone in this scope.
    assert figures.meetings_held == 1 and figures.invited == 1


def test_attendance_rate_by_audience():
    cohort = CohortFactory(year=2024, name="C")
    a, b, c, d = (OrganisationFactory(cohort=cohort) for _ in range(4))
    OrganisationFactory(cohort=cohort, status=Organisation.Status.ALUMNI)
    everyone = MeetingFactory(starts_at=at(2025, 3, 1, 9), ends_at=at(2025, 3, 1, 10))
    chosen = MeetingFactory(
        starts_at=at(2025, 3, 2, 9),
        ends_at=at(2025, 3, 2, 10),
        audience=Meeting.Audience.ORGANISATIONS,
        organisations=[a, b],
    )
    MeetingFactory(  # cancelled: not held
        starts_at=at(2025, 3, 3, 9), ends_at=at(2025, 3, 3, 10), cancelled_at=at(2025, 2, 1)
    )
    for org in (a, b, c):
        MeetingAttendanceFactory(meeting=everyone, organisation=org)
    MeetingAttendanceFactory(meeting=everyone, organisation=a)  # a second person of A
    MeetingAttendanceFactory(meeting=chosen, organisation=a)
    MeetingAttendanceFactory(meeting=chosen, organisation=d)  # not invited: not counted
    with timezone.override("UTC"):
        figures = fig.compute(Scope(date(2025, 3, 1), date(2025, 3, 31)))
    rows = {m.title: (m.invited, m.attended) for m in figures.meetings}
    assert rows == {everyone.title: (4, 3), chosen.title: (2, 1)}
    assert figures.meetings_held == 2
    assert figures.attendance_rate == round(100 * 4 / 6)


# --- Needs attention -------------------------------------------------------------------------


def _attention(scope=None) -> dict:
    scope = scope or Scope(date(2025, 1, 1), date(2025, 3, 31))
    return {s.key: s for s in sections(scope)}


def test_quiet_mentorships_are_listed_with_a_link_to_the_mentorship():
    today = timezone.localdate()
    quiet = MentorshipFactory(start_date=today - timedelta(days=200))
    SessionFactory(mentorship=quiet, started_at=timezone.now() - timedelta(days=50))
    busy = MentorshipFactory(start_date=today - timedelta(days=200))
    SessionFactory(mentorship=busy, started_at=timezone.now() - timedelta(days=3))
    never = MentorshipFactory(start_date=today - timedelta(days=60))
    new = MentorshipFactory(start_date=today - timedelta(days=10))
    closed = MentorshipFactory(start_date=today - timedelta(days=200), status="closed")
    lines = _attention()["quiet"].lines
    names = {line.text for line in lines}
    assert names == {str(quiet.organisation), str(never.organisation)}
    assert str(busy.organisation) not in names and str(new.organisation) not in names
    assert str(closed.organisation) not in names
    assert any(line.url == quiet.get_absolute_url() for line in lines)


def test_overdue_action_items_link_to_their_session():
    overdue = ActionItemFactory(due_date=timezone.localdate() - timedelta(days=1))
    ActionItemFactory(due_date=timezone.localdate() - timedelta(days=1), done_at=timezone.now())
    ActionItemFactory(due_date=timezone.localdate() + timedelta(days=1))
    trashed = ActionItemFactory(due_date=timezone.localdate() - timedelta(days=5))
    trashed.session.deleted_at = timezone.now()
    trashed.session.save()
    lines = _attention()["overdue"].lines
    assert [line.url for line in lines] == [overdue.session.get_absolute_url()]
    assert overdue.text in lines[0].text


def test_organisations_that_missed_the_last_two_quarterly_meetings():
    now = timezone.now()
    absent, present, once = (OrganisationFactory() for _ in range(3))
    OrganisationFactory(status=Organisation.Status.ALUMNI)
    older = MeetingFactory(starts_at=now - timedelta(days=200), ends_at=now - timedelta(days=199))
    last = MeetingFactory(starts_at=now - timedelta(days=100), ends_at=now - timedelta(days=99))
    latest = MeetingFactory(starts_at=now - timedelta(days=10), ends_at=now - timedelta(days=9))
    MeetingFactory(
        kind="workshop", starts_at=now - timedelta(days=5), ends_at=now - timedelta(days=4)
    )
    MeetingAttendanceFactory(meeting=older, organisation=absent)
    MeetingAttendanceFactory(meeting=latest, organisation=present)
    MeetingAttendanceFactory(meeting=last, organisation=once)
    lines = _attention()["meetings"].lines
    assert [line.text for line in lines] == [str(absent)]
    assert lines[0].url == reverse("portal:timeline", args=[absent.slug])


def test_unanswered_check_ins_name_the_stage_and_the_missing_side():
    today = timezone.localdate()
    mentorship = MentorshipFactory(
        start_date=today - timedelta(days=100), planned_end_date=today + timedelta(days=60)
    )
    CheckInFactory(mentorship=mentorship, stage="start", side="organisation")
    lines = _attention()["check_ins"].lines
    # Start due (day 14, only the organisation answered), midpoint due (day 80), end not yet.
    assert [line.text for line in lines] == [
        f"{mentorship.organisation}: Start",
        f"{mentorship.organisation}: Midpoint",
    ]
    assert "The mentor" in lines[0].detail and "The organisation" not in lines[0].detail
    assert "The organisation" in lines[1].detail and "The mentor" in lines[1].detail
    assert lines[0].url == mentorship.get_absolute_url()


def test_invitations_not_accepted():
    now = timezone.now()
    old = InvitationFactory(email="old@example.org")
    fresh = InvitationFactory(email="fresh@example.org")
    expired = InvitationFactory(email="expired@example.org", expires_at=now - timedelta(days=1))
    InvitationFactory(
        email="revoked@example.org", expires_at=now - timedelta(days=1), revoked_at=now
    )
    InvitationFactory(email="accepted@example.org", accepted_at=now)
    type(old).objects.filter(pk__in=[old.pk, expired.pk]).update(
        created_at=now - timedelta(days=20)
    )
    type(old).objects.filter(pk=fresh.pk).update(created_at=now - timedelta(days=2))
    lines = _attention()["invitations"].lines
    assert sorted(line.text.split(" ")[0] for line in lines) == [
        "expired@example.org",
        "old@example.org",
    ]
    assert all(line.url.startswith(reverse("portal:invitation_list")) for line in lines)


def test_attention_lines_are_shown_as_links_on_the_dashboard(client):
    mentorship = MentorshipFactory(start_date=timezone.localdate() - timedelta(days=90))
    client.force_login(_lead_in("UTC"))
    html = client.get(reverse("portal:dashboard")).content.decode()
    assert f'href="{mentorship.get_absolute_url()}">{mentorship.organisation}</a>' in html


# --- Performance -----------------------------------------------------------------------------


def _queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_dashboard_queries_do_not_grow_with_the_programme(client):
    client.force_login(_lead_in("Africa/Lome"))
    url = reverse("portal:dashboard")
    programme(3, prefix="small")
    MeetingFactory(starts_at=at(2024, 12, 1, 9), ends_at=at(2024, 12, 1, 10))
    cohort = CohortFactory(year=2024, name="Cohort small")
    small = _queries(client, url, PERIOD), _queries(client, url, {**PERIOD, "cohort": cohort.pk})
    programme(30, prefix="large")
    MembershipFactory.create_batch(5)
    Mentorship.objects.update(start_date=date(2024, 1, 1), planned_end_date=date(2025, 12, 1))
    large = _queries(client, url, PERIOD), _queries(client, url, {**PERIOD, "cohort": cohort.pk})
    assert small == large
    assert max(large) <= 20


def test_a_french_speaking_lead_gets_the_dashboard_and_report_in_french_formats(client):
    programme(2)
    lead = UserFactory(role=Role.LEAD, language="fr", timezone="Africa/Abidjan")
    client.force_login(lead)
    response = client.get(reverse("portal:dashboard"), PERIOD)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "mars 2025" in html  # month labels of the charts follow the language
    assert client.get(reverse("portal:funder_report"), PERIOD).status_code == 200
