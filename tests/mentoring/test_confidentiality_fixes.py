"""Leaks found in review: each test would fail without its fix."""

import pytest
from django.urls import reverse

from mentoring.calendars import meeting_invitation
from mentoring.models import Membership
from tests.factories import MeetingFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_a_cancellation_never_carries_the_call_link(cast):
    meeting = MeetingFactory()
    cancelled = meeting_invitation(meeting, attendee=cast.member_b, cancelled=True).decode()
    assert "meet.example.org" not in cancelled
    invited = meeting_invitation(meeting, attendee=cast.member_a).decode()
    assert "meet.example.org" in invited.replace("\r\n ", "")


def test_search_reads_private_notes_only_of_mentorships_the_mentor_mentors(cast, client_for):
    # mentor_a also belongs to organisation B, so B's sessions are visible to them as a member,
    # but B's private notes are for B's mentor only.
    Membership.objects.create(user=cast.mentor_a, organisation=cast.org_b)
    SessionFactory(
        mentorship=cast.mentorship_b, author=cast.mentor_b, private_notes="secret bribes"
    )
    SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a, private_notes="own bribes")
    url = reverse("mentoring:session_list") + "?q=bribes"
    found = client_for("mentor_a").get(url).context["page_obj"].object_list
    assert [s.mentorship for s in found] == [cast.mentorship_a]
    lead_found = client_for("lead").get(url).context["page_obj"].object_list
    assert len(lead_found) == 2
