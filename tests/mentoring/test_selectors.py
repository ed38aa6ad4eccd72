"""The meeting page's selector: what each person's page holds, decided by permissions."""

from mentoring import selectors
from mentoring.models import Meeting

from ..factories import MeetingFactory, MeetingResponseFactory, UserFactory


def test_invitees_see_the_answers_and_leads_also_the_counts(cast):
    meeting = MeetingFactory()
    MeetingResponseFactory(meeting=meeting, user=cast.member_a, answer="yes")
    MeetingResponseFactory(meeting=meeting, user=cast.member_b, answer="maybe")
    member = selectors.meeting_page(cast.member_a, meeting)
    assert member["invitee"] and not member["can_manage"]
    assert [r.user for r in member["coming"]] == [cast.member_a]
    assert member["my_response"].user == cast.member_a
    assert "counts" not in member and "unanswered" not in member
    lead = selectors.meeting_page(cast.lead, meeting)
    assert lead["counts"] == {"yes": 1, "maybe": 1, "no": 0}
    assert cast.admin_a in lead["unanswered"] and cast.member_a not in lead["unanswered"]
    assert lead["waiting_count"] == 0


def test_someone_outside_the_audience_gets_only_the_meeting(cast):
    meeting = MeetingFactory(audience=Meeting.Audience.ORGANISATIONS, organisations=[cast.org_b])
    outsider = UserFactory(role="mentor")
    page = selectors.meeting_page(outsider, meeting)
    assert page == {"meeting": meeting, "invitee": False, "can_manage": False}
