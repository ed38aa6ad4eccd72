"""Attachments to the mentoring pages that place `{% document_attachments %}`: session logs and
community meetings, found by convention in documents/attachables.py."""

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
