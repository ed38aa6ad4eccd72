"""Attachments to the mentoring pages that place `{% document_attachments %}`: session logs and
community meetings, registered explicitly in documents/attachables.py."""

import pytest
from django.urls import reverse

from documents import services
from documents.models import Attachment
from tests.factories import DocumentFactory, MeetingFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_mentor_attaches_a_space_document_to_a_session_log(cast, client_for):
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    own = DocumentFactory(organisation=cast.org_a, title="Stakeholder map")
    foreign = DocumentFactory(organisation=cast.org_b, title="B's file")
    url = reverse("documents:attach", args=["mentoring.session", session.pk])
    client = client_for("mentor_a")
    choices = set(client.get(url).context["form"].fields["document"].queryset)
    assert own in choices and foreign not in choices
    response = client.post(url, {"document": own.pk})
    assert response["Location"] == session.get_absolute_url()
    assert Attachment.objects.get().target == session
    # Members read the session and see the attachment; they may not attach (mentors log).
    assert client_for("member_a").get(url).status_code == 403
    assert client_for("member_b").get(url).status_code == 404
    page = client_for("member_a").get(session.get_absolute_url())
    assert page.status_code == 200 and "Stakeholder map" in page.content.decode()


def test_only_leads_attach_library_documents_to_a_community_meeting(cast, client_for):
    meeting = MeetingFactory()
    library = DocumentFactory(organisation=None, title="Agenda and toolkit")
    space_doc = DocumentFactory(organisation=cast.org_a, title="Confidential plan")
    url = reverse("documents:attach", args=["mentoring.meeting", meeting.pk])
    response = client_for("lead").get(url)
    assert response.status_code == 200
    assert set(response.context["form"].fields["document"].queryset) == {library}
    client_for("lead").post(url, {"document": library.pk})
    services.attachment_add(document=space_doc, target=meeting, actor=cast.lead)
    assert client_for("admin_a").get(url).status_code == 403
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = cast.member_b
    html = Template("{% load documents %}{% document_attachments meeting user %}").render(
        Context({"meeting": meeting, "user": cast.member_b, "request": request})
    )
    assert "Agenda and toolkit" in html and "Confidential plan" not in html


# --- The registry: only registered kinds, never a fallback ----------------------------------


@pytest.mark.parametrize(
    "label", ["mentoring.goal", "mentoring.meetingresponse", "portal.user", "nosuch.model"]
)
def test_an_unregistered_kind_is_refused(cast, client_for, label):
    from documents import attachables

    assert attachables.get(label) is None
    target_pk = {"mentoring.goal": "1", "portal.user": str(cast.member_a.pk)}.get(label, "1")
    url = reverse("documents:attach", args=[label, target_pk])
    assert client_for("lead").get(url).status_code == 404
    assert client_for("mentor_a").post(url, {"document": "1"}).status_code == 404


def test_a_kind_is_found_by_its_registration_not_by_a_function_name(monkeypatch):
    """Renaming or adding a permission function never makes a kind attachable, nor changes
    who may attach to it."""
    from documents import attachables
    from mentoring import permissions as mp

    monkeypatch.setattr(mp, "can_edit_goal", lambda user, obj: True)
    assert attachables.get("mentoring.goal") is None
    monkeypatch.setattr(mp, "can_edit_session", lambda user, obj: True)
    spec = attachables.get("mentoring.session")
    assert spec is not None and spec.can_attach is not mp.can_edit_session


def test_registering_a_kind_twice_is_a_configuration_error():
    from django.core.exceptions import ImproperlyConfigured

    from documents import attachables
    from mentoring import permissions as mp

    with pytest.raises(ImproperlyConfigured):
        attachables.register(
            "mentoring.session",
            visible_to=mp.sessions_visible_to,
            organisation_of=lambda obj: None,
            can_attach=lambda user, obj: True,
        )
    assert attachables.get("mentoring.session").can_attach is mp.can_edit_session


def test_detaching_from_an_object_of_a_kind_no_longer_registered_is_refused(
    cast, client_for, monkeypatch
):
    from documents import attachables

    attachment = services.attachment_add(
        document=DocumentFactory(organisation=cast.org_a), target=cast.mentorship_a, actor=cast.lead
    )
    registry = {k: v for k, v in attachables._REGISTRY.items() if k != "mentoring.mentorship"}
    monkeypatch.setattr(attachables, "_REGISTRY", registry)
    url = reverse("documents:detach", args=[attachment.pk])
    assert client_for("admin_a").post(url).status_code == 404
    assert Attachment.objects.filter(pk=attachment.pk).exists()
