"""Every documents URL, walked by every member of the cast: insiders of the space get the page,
insiders without the role 403, outsiders 404 (nothing tells them a document exists),
anonymous visitors are sent to sign in."""

import uuid

import pytest
from django.urls import reverse

from documents import services
from documents.models import Document
from documents.validation import inspect_upload
from tests.test_permission_matrix import LOGIN, _status

from .helpers import pdf, png

ROLES = ["lead", "mentor_a", "mentor_b", "admin_a", "member_a", "member_b", "anonymous"]

EVERYONE = dict.fromkeys(ROLES, 200) | {"anonymous": LOGIN}
LEAD_ONLY = dict.fromkeys(ROLES, 403) | {"lead": 200, "anonymous": LOGIN}
SPACE_A = {
    "lead": 200,
    "mentor_a": 200,
    "admin_a": 200,
    "member_a": 200,
    "mentor_b": 404,
    "member_b": 404,
    "anonymous": LOGIN,
}
ADMINS_A = SPACE_A | {"mentor_a": 403, "member_a": 403}
MEMBERS_A = SPACE_A | {"mentor_a": 403}
NOBODY = dict.fromkeys(ROLES, 404) | {"anonymous": LOGIN}


def _store(cast, actor, organisation, *files):
    return services.documents_upload(
        organisation=organisation, actor=actor, files=[inspect_upload(f) for f in files]
    )


@pytest.fixture
def docs(cast, local_documents):
    doc_a = _store(cast, cast.admin_a, cast.org_a, pdf("a.pdf"))[0]
    picture_a = _store(cast, cast.admin_a, cast.org_a, png("a.png"))[0]
    shared = _store(cast, cast.admin_a, cast.org_a, pdf("shared.pdf"))[0]
    services.document_share(document=shared, actor=cast.admin_a, organisations=[cast.org_b])
    library = _store(cast, cast.lead, None, pdf("library.pdf"))[0]
    trashed = _store(cast, cast.admin_a, cast.org_a, pdf("old.pdf"))[0]
    services.document_trash(document=trashed, actor=cast.admin_a)
    return {
        "a": doc_a,
        "picture": picture_a,
        "shared": shared,
        "library": library,
        "trashed": trashed,
    }


