"""The visibility rules moved out of views and tasks, asked directly where they now live."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from documents import permissions as dp
from documents.models import NotificationPreference
from mentoring import permissions as mp

from .factories import DocumentFactory, MentorshipFactory, ShareFactory


def test_whose_private_notes_a_search_may_read(cast):
    assert mp.private_notes_readable_q(cast.lead) == Q()
    assert mp.private_notes_readable_q(cast.mentor_a) == Q(mentorship_id__in={cast.mentorship_a.pk})
    for name in ("admin_a", "member_a", "member_b"):
        assert mp.private_notes_readable_q(cast.person(name)) is None
        assert not mp.may_read_some_private_notes(cast.person(name))
    assert mp.may_read_some_private_notes(cast.lead)
    assert mp.may_read_some_private_notes(cast.mentor_a)


def test_which_mentorships_go_into_a_calendar_feed(cast):
    closed = MentorshipFactory(organisation=cast.org_a, mentors=[cast.mentor_a], status="closed")
    assert set(mp.mentorships_in_calendar_of(cast.mentor_a)) == {cast.mentorship_a}
    assert set(mp.mentorships_in_calendar_of(cast.member_a)) == {cast.mentorship_a}
    assert closed not in mp.mentorships_in_calendar_of(cast.mentor_a)
    assert not mp.mentorships_in_calendar_of(cast.lead).exists()
    assert not mp.mentorships_in_calendar_of(AnonymousUser()).exists()


def test_whose_addresses_a_space_log_shows(cast):
    assert dp.addresses_shown_to(cast.lead, cast.org_a) is None  # everyone's
    assert dp.addresses_shown_to(cast.admin_a, cast.org_a) == {cast.admin_a.pk, cast.member_a.pk}
    assert dp.addresses_shown_to(cast.admin_a, None) == set()


def test_the_documents_of_a_space(cast):
    own = DocumentFactory(organisation=cast.org_a)
    shared = DocumentFactory(organisation=cast.org_b)
    ShareFactory(document=shared, organisation=cast.org_a)
    DocumentFactory(organisation=cast.org_b)
    library = DocumentFactory(organisation=None)
    assert set(dp.space_documents(cast.member_a, cast.org_a)) == {own, shared}
    assert set(dp.space_documents(cast.member_a, None)) == {library}
    assert set(dp.attachable_documents_for(cast.member_a, cast.org_a)) == {own, shared, library}


def test_who_is_mailed_about_a_document(cast):
    NotificationPreference.objects.create(user=cast.member_a, email_on_new_documents=False)
    people = set(dp.notified_insiders(cast.org_a, exclude_id=cast.admin_a.pk))
    assert people == {cast.mentor_a}
    assert cast.lead not in dp.notified_insiders(cast.org_a)
