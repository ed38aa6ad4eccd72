"""One edit-conflict mechanism (mentoring/conflicts.py) and the audit helper (mentoring/audit.py)."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from mentoring.audit import ORGANISATION_OF, audit, organisation_of
from mentoring.conflicts import EditConflict, rebase_form, versioned_update
from mentoring.forms.sessions import GoalForm
from mentoring.models import AuditEntry, Goal, MeetingAttendance, Organisation, Session
from tests.factories import (
    ActionItemFactory,
    CheckInFactory,
    DocumentFactory,
    GoalFactory,
    InvitationFactory,
    MeetingFactory,
    SessionFactory,
)

from .test_organisations import _edit_payload

pytestmark = pytest.mark.django_db

ONE_MESSAGE = "Your changes were not saved: someone else saved this page after you opened it."


# --- versioned_update ---------------------------------------------------------------------


def test_versioned_update_writes_only_over_the_version_it_was_given(cast):
    goal = GoalFactory(mentorship=cast.mentorship_a, title="Old")
    assert versioned_update(Goal.objects, pk=goal.pk, version=1, fields={"title": "New"}) == 2
    with pytest.raises(EditConflict) as refused:
        versioned_update(Goal.objects, pk=goal.pk, version=1, fields={"title": "Stale"})
    assert refused.value.current.title == "New" and refused.value.current.version == 2
    with pytest.raises(EditConflict):  # a form that carried no version never matches
        versioned_update(Goal.objects, pk=goal.pk, version=None, fields={"title": "Blind"})
    goal.refresh_from_db()
    assert (goal.title, goal.version) == ("New", 2)


def test_something_gone_meanwhile_is_a_conflict_without_a_version_and_a_404(cast):
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    session.trash(by=cast.mentor_a)
    with pytest.raises(EditConflict) as refused:
        versioned_update(Session.objects, pk=session.pk, version=2)
    assert refused.value.current is None
    with pytest.raises(Http404):
        rebase_form(GoalForm({"version": "1"}), refused.value)


def test_rebase_keeps_what_was_typed_and_takes_the_saved_version(cast):
    form = GoalForm({"title": "Mine", "status": "proposed", "version": "1"})
    assert form.is_valid()
    saved = GoalFactory(mentorship=cast.mentorship_a, title="Theirs")
    Goal.objects.filter(pk=saved.pk).update(version=4)
    saved.refresh_from_db()
    assert rebase_form(form, EditConflict(saved)) == saved
    assert form["version"].value() == "4" and form["title"].value() == "Mine"


# --- Organisation profiles and meeting attendance join it -----------------------------------


def test_a_stale_organisation_profile_edit_is_refused_and_theirs_shown(cast, client_for):
    url = reverse("mentoring:organisation_edit", args=["alliance-a"])
    stale = _edit_payload(cast.org_a, city="Kara")
    theirs = _edit_payload(cast.org_a, city="Sokodé", slug="alliance-a", status="active")
    theirs["cohort"] = cast.org_a.cohort_id
    assert client_for("lead").post(url, theirs).status_code == 302
    response = client_for("admin_a").post(url, stale)
    assert response.status_code == 200
    page = response.content.decode()
    assert ONE_MESSAGE in page and "Sokodé" in page
    cast.org_a.refresh_from_db()
    assert (cast.org_a.city, cast.org_a.version) == ("Sokodé", 2)
    assert response.context["form"]["version"].value() == "2"
    assert client_for("admin_a").post(url, stale | {"version": 2}).status_code == 302
    cast.org_a.refresh_from_db()
    assert (cast.org_a.city, cast.org_a.version) == ("Kara", 3)
    assert AuditEntry.objects.filter(action="organisation.edit").count() == 2


def test_a_stale_attendance_list_is_refused(cast, client_for):
    start = timezone.now() - timedelta(days=2)
    meeting = MeetingFactory(starts_at=start, ends_at=start + timedelta(hours=1))
    url = reverse("mentoring:meeting_attendance", args=[meeting.uid])
    first = client_for("lead").post(url, {"attendees": [cast.member_a.pk], "attendance_version": 1})
    assert first.status_code == 302
    second = client_for("lead").post(
        url, {"attendees": [cast.member_b.pk], "attendance_version": 1}
    )
    assert second.status_code == 200
    assert ONE_MESSAGE in second.content.decode()
    assert second.context["conflict"].pk == meeting.pk
    assert list(MeetingAttendance.objects.values_list("user", flat=True)) == [cast.member_a.pk]
    assert second.context["form"]["attendance_version"].value() == "2"


# --- Audit: the organisation comes from the object, the address from the request -----------


def test_every_kind_of_target_names_its_organisation(cast):
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    expected = {
        cast.org_a: cast.org_a,
        cast.mentorship_a: cast.org_a,
        GoalFactory(mentorship=cast.mentorship_a): cast.org_a,
        session: cast.org_a,
        ActionItemFactory(session=session): cast.org_a,
        CheckInFactory(mentorship=cast.mentorship_b, respondent=cast.member_b): cast.org_b,
        DocumentFactory(organisation=cast.org_b): cast.org_b,
        DocumentFactory(organisation=None): None,
        InvitationFactory(organisation=cast.org_b): cast.org_b,
        MeetingFactory(): None,
        cast.member_a: None,
        cast.member_a.memberships.get(): cast.org_a,
    }
    for target, organisation in expected.items():
        assert organisation_of(target) == organisation, target
    tried = {target._meta.label_lower for target in expected}
    # The apps built on mentoring (intake, community) are tried in their own tests.
    core = {
        label
        for label in ORGANISATION_OF
        if label.split(".")[0] in {"mentoring", "documents", "portal"}
    }
    assert tried == core  # every kind of the core apps is tried


def test_an_unplaced_kind_of_target_is_an_error_not_an_entry_without_tenant(cast):
    with pytest.raises(LookupError):
        organisation_of(cast.org_a.cohort)
    for label in ORGANISATION_OF:
        assert apps.get_model(label)  # no stale names in the register


def test_an_explicit_organisation_still_wins_and_outside_requests_have_no_address(cast):
    entry = audit("session.export", actor=cast.lead, organisation=cast.org_b)
    assert entry.organisation == cast.org_b and entry.ip_address is None
    assert audit("report.download", actor=cast.lead).organisation is None


def test_the_client_address_comes_from_the_request_through_middleware(cast, client_for):
    client_for("admin_a").post(
        reverse("mentoring:organisation_edit", args=["alliance-a"]),
        _edit_payload(cast.org_a, city="Kara"),
        REMOTE_ADDR="198.51.100.23",
    )
    entry = AuditEntry.objects.get(action="organisation.edit")
    assert entry.ip_address == "198.51.100.23"
    assert entry.organisation == cast.org_a
    assert isinstance(entry.organisation, Organisation)


def test_an_invalid_profile_with_an_empty_address_is_a_form_message_not_a_500(cast, client_for):
    response = client_for("lead").post(
        reverse("mentoring:organisation_edit", args=["alliance-a"]),
        _edit_payload(cast.org_a, slug="", status="", name="Renamed"),
    )
    assert response.status_code == 200
    assert "status" in response.context["form"].errors
    assert response.context["organisation"].name == "Alliance A"
