"""The organisation timeline: who sees it, what each person sees, in what order."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from documents.models import Document
from mentoring.models import CheckIn
from tests.factories import (
    CheckInFactory,
    DocumentFactory,
    GoalFactory,
    MeetingAttendanceFactory,
    MeetingFactory,
    MembershipFactory,
    MentorshipFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "PRIVATE-NOTE"


def _history(cast):
    now = timezone.now()
    session = SessionFactory(
        mentorship=cast.mentorship_a,
        author=cast.mentor_a,
        started_at=now - timedelta(days=30),
        summary="Shared: we drafted the pact",
        private_notes=f"{SECRET}: the board is divided",
    )
    goal = GoalFactory(mentorship=cast.mentorship_a, title="Sign an integrity pact")
    meeting = MeetingFactory(
        title="Quarterly March",
        starts_at=now - timedelta(days=20),
        ends_at=now - timedelta(days=19),
    )
    MeetingAttendanceFactory(meeting=meeting, user=cast.member_a, organisation=cast.org_a)
    document = DocumentFactory(organisation=cast.org_a, title="Pact draft", created_by=cast.admin_a)
    Document.objects.filter(pk=document.pk).update(created_at=now - timedelta(days=10))
    other = DocumentFactory(organisation=cast.org_b, title="Bureau paper")
    SessionFactory(mentorship=cast.mentorship_b, author=cast.mentor_b, summary="Bureau session")
    return session, goal, meeting, document, other


def test_the_lead_sees_everything_newest_first_with_private_notes(cast, client_for):
    session, goal, meeting, document, other = _history(cast)
    response = client_for("lead").get(reverse("portal:timeline", args=["alliance-a"]))
    events = list(response.context["page_obj"])
    assert [e.kind for e in events] == ["goal", "document", "meeting", "session"]
    html = response.content.decode()
    assert SECRET in html
    assert "Pact draft" in html and "Quarterly March" in html and "Sign an integrity pact" in html
    assert "Bureau paper" not in html and "Bureau session" not in html


def test_members_see_their_timeline_without_private_notes(cast, client_for):
    _history(cast)
    html = client_for("member_a").get(reverse("portal:timeline", args=["alliance-a"])).content
    html = html.decode()
    assert "we drafted the pact" in html and "Pact draft" in html
    assert SECRET not in html
    assert "Private mentor notes" not in html


def test_the_organisations_mentor_reads_the_private_notes(cast, client_for):
    _history(cast)
    html = client_for("mentor_a").get(reverse("portal:timeline", args=["alliance-a"])).content
    assert SECRET in html.decode()


def test_check_in_answers_follow_the_check_in_visibility_rule(cast, client_for):
    mentor_answer = CheckInFactory(
        mentorship=cast.mentorship_a, stage="start", side="mentor", what_changed="MENTOR-VIEW"
    )
    url = reverse("portal:timeline", args=["alliance-a"])
    # Only the mentor answered: the organisation does not see it yet, the lead and mentor do.
    assert "MENTOR-VIEW" not in client_for("member_a").get(url).content.decode()
    assert "MENTOR-VIEW" in client_for("mentor_a").get(url).content.decode()
    assert "MENTOR-VIEW" in client_for("lead").get(url).content.decode()
    CheckInFactory(
        mentorship=cast.mentorship_a, stage="start", side="organisation", what_changed="ORG-VIEW"
    )
    member_html = client_for("member_a").get(url).content.decode()
    assert "MENTOR-VIEW" in member_html and "ORG-VIEW" in member_html
    assert CheckIn.objects.filter(pk=mentor_answer.pk).exists()


def test_a_second_organisation_member_sees_the_same_history(cast, client_for):
    _history(cast)
    colleague = MembershipFactory(organisation=cast.org_a).user
    client = Client()
    client.force_login(colleague)
    assert (
        "we drafted the pact"
        in client.get(reverse("portal:timeline", args=["alliance-a"])).content.decode()
    )


def test_timeline_paginates_and_its_queries_do_not_grow(
    cast, client_for, django_assert_max_num_queries
):
    mentorship = MentorshipFactory(organisation=cast.org_a, mentors=[cast.mentor_a])
    for day in range(30):
        SessionFactory(
            mentorship=mentorship,
            author=cast.mentor_a,
            started_at=timezone.now() - timedelta(days=day + 1),
        )
    client = client_for("lead")
    url = reverse("portal:timeline", args=["alliance-a"])
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert len(response.context["page_obj"]) == 25
    assert len(client.get(url, {"page": 2}).context["page_obj"]) == 5