def _urls(cast, docs):
    a, shared, library = docs["a"], docs["shared"], docs["library"]
    thumb = docs["picture"].current_version.public_id
    guess = uuid.uuid4()
    attach_a = reverse("documents:attach", args=["mentoring.mentorship", cast.mentorship_a.pk])
    return [
        ("get", reverse("documents:index"), EVERYONE),
        ("get", reverse("documents:preferences"), EVERYONE),
        ("get", reverse("documents:library"), EVERYONE),
        ("get", reverse("documents:library_upload"), LEAD_ONLY),
        ("get", reverse("documents:library_trash"), LEAD_ONLY),
        ("get", reverse("documents:library_log"), LEAD_ONLY),
        ("get", reverse("documents:space", args=["alliance-a"]), SPACE_A),
        ("get", reverse("documents:upload", args=["alliance-a"]), SPACE_A),
        ("get", reverse("documents:trash", args=["alliance-a"]), ADMINS_A),
        ("get", reverse("documents:log", args=["alliance-a"]), ADMINS_A),
        ("get", reverse("documents:space", args=["no-such-space"]), NOBODY),
        ("get", reverse("documents:detail", args=[a.public_id]), SPACE_A),
        ("get", reverse("documents:edit", args=[a.public_id]), SPACE_A),
        ("get", reverse("documents:version_upload", args=[a.public_id]), SPACE_A),
        ("get", reverse("documents:download", args=[a.public_id]), SPACE_A),
        (
            "get",
            reverse("documents:version_download", args=[a.current_version.public_id]),
            SPACE_A,
        ),
        ("get", reverse("documents:thumbnail", args=[thumb]), SPACE_A),
        ("get", reverse("documents:share", args=[a.public_id]), MEMBERS_A),
        ("get", reverse("documents:publish", args=[a.public_id]), ADMINS_A),
        ("get", reverse("documents:delete", args=[a.public_id]), ADMINS_A),
        # Shared with B: B's insiders read it, nobody of B changes it.
        ("get", reverse("documents:detail", args=[shared.public_id]), EVERYONE),
        ("get", reverse("documents:download", args=[shared.public_id]), EVERYONE),
        (
            "get",
            reverse("documents:edit", args=[shared.public_id]),
            SPACE_A | {"mentor_b": 403, "member_b": 403},
        ),
        (
            "get",
            reverse("documents:share", args=[shared.public_id]),
            MEMBERS_A | {"mentor_b": 403, "member_b": 403},
        ),
        # The library: everyone reads, leads manage.
        ("get", reverse("documents:detail", args=[library.public_id]), EVERYONE),
        ("get", reverse("documents:download", args=[library.public_id]), EVERYONE),
        ("get", reverse("documents:edit", args=[library.public_id]), LEAD_ONLY),
        ("get", reverse("documents:delete", args=[library.public_id]), LEAD_ONLY),
        ("get", reverse("documents:publish", args=[library.public_id]), LEAD_ONLY | {"lead": 403}),
        # Trashed documents are gone from every page but the trash.
        ("get", reverse("documents:detail", args=[docs["trashed"].public_id]), NOBODY),
        ("get", reverse("documents:download", args=[docs["trashed"].public_id]), NOBODY),
        # Guessed keys.
        ("get", reverse("documents:detail", args=[guess]), NOBODY),
        ("get", reverse("documents:download", args=[guess]), NOBODY),
        ("get", reverse("documents:version_download", args=[guess]), NOBODY),
        ("get", reverse("documents:thumbnail", args=[guess]), NOBODY),
        ("get", reverse("documents:attach", args=["mentoring.mentorship", 999999]), NOBODY),
        ("get", reverse("documents:attach", args=["portal.user", 1]), NOBODY),
        # Attaching to A's mentorship: A's insiders.
        ("get", attach_a, SPACE_A),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_documents_url_answers_each_role_as_designed(cast, client_for, docs, role):
    client = client_for(role)
    failures = []
    for method, url, expected in _urls(cast, docs):
        response = getattr(client, method)(url)
        got = _status(response)
        if hasattr(response, "streaming_content"):
            response.close()
        if got != expected[role]:
            failures.append(f"{method.upper()} {url}: expected {expected[role]}, got {got}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "role,expected",
    [
        ("lead", 302),
        ("admin_a", 302),
        ("member_a", 403),
        ("mentor_a", 403),
        ("member_b", 404),
        ("mentor_b", 404),
        ("anonymous", LOGIN),
    ],
)
def test_restoring_from_the_trash_is_for_the_space_admins(cast, client_for, docs, role, expected):
    trashed = docs["trashed"]
    response = client_for(role).post(reverse("documents:restore", args=[trashed.public_id]))
    assert _status(response) == expected
    trashed.refresh_from_db()
    assert (trashed.deleted_at is None) == (expected == 302)


@pytest.mark.parametrize(
    "role,expected",
    [("admin_a", 302), ("member_a", 403), ("mentor_a", 403), ("member_b", 404), ("lead", 302)],
)
def test_posting_to_a_refused_action_changes_nothing(cast, client_for, docs, role, expected):
    doc = docs["a"]
    response = client_for(role).post(reverse("documents:delete", args=[doc.public_id]))
    assert _status(response) == expected
    doc.refresh_from_db()
    assert (doc.deleted_at is not None) == (expected == 302)


def test_creator_may_delete_their_own_document(cast, client_for):
    doc = _store(cast, cast.member_a, cast.org_a, pdf())[0]
    response = client_for("member_a").post(reverse("documents:delete", args=[doc.public_id]))
    assert response.status_code == 302
    assert Document.all_objects.trashed().filter(pk=doc.pk).exists()


def test_member_of_b_cannot_upload_to_a_or_share_into_it(cast, client_for):
    response = client_for("member_b").post(
        reverse("documents:upload", args=["alliance-a"]), {"files": [pdf()]}
    )
    assert response.status_code == 404
    assert not Document.all_objects.exists()


def test_admin_shows_documents_to_leads_read_only(cast, client_for, docs):
    doc = docs["a"]
    change = reverse("admin:documents_document_change", args=[doc.pk])
    assert client_for("lead").get(reverse("admin:documents_document_changelist")).status_code == 200
    assert (
        client_for("admin_a").get(reverse("admin:documents_document_changelist")).status_code == 403
    )
    response = client_for("lead").post(change, {"title": "Changed behind the log"})
    assert response.status_code == 403
    doc.refresh_from_db()
    assert doc.title != "Changed behind the log"
