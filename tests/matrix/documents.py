"""Rows of the document exchange: insiders of a space get the page, insiders without the role
403, outsiders 404 (nothing tells them a document exists)."""

import uuid

from documents.models import Attachment, Document, NotificationPreference

from ..documents.helpers import pdf
from ..permissions import (
    ADMINS_A,
    EVERYONE,
    INSIDERS_A,
    LEAD_ONLY,
    MEMBERS_A,
    MENTOR_A_ONLY,
    NOBODY,
    Row,
    count,
    own,
    posted,
    values,
)

GUESS = uuid.uuid4()
# B's people read what A shared with B; nobody of B changes it.
SHARED_READ_ONLY = {"mentor_b": 403, "member_b": 403}


def _doc(key):
    return lambda w: [w.docs[key].public_id]


def _deleted_at(key):
    return lambda w, role: Document.all_objects.filter(pk=w.docs[key].pk).values_list(
        "deleted_at", flat=True
    )[0]


def _upload(world):
    return {"files": [pdf("matrix.pdf")], "title": "", "description": "", "tags": ""} | {
        "category": "working",
        "language": "en",
    }


def _edit(world):
    doc = world.docs["a"]
    return {"title": "Renamed in the matrix", "description": "", "tags": ""} | {
        "category": doc.category,
        "language": doc.language,
        "revision": doc.revision,
    }


