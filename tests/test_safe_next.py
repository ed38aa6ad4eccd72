"""`next=` is followed only to a path on this site (mentoring.http.safe_next); anything else
goes to the page's safe default, after the change is saved, and is never a 500."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from documents import services as document_services
from documents.models import Attachment
from mentoring.http import safe_next
from portal.models import User

from .factories import ActionItemFactory, DocumentFactory, SessionFactory

HOSTILE = [
    "portal:home",  # a view name: redirect() would try to reverse it
    "documents",  # a bare word, neither a path nor a name
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "javascript:alert(1)",
    "/ok\r\nSet-Cookie: x=1",
    "/with space",
    "\x00/",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_anything_but_a_same_site_path_gives_the_default(value):
    request = RequestFactory().post("/", {"next": value})
    assert safe_next(request, "/default/") == "/default/"


@pytest.mark.parametrize("value", ["/", "/documents/?q=plan&page=2", "/mentoring/3/#goals"])
def test_a_same_site_path_is_kept(value):
    assert safe_next(RequestFactory().post("/", {"next": value}), "/default/") == value
    assert safe_next(RequestFactory().get("/", {"next": value}), "/default/") == value


@pytest.mark.parametrize("value", HOSTILE)
def test_language_switch_of_an_anonymous_visitor(client, value):
    response = client.post(reverse("portal:set_language"), {"language": "fr", "next": value})
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies["django_language"].value == "fr"


@pytest.mark.parametrize("value", HOSTILE)
def test_language_switch_of_a_signed_in_person(cast, client_for, value):
    response = client_for("member_a").post(
        reverse("portal:set_language"), {"language": "fr", "next": value}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert User.objects.get(pk=cast.member_a.pk).language == "fr"


@pytest.mark.parametrize("value", HOSTILE)
def test_action_item_tick(cast, client_for, value):
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    item = ActionItemFactory(session=session)
    url = reverse("mentoring:action_item_toggle", args=[item.pk])
    response = client_for("member_a").post(url, {"done": "1", "next": value})
    assert response.status_code == 302 and response["Location"] == session.get_absolute_url()
    item.refresh_from_db()
    assert item.done_at is not None


@pytest.mark.parametrize("value", HOSTILE)
def test_attach(cast, client_for, value):
    document = DocumentFactory(organisation=cast.org_a)
    url = reverse("documents:attach", args=["mentoring.mentorship", cast.mentorship_a.pk])
    page = client_for("mentor_a").get(url, {"next": value})
    assert page.status_code == 200 and page.context["next"] == cast.mentorship_a.get_absolute_url()
    response = client_for("mentor_a").post(url, {"document": document.pk, "next": value})
    assert response.status_code == 302
    assert response["Location"] == cast.mentorship_a.get_absolute_url()
    assert Attachment.objects.filter(document=document).exists()


@pytest.mark.parametrize("value", HOSTILE)
def test_detach(cast, client_for, value):
    document = DocumentFactory(organisation=cast.org_a)
    attachment = document_services.attachment_add(
        document=document, target=cast.mentorship_a, actor=cast.admin_a
    )
    url = reverse("documents:detach", args=[attachment.pk])
    response = client_for("member_a").post(url, {"next": value})
    assert response.status_code == 302
    assert response["Location"] == cast.mentorship_a.get_absolute_url()
    assert not Attachment.objects.exists()


def test_a_same_site_path_is_followed_after_detaching(cast, client_for):
    attachment = document_services.attachment_add(
        document=DocumentFactory(organisation=cast.org_a),
        target=cast.mentorship_a,
        actor=cast.admin_a,
    )
    url = reverse("documents:detach", args=[attachment.pk])
    response = client_for("member_a").post(url, {"next": "/documents/?page=2"})
    assert response["Location"] == "/documents/?page=2"
