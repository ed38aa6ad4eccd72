"""Search within what the viewer may see (both database branches), attachments shown only to
people who may open them, and bounded query counts on long lists."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from documents import services
from documents.models import Attachment, Document
from documents.views import search_documents
from tests.factories import DocumentFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(cast):
    return {
        "pact": DocumentFactory(
            organisation=cast.org_a,
            title="Integrity pact for road works",
            tags="procurement, roads",
            created_by=cast.admin_a,
        ),
        "budget": DocumentFactory(
            organisation=cast.org_a, title="Budget 2024", description="Réunion des bailleurs"
        ),
        "b_only": DocumentFactory(organisation=cast.org_b, title="Integrity survey of Bureau B"),
        "library": DocumentFactory(organisation=None, title="Toolkit", tags="integrity"),
    }


def _titles(client, q):
    response = client.get(reverse("documents:index"), {"q": q})
    return sorted(d.title for d in response.context["page_obj"])


def test_search_covers_title_description_tags_and_file_name(cast, client_for, corpus):
    client = client_for("member_a")
    assert _titles(client, "integrity") == ["Integrity pact for road works", "Toolkit"]
    assert _titles(client, "bailleurs") == ["Budget 2024"]
    assert _titles(client, "roads") == ["Integrity pact for road works"]
    corpus["budget"].current_version.original_name = "comptes-annuels.xlsx"
    corpus["budget"].current_version.save()
    assert _titles(client, "annuels") == ["Budget 2024"]


def test_search_never_reaches_beyond_what_the_viewer_may_see(cast, client_for, corpus):
    assert "Integrity survey of Bureau B" not in _titles(client_for("member_a"), "survey")
    assert _titles(client_for("member_b"), "pact") == []
    assert _titles(client_for("lead"), "survey") == ["Integrity survey of Bureau B"]


def test_simple_match_branch_on_sqlite(cast, corpus):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite branch")
    found = search_documents(Document.objects.all(), "PACT")
    assert list(found) == [corpus["pact"]]


def test_full_text_branch_on_postgresql(cast, corpus):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL full-text search runs on PostgreSQL only")
    found = list(search_documents(Document.objects.all(), "integrity roads"))
    assert found[0] == corpus["pact"]
    assert corpus["budget"] not in found
    assert list(search_documents(Document.objects.all(), "bailleurs")) == [corpus["budget"]]


@pytest.mark.parametrize(
    "role,url_name,args",
    [
        ("member_a", "documents:index", []),
        ("lead", "documents:index", []),
        ("mentor_a", "documents:space", ["alliance-a"]),
        ("member_b", "documents:library", []),
        ("admin_a", "documents:trash", ["alliance-a"]),
        ("admin_a", "documents:log", ["alliance-a"]),
    ],
)
def test_list_query_counts_are_bounded(
    cast, client_for, django_assert_max_num_queries, role, url_name, args
):
    for i in range(40):
        doc = DocumentFactory(
            organisation=cast.org_a if i % 2 else None,
            created_by=cast.admin_a,
            tags="a, b",
        )
        services.document_share(document=doc, actor=cast.admin_a, organisations=[cast.org_b])
        if i % 3 == 0:
            services.document_trash(document=doc, actor=cast.admin_a)
    for _ in range(3):
        OrganisationFactory()
    client = client_for(role)
    client.get(reverse(url_name, args=args))  # warm caches (session, content types)
    with django_assert_max_num_queries(12):
        response = client.get(reverse(url_name, args=args))
    assert response.status_code == 200
    assert len(response.context["page_obj"]) > 0


def _render_attachments(obj, user):
    request = RequestFactory().get("/somewhere/")
    request.user = user
    return Template("{% load documents %}{% document_attachments obj user %}").render(
        Context({"obj": obj, "user": user, "request": request})
    )


def test_attachments_are_shown_only_to_people_who_may_open_them(cast, client_for):
    mentorship = cast.mentorship_a
    own = DocumentFactory(organisation=cast.org_a, title="Session notes A")
    library = DocumentFactory(organisation=None, title="Library toolkit")
    other = DocumentFactory(organisation=cast.org_b, title="B's secret plan")
    client = client_for("mentor_a")
    url = reverse("documents:attach", args=["mentoring.mentorship", mentorship.pk])
    choices = client.get(url).context["form"].fields["document"].queryset
    assert set(choices) == {own, library}  # never another organisation's document
    assert client.post(url, {"document": other.pk}).status_code == 200
    for doc in (own, library):
        assert client.post(url, {"document": doc.pk, "next": "/documents/"})["Location"] == (
            "/documents/"
        )
    # A document of B attached by a lead (who sees everything) stays invisible to A's people.
    services.attachment_add(document=other, target=mentorship, actor=cast.lead)
    html = _render_attachments(mentorship, cast.member_a)
    assert "Session notes A" in html and "Library toolkit" in html
    assert "secret plan" not in html
    assert "Attach a document" in html
    assert "secret plan" in _render_attachments(mentorship, cast.lead)
    assert "Attach a document" not in _render_attachments(mentorship, cast.member_b)


def test_detach_keeps_the_document(cast, client_for):
    doc = DocumentFactory(organisation=cast.org_a)
    attachment = services.attachment_add(document=doc, target=cast.mentorship_a, actor=cast.admin_a)
    url = reverse("documents:detach", args=[attachment.pk])
    assert client_for("member_b").post(url).status_code == 404
    assert client_for("member_a").post(url).status_code == 302
    assert not Attachment.objects.exists() and Document.objects.filter(pk=doc.pk).exists()