ROWS = [
    Row("documents:index", EVERYONE),
    Row("documents:preferences", EVERYONE),
    Row(
        "documents:preferences",
        posted(EVERYONE),
        method="post",
        data=lambda w: {"email_on_new_documents": ""},
        state=lambda w, role: own(w, role, NotificationPreference, "email_on_new_documents"),
    ),
    # The community library: everyone reads, leads manage.
    Row("documents:library", EVERYONE),
    Row("documents:library_upload", LEAD_ONLY),
    Row(
        "documents:library_upload",
        posted(LEAD_ONLY),
        method="post",
        data=_upload,
        state=lambda w, role: count(Document, organisation=None),
    ),
    Row("documents:library_trash", LEAD_ONLY),
    Row("documents:library_log", LEAD_ONLY),
    # A's space
    Row("documents:space", INSIDERS_A, args=lambda w: ["alliance-a"]),
    Row("documents:space", NOBODY, args=lambda w: ["no-such-space"], case="unknown"),
    Row("documents:upload", INSIDERS_A, args=lambda w: ["alliance-a"]),
    Row(
        "documents:upload",
        posted(INSIDERS_A),
        args=lambda w: ["alliance-a"],
        method="post",
        data=_upload,
        state=lambda w, role: count(Document, organisation=w.org_a),
    ),
    Row("documents:trash", ADMINS_A, args=lambda w: ["alliance-a"]),
    Row("documents:log", ADMINS_A, args=lambda w: ["alliance-a"]),
    # One of A's documents
    Row("documents:detail", INSIDERS_A, args=_doc("a")),
    Row("documents:edit", INSIDERS_A, args=_doc("a")),
    Row(
        "documents:edit",
        posted(INSIDERS_A),
        args=_doc("a"),
        method="post",
        data=_edit,
        state=lambda w, role: values(Document, w.docs["a"].pk, "title"),
    ),
    Row("documents:version_upload", INSIDERS_A, args=_doc("a")),
    Row(
        "documents:version_upload",
        posted(INSIDERS_A),
        args=_doc("a"),
        method="post",
        data=lambda w: {"file": pdf("a-v2.pdf", "v2"), "note": "", "based_on": 1},
        state=lambda w, role: w.docs["a"].versions.count(),
    ),
    Row("documents:download", INSIDERS_A, args=_doc("a")),
    Row(
        "documents:version_download",
        INSIDERS_A,
        args=lambda w: [w.docs["a"].current_version.public_id],
    ),
    Row(
        "documents:thumbnail",
        INSIDERS_A,
        args=lambda w: [w.docs["picture"].current_version.public_id],
    ),
    Row("documents:share", MEMBERS_A, args=_doc("a")),
    Row(
        "documents:share",
        posted(MEMBERS_A),
        args=_doc("a"),
        method="post",
        data=lambda w: {"organisations": [w.org_b.pk], "shown": ""},
        state=lambda w, role: w.docs["a"].shares.count(),
    ),
    Row("documents:publish", ADMINS_A, args=_doc("a")),
    Row(
        "documents:publish",
        posted(ADMINS_A),
        args=_doc("a"),
        method="post",
        state=lambda w, role: count(Document, organisation=None),
    ),
    Row("documents:delete", ADMINS_A, args=_doc("a")),
    Row(
        "documents:delete",
        posted(ADMINS_A),
        args=_doc("a"),
        method="post",
        state=_deleted_at("a"),
    ),
    Row(
        "documents:restore",
        posted(ADMINS_A),
        args=_doc("trashed"),
        method="post",
        state=_deleted_at("trashed"),
    ),
    # Shared with B: B's insiders read it, nobody of B changes it.
    Row("documents:detail", EVERYONE, args=_doc("shared"), case="shared"),
    Row("documents:download", EVERYONE, args=_doc("shared"), case="shared"),
    Row("documents:edit", INSIDERS_A | SHARED_READ_ONLY, args=_doc("shared"), case="shared"),
    Row("documents:share", MEMBERS_A | SHARED_READ_ONLY, args=_doc("shared"), case="shared"),
    # The library: everyone reads, leads manage; a library document is not published again.
    Row("documents:detail", EVERYONE, args=_doc("library"), case="library"),
    Row("documents:download", EVERYONE, args=_doc("library"), case="library"),
    Row("documents:edit", LEAD_ONLY, args=_doc("library"), case="library"),
    Row("documents:delete", LEAD_ONLY, args=_doc("library"), case="library"),
    Row("documents:publish", LEAD_ONLY | {"lead": 403}, args=_doc("library"), case="library"),
    # Trashed documents are gone from every page but the trash.
    Row("documents:detail", NOBODY, args=_doc("trashed"), case="trashed"),
    Row("documents:download", NOBODY, args=_doc("trashed"), case="trashed"),
    # Guessed keys.
    Row("documents:detail", NOBODY, args=lambda w: [GUESS], case="guessed"),
    Row("documents:download", NOBODY, args=lambda w: [GUESS], case="guessed"),
    Row("documents:version_download", NOBODY, args=lambda w: [GUESS], case="guessed"),
    Row("documents:thumbnail", NOBODY, args=lambda w: [GUESS], case="guessed"),
    Row(
        "documents:attach",
        NOBODY,
        args=lambda w: ["mentoring.mentorship", 999999],
        case="guessed",
    ),
    Row("documents:attach", NOBODY, args=lambda w: ["portal.user", 1], case="not_attachable"),
    # Attachments: to A's mentorship, A's insiders; to a session log, its mentors (who write it).
    Row("documents:attach", INSIDERS_A, args=lambda w: ["mentoring.mentorship", w.mentorship_a.pk]),
    Row(
        "documents:attach",
        posted(INSIDERS_A),
        args=lambda w: ["mentoring.mentorship", w.mentorship_a.pk],
        method="post",
        data=lambda w: {"document": w.docs["a"].pk},
        state=lambda w, role: count(Attachment),
    ),
    Row(
        "documents:attach",
        MENTOR_A_ONLY,
        args=lambda w: ["mentoring.session", w.session.pk],
        case="session",
    ),
    # To a community meeting: leads only (everyone may see the meeting).
    Row(
        "documents:attach",
        LEAD_ONLY,
        args=lambda w: ["mentoring.meeting", w.community_meeting.pk],
        case="meeting",
    ),
    Row(
        "documents:detach",
        posted(MENTOR_A_ONLY),
        args=lambda w: [w.attachment.pk],
        method="post",
        state=lambda w, role: count(Attachment, pk=w.attachment.pk),
    ),
]
