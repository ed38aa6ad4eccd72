"""Mentorships, goals, check-ins, reminders and the number of queries per list."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mentoring.models import AuditEntry, CheckIn, Goal, Mentorship
from mentoring.roles import Role
from mentoring.tasks import send_action_item_digest, send_inactivity_reminders
from tests.factories import (
    ActionItemFactory,
    GoalFactory,
    MembershipFactory,
    MentorshipFactory,
    OrganisationFactory,
    SessionFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


# --- Mentorships -----------------------------------------------------------------------------


def test_lead_creates_and_closes_a_mentorship(cast, client_for):
    org = OrganisationFactory(name="Chapter C", slug="chapter-c")
    lead = client_for("lead")
    response = lead.post(
        reverse("mentoring:mentorship_create"),
        {
            "organisation": org.pk,
            "mentors": [cast.mentor_a.pk, cast.mentor_b.pk],
            "start_date": "2026-01-01",
            "planned_end_date": "2026-12-31",
            "status": "active",
            "closing_summary": "",
        },
    )
    assert response.status_code == 302
    mentorship = Mentorship.objects.get(organisation=org)
    assert set(mentorship.mentors.all()) == {cast.mentor_a, cast.mentor_b}
    edit = reverse("mentoring:mentorship_edit", args=[mentorship.pk])
    data = {
        "mentors": [cast.mentor_a.pk],
        "start_date": "2026-01-01",
        "planned_end_date": "2026-12-31",
        "status": "closed",
        "closing_summary": "",
        "version": "1",
    }
    refused = lead.post(edit, data)
    assert "closing_summary" in refused.context["form"].errors
    data["closing_summary"] = "They now run their own working group."
    assert lead.post(edit, data).status_code == 302
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.CLOSED and mentorship.version == 2
    assert AuditEntry.objects.filter(action="mentorship.close").exists()
    # A second lead working from the old page is told, not overwritten.
    data["closing_summary"] = "Stale text"
    stale = lead.post(edit, data)
    assert stale.status_code == 200 and "Your changes were not saved" in stale.content.decode()
    mentorship.refresh_from_db()
    assert mentorship.closing_summary == "They now run their own working group."


def test_mentorship_end_before_start_is_refused(cast, client_for):
    response = client_for("lead").post(
        reverse("mentoring:mentorship_create"),
        {
            "organisation": cast.org_a.pk,
            "mentors": [cast.mentor_a.pk],
            "start_date": "2026-06-01",
            "planned_end_date": "2026-01-01",
            "status": "active",
        },
    )
    assert response.status_code == 200
    assert "planned_end_date" in response.context["form"].errors
    assert Mentorship.objects.count() == 2


def test_mentor_choices_are_mentors_only(cast, client_for):
    form = client_for("lead").get(reverse("mentoring:mentorship_create")).context["form"]
    people = set(form.fields["mentors"].queryset)
    assert cast.mentor_a in people and cast.member_a not in people and cast.lead not in people


def test_mentorship_list_shows_each_role_its_own(cast, client_for):
    def shown(role):
        page = client_for(role).get(reverse("mentoring:mentorship_list")).context["page_obj"]
        return {m.organisation.slug for m in page}

    assert shown("lead") == {"alliance-a", "bureau-b"}
    assert shown("mentor_a") == {"alliance-a"}
    assert shown("member_b") == {"bureau-b"}


# --- Goals -----------------------------------------------------------------------------------


def test_member_adds_a_goal_and_a_concurrent_edit_is_refused(cast, client_for):
    url = reverse("mentoring:goal_create", args=[cast.mentorship_a.pk])
    data = {"title": "Sign an integrity pact", "status": "proposed", "target_date": "2026-09-01"}
    assert client_for("member_a").post(url, data).status_code == 302
    goal = Goal.objects.get()
    edit = reverse("mentoring:goal_edit", args=[goal.pk])
    first = client_for("mentor_a").post(edit, data | {"status": "in_progress", "version": "1"})
    assert first.status_code == 302
    second = client_for("member_a").post(edit, data | {"status": "dropped", "version": "1"})
    assert second.status_code == 200
    assert "Your changes were not saved" in second.content.decode()
    goal.refresh_from_db()
    assert goal.status == Goal.Status.IN_PROGRESS and goal.updated_by == cast.mentor_a


# --- Check-ins -------------------------------------------------------------------------------


def _answer(client, mentorship, stage="start", **data):
    return client.post(
        reverse("mentoring:check_in", args=[mentorship.pk, stage]),
        {"usefulness": "4", "progress": "3", "what_changed": "", "what_is_needed": ""} | data,
    )


def test_check_in_answers_are_shown_to_the_other_side_only_once_both_answered(cast, client_for):
    mentorship = cast.mentorship_a
    assert (
        _answer(client_for("mentor_a"), mentorship, what_changed="MENTOR-VIEW").status_code == 302
    )
    detail = reverse("mentoring:mentorship_detail", args=[mentorship.pk])
    assert "MENTOR-VIEW" not in client_for("member_a").get(detail).content.decode()
    assert "MENTOR-VIEW" in client_for("lead").get(detail).content.decode()
    assert "MENTOR-VIEW" in client_for("mentor_a").get(detail).content.decode()
    assert _answer(client_for("admin_a"), mentorship, what_changed="ORG-VIEW").status_code == 302
    member_page = client_for("member_a").get(detail).content.decode()
    assert "MENTOR-VIEW" in member_page and "ORG-VIEW" in member_page
    assert "ORG-VIEW" in client_for("mentor_a").get(detail).content.decode()
    assert CheckIn.objects.get(side="organisation").respondent == cast.admin_a


def test_a_side_answers_once_and_scores_are_1_to_5(cast, client_for):
    mentorship = cast.mentorship_a
    bad = _answer(client_for("member_a"), mentorship, usefulness="9")
    assert bad.status_code == 200 and "usefulness" in bad.context["form"].errors
    assert _answer(client_for("member_a"), mentorship).status_code == 302
    again = _answer(client_for("admin_a"), mentorship, usefulness="1")
    assert again.status_code == 200
    assert CheckIn.objects.get().usefulness == 4


def test_the_end_check_in_opens_near_the_planned_end(cast, client_for):
    mentorship = cast.mentorship_a
    mentorship.start_date = timezone.localdate() - dt.timedelta(days=10)
    mentorship.planned_end_date = timezone.localdate() + dt.timedelta(days=300)
    mentorship.save()
    response = _answer(client_for("member_a"), mentorship, stage="end")
    assert response.status_code == 200 and "opens on" in response.content.decode()
    assert not CheckIn.objects.exists()


# --- Notifications ---------------------------------------------------------------------------


def test_weekly_digest_reminds_owners_of_due_and_overdue_items(cast):
    today = timezone.localdate()
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    ActionItemFactory(session=session, text="Overdue org task", due_date=today - dt.timedelta(1))
    ActionItemFactory(
        session=session, text="Mentor task", owner="mentor", due_date=today + dt.timedelta(3)
    )
    ActionItemFactory(
        session=session,
        text="Ada's task",
        owner_person=cast.admin_a,
        due_date=today + dt.timedelta(2),
    )
    ActionItemFactory(session=session, text="Far away", due_date=today + dt.timedelta(30))
    ActionItemFactory(session=session, text="Done", due_date=today, done_at=timezone.now())
    cast.member_a.language = "fr"
    cast.member_a.save()
    send_action_item_digest.enqueue()
    by_person = {m.to[0]: m for m in mail.outbox}
    assert set(by_person) == {cast.member_a.email, cast.admin_a.email, cast.mentor_a.email}
    assert "Overdue org task" in by_person[cast.member_a.email].body
    assert "Ada's task" not in by_person[cast.member_a.email].body
    assert "Ada's task" in by_person[cast.admin_a.email].body
    assert "Mentor task" in by_person[cast.mentor_a.email].body
    for message in mail.outbox:
        assert "Far away" not in message.body and "Done" not in message.body
        assert "/mentoring/action-items/" in message.body
        assert message.alternatives[0][1] == "text/html"
        assert "PRIVATE-NOTE" not in message.body
    assert 'lang="fr"' in by_person[cast.member_a.email].alternatives[0][0]
    assert 'lang="en"' in by_person[cast.admin_a.email].alternatives[0][0]


def test_quiet_mentorships_remind_their_mentors(cast, settings):
    settings.PORTAL_MENTOR_REMINDER_DAYS = 45
    now = timezone.now()
    cast.mentorship_a.start_date = (now - dt.timedelta(days=200)).date()
    cast.mentorship_a.save()
    SessionFactory(
        mentorship=cast.mentorship_a, author=cast.mentor_a, started_at=now - dt.timedelta(60)
    )
    cast.mentorship_b.start_date = (now - dt.timedelta(days=200)).date()
    cast.mentorship_b.save()
    SessionFactory(
        mentorship=cast.mentorship_b, author=cast.mentor_b, started_at=now - dt.timedelta(10)
    )
    trashed = SessionFactory(
        mentorship=cast.mentorship_a, author=cast.mentor_a, started_at=now - dt.timedelta(5)
    )
    trashed.deleted_at = now
    trashed.save()
    send_inactivity_reminders.enqueue()
    assert [m.to for m in mail.outbox] == [[cast.mentor_a.email]]
    assert "45" in mail.outbox[0].body
    assert f"/mentoring/{cast.mentorship_a.pk}/sessions/new/" in mail.outbox[0].body


def test_reminder_command_enqueues_both_kinds(cast, settings):
    now = timezone.now()
    cast.mentorship_a.start_date = (now - dt.timedelta(days=100)).date()
    cast.mentorship_a.save()
    session = SessionFactory(
        mentorship=cast.mentorship_b, author=cast.mentor_b, started_at=now - dt.timedelta(2)
    )
    ActionItemFactory(session=session, due_date=now.date())
    call_command("send_mentoring_reminders", "--days", "30")
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([cast.mentor_a.email, cast.member_b.email])


# --- Query counts ----------------------------------------------------------------------------


@pytest.fixture
def busy_programme(cast):
    """60 sessions over three mentorships, each with topics, attendees and action items."""
    topics = [TopicFactory(name=name) for name in ["Funding", "Integrity pact", "Media"]]
    goal = GoalFactory(mentorship=cast.mentorship_a)
    third = MentorshipFactory(
        organisation=OrganisationFactory(), mentors=[UserFactory(role=Role.MENTOR)]
    )
    MembershipFactory(organisation=third.organisation)
    for n in range(60):
        mentorship = [cast.mentorship_a, cast.mentorship_b, third][n % 3]
        author = mentorship.mentors.first()
        session = SessionFactory(mentorship=mentorship, author=author)
        session.topics.set(topics[: n % 3 + 1])
        session.attendees.set(
            [m.user for m in mentorship.organisation.memberships.select_related("user")]
        )
        if mentorship == cast.mentorship_a:
            session.goals.add(goal)
        ActionItemFactory(session=session, due_date=timezone.localdate())
        ActionItemFactory(session=session, owner="mentor", owner_person=author)
        CheckIn.objects.get_or_create(
            mentorship=mentorship,
            stage="start",
            side="mentor",
            defaults={"usefulness": 4, "progress": 3, "respondent": author},
        )
    return cast


@pytest.mark.parametrize("role", ["lead", "mentor_a", "member_a"])
@pytest.mark.parametrize(
    "url",
    [
        "mentoring:mentorship_list",
        "mentoring:session_list",
        "mentoring:action_item_list",
        "mentoring:session_export",
        "mentoring:session_print",
        "mentoring:mentorship_detail",
    ],
)
def test_list_queries_are_bounded(
    busy_programme, client_for, django_assert_max_num_queries, role, url
):
    args = [busy_programme.mentorship_a.pk] if url == "mentoring:mentorship_detail" else []
    client = client_for(role)
    client.get(reverse(url, args=args))  # warm caches (sessions, content types)
    with django_assert_max_num_queries(14):
        response = client.get(reverse(url, args=args))
    assert response.status_code == 200


def test_trash_queries_are_bounded(busy_programme, client_for, django_assert_max_num_queries):
    from mentoring.models import Session

    Session.objects.update(deleted_at=timezone.now())
    client = client_for("lead")
    with django_assert_max_num_queries(10):
        response = client.get(reverse("mentoring:session_trash"))
    assert len(response.context["page_obj"].object_list) == 25


def test_session_detail_queries_are_bounded(
    busy_programme, client_for, django_assert_max_num_queries
):
    from mentoring.models import Session

    session = Session.objects.filter(mentorship=busy_programme.mentorship_a).first()
    client = client_for("member_a")
    with django_assert_max_num_queries(14):
        assert client.get(session.get_absolute_url()).status_code == 200


# --- Home page and demo ----------------------------------------------------------------------


def test_home_shows_next_sessions_and_open_items_of_ones_own_side(cast, client_for):
    soon = timezone.now() + dt.timedelta(days=5)
    session = SessionFactory(
        mentorship=cast.mentorship_a, author=cast.mentor_a, next_session_at=soon
    )
    ActionItemFactory(session=session, text="Org homework", owner="organisation")
    ActionItemFactory(session=session, text="Mentor homework", owner="mentor")
    mentor = client_for("mentor_a").get(reverse("portal:home")).content.decode()
    assert "Mentor homework" in mentor and "Org homework" not in mentor
    assert "What comes next" in mentor or "what comes next" in mentor
    member = client_for("member_a").get(reverse("portal:home")).content.decode()
    assert "Org homework" in member and "Mentor homework" not in member
    assert f"/mentoring/{cast.mentorship_a.pk}/" in member
    other = client_for("member_b").get(reverse("portal:home")).content.decode()
    assert "Org homework" not in other
    lead = client_for("lead").get(reverse("portal:home")).content.decode()
    assert "Org homework" not in lead


def test_demo_season_is_believable_and_idempotent(cast):
    from demo import sessions as demo_sessions
    from mentoring.models import ActionItem, Session

    for mentorship in (cast.mentorship_a, cast.mentorship_b):
        mentorship.start_date = dt.date(2023, 2, 1)
        mentorship.save()
    now = timezone.now()
    demo_sessions.seed(now=now)
    counts = (Session.objects.count(), ActionItem.objects.count(), CheckIn.objects.count())
    assert counts[0] >= 16
    today = now.date()
    assert ActionItem.objects.filter(done_at__isnull=True, due_date__lt=today).exists()
    assert ActionItem.objects.filter(done_at__isnull=False).exists()
    assert Session.objects.exclude(private_notes="").exists()
    assert (
        Session.objects.filter(started_at__year=2023).exists()
        or Session.objects.filter(started_at__lt=now - dt.timedelta(days=365)).exists()
    )
    assert Session.objects.filter(started_at__gt=now - dt.timedelta(days=30)).exists()
    demo_sessions.seed(now=now + dt.timedelta(days=3))
    assert (
        Session.objects.count(),
        ActionItem.objects.count(),
        CheckIn.objects.count(),
    ) == counts
