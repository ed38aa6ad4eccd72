"""The admin keeps the house rules: the mentoring records are read-only there, session logs go
to the trash (audited, versioned) and never are hard-deleted, and what stays editable is
audited on save."""

import pytest
from django.urls import reverse

from mentoring.models import AuditEntry, Session
from tests.factories import ActionItemFactory, CheckInFactory, GoalFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _records(cast):
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    return {
        "mentorship": cast.mentorship_a,
        "goal": GoalFactory(mentorship=cast.mentorship_a),
        "session": session,
        "actionitem": ActionItemFactory(session=session),
        "checkin": CheckInFactory(mentorship=cast.mentorship_a, respondent=cast.member_a),
    }


def test_mentoring_records_cannot_be_edited_or_deleted_in_the_admin(cast, client_for):
    client = client_for("lead")
    for name, obj in _records(cast).items():
        change = reverse(f"admin:mentoring_{name}_change", args=[obj.pk])
        page = client.get(change)
        assert page.status_code == 200, name  # leads still read them
        assert not page.context["has_change_permission"], name
        before = type(obj)._base_manager.filter(pk=obj.pk).values().get()
        client.post(change, {})  # a forged edit changes nothing
        assert type(obj)._base_manager.filter(pk=obj.pk).values().get() == before, name
        delete = reverse(f"admin:mentoring_{name}_delete", args=[obj.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403, name
        assert type(obj)._base_manager.filter(pk=obj.pk).exists(), name
        assert client.get(reverse(f"admin:mentoring_{name}_add")).status_code == 403, name
    assert not AuditEntry.objects.exists()


def test_an_admin_delete_moves_a_log_to_the_trash_audited_and_versioned(cast, client_for):
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    changelist = reverse("admin:mentoring_session_changelist")
    client = client_for("lead")
    choices = client.get(changelist).context["action_form"].fields["action"].choices
    assert {value for value, _label in choices} == {"", "move_to_trash", "restore_from_trash"}
    client.post(changelist, {"action": "delete_selected", "_selected_action": [session.pk]})
    assert Session.objects.filter(pk=session.pk).exists()
    response = client.post(
        changelist, {"action": "move_to_trash", "_selected_action": [session.pk]}
    )
    assert response.status_code == 302
    session = Session.all_objects.get(pk=session.pk)
    assert session.deleted_by == cast.lead and session.version == 2
    entry = AuditEntry.objects.get(action="session.trash")
    assert entry.actor == cast.lead and entry.organisation == cast.org_a
    client.post(changelist, {"action": "restore_from_trash", "_selected_action": [session.pk]})
    session.refresh_from_db()
    assert session.deleted_at is None and session.version == 3
    assert AuditEntry.objects.filter(action="session.restore", actor=cast.lead).exists()


def test_an_admin_edit_of_an_organisation_is_audited_and_bumps_its_version(cast, client_for):
    org = cast.org_a
    change = reverse("admin:mentoring_organisation_change", args=[org.pk])
    form = client_for("lead").get(change).context["adminform"].form
    data = {
        name: form.initial.get(name) or ""
        for name in form.fields
        if name not in {"focus_areas", "logo"}
    }
    data.update(
        {
            "name": "Alliance A (renamed)",
            "cohort": org.cohort_id,
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        }
    )
    response = client_for("lead").post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    org.refresh_from_db()
    assert org.name == "Alliance A (renamed)" and org.version == 2
    entry = AuditEntry.objects.get(action="organisation.admin_edit")
    assert entry.actor == cast.lead and entry.organisation == org and "name" in entry.summary
