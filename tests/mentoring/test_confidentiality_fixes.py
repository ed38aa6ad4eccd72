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


def test_editing_a_log_keeps_an_item_someone_ticked_off_meanwhile(cast, client_for):
    from django.utils import timezone

    from tests.factories import ActionItemFactory
    from tests.mentoring.test_sessions import _edit_payload

    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    item = ActionItemFactory(session=session, text="Send the pact")
    mentor = client_for("mentor_a")
    form = mentor.get(reverse("mentoring:session_edit", args=[session.pk])).context
    shown = form["items"].forms[0]["done_shown"].value()
    assert shown == "0"
    # The member ticks the item off while the mentor's form is open.
    item.done_at, item.done_by = timezone.now(), cast.member_a
    item.save()
    data = _edit_payload(cast, session)
    data.update(
        {
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "1",
            "items-0-id": str(item.pk),
            "items-0-text": "Send the pact",
            "items-0-owner": "organisation",
            "items-0-done_shown": shown,
        }
    )
    response = mentor.post(reverse("mentoring:session_edit", args=[session.pk]), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.done_at is not None and item.done_by == cast.member_a


def test_pictures_of_an_applicants_people_are_hidden_from_outsiders(cast, client_for):
    from mentoring.models import Organisation
    from tests.factories import MembershipFactory, OrganisationFactory
    from tests.images import png_upload

    applicant = OrganisationFactory(status=Organisation.Status.APPLICANT)
    person = MembershipFactory(organisation=applicant).user
    person.avatar.save("p.png", png_upload(), save=True)
    url = reverse("portal:avatar", args=[person.pk])
    assert client_for("member_b").get(url).status_code == 404
    response = client_for("lead").get(url)
    assert response.status_code == 200
    response.close()
    # A mentor's picture is seen by every participant.
    cast.mentor_a.avatar.save("m.png", png_upload(), save=True)
    response = client_for("member_b").get(reverse("portal:avatar", args=[cast.mentor_a.pk]))
    assert response.status_code == 200
    response.close()


def test_space_log_shows_addresses_of_the_admins_colleagues_only(cast, client_for):
    from tests.documents.test_workflows import _doc

    doc = _doc(cast)
    url = reverse("documents:download", args=[doc.public_id])
    client_for("member_a").get(url, REMOTE_ADDR="198.51.100.7").close()
    client_for("mentor_a").get(url, REMOTE_ADDR="203.0.113.9").close()
    log = reverse("documents:log", args=["alliance-a"])
    admin_view = client_for("admin_a").get(log).content.decode()
    assert "198.51.100.7" in admin_view and "203.0.113.9" not in admin_view
    lead_view = client_for("lead").get(log).content.decode()
    assert "198.51.100.7" in lead_view and "203.0.113.9" in lead_view


def test_printable_history_is_never_cached(cast, client_for):
    response = client_for("mentor_a").get(reverse("mentoring:session_print"))
    assert response["Cache-Control"] == "private, no-store"


def test_timeline_queries_do_not_grow_with_goals(cast, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import GoalFactory

    client = client_for("lead")
    url = reverse("portal:timeline", args=["alliance-a"])
    GoalFactory(mentorship=cast.mentorship_a)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    GoalFactory.create_batch(5, mentorship=cast.mentorship_a)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_digest_no_longer_reaches_a_named_owner_who_left(cast):
    import datetime as dt

    from django.core import mail
    from django.utils import timezone

    from mentoring.tasks import send_action_item_digest
    from tests.factories import ActionItemFactory

    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    ActionItemFactory(
        session=session,
        text="Confidential follow-up",
        owner_person=cast.admin_a,
        due_date=timezone.localdate() - dt.timedelta(days=1),
    )
    cast.admin_a.memberships.all().delete()  # Ada left the organisation
    send_action_item_digest.enqueue()
    recipients = {m.to[0]: m.body for m in mail.outbox}
    assert cast.admin_a.email not in recipients
    assert "Confidential follow-up" in recipients[cast.member_a.email]
