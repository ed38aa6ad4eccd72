"""Uploads: several files at once, content checked on the bytes, bad input refused with a clear
message and nothing left behind (no row, no stored file)."""

import io
import os
import stat
import zipfile

import pytest
from django.db import DatabaseError
from django.urls import reverse
from PIL import Image

from documents import services
from documents.models import Document, Version
from documents.storage import get_storage, walk
from documents.validation import clean_filename, inspect_upload
from mentoring.models import AuditEntry

from .helpers import csv_file, docx_bytes, odt_bytes, pdf, pdf_bytes, png, png_bytes, upload

pytestmark = pytest.mark.django_db

UPLOAD = reverse("documents:upload", args=["alliance-a"])


def _post(client, *files, **data):
    payload = {"category": "working", "language": "en", "title": "", **data, "files": list(files)}
    return client.post(UPLOAD, payload)


def stored_keys() -> list[str]:
    storage = get_storage()
    return [*walk(storage, "files"), *walk(storage, "thumbnails")]


def _assert_nothing_saved():
    assert not Document.objects.exists()
    assert not Version.objects.exists()
    assert stored_keys() == []


def test_member_uploads_several_files_at_once(cast, client_for):
    response = _post(
        client_for("member_a"),
        pdf("Réseau Ivoirien – plan.pdf"),
        csv_file("budget.csv"),
        png("photo.png"),
        tags="procurement, , integrity, procurement",
        description="For the *working group*",
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:space", args=["alliance-a"])
    docs = {d.title: d for d in Document.objects.select_related("current_version")}
    assert set(docs) == {"Réseau Ivoirien – plan", "budget", "photo"}
    plan = docs["Réseau Ivoirien – plan"]
    assert plan.organisation == cast.org_a and plan.created_by == cast.member_a
    assert plan.tags == "procurement, integrity"
    assert plan.current_version.original_name == "Réseau Ivoirien – plan.pdf"
    assert plan.current_version.content_type == "application/pdf"
    assert docs["budget"].current_version.content_type == "text/csv; charset=utf-8"
    assert docs["photo"].current_version.thumbnail_key.startswith("thumbnails/")
    assert AuditEntry.objects.filter(action="document.upload").count() == 3
    assert len(stored_keys()) == 4  # three files and one thumbnail


def test_single_file_takes_the_given_title(cast, client_for):
    _post(client_for("member_a"), pdf(), title="Integrity pact, draft")
    assert Document.objects.get().title == "Integrity pact, draft"


def test_stored_under_a_random_private_key_never_the_file_name(cast, client_for, local_documents):
    _post(client_for("member_a"), pdf("../../etc/Réseau.pdf"))
    version = Version.objects.get()
    assert version.original_name == "Réseau.pdf"  # Django keeps the base name only
    assert "Réseau" not in version.storage_key and ".pdf" not in version.storage_key
    path = local_documents / version.storage_key
    assert path.exists()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700


def test_control_characters_and_nul_never_reach_the_stored_name(cast, client_for):
    """Django's upload parser already drops them; the validator refuses what gets through
    by another way (see test_file_names)."""
    _post(
        client_for("member_a"),
        upload("plan\x07\x1b.pdf", pdf_bytes()),
        upload("a\x00b.pdf", pdf_bytes()),
    )
    names = sorted(Version.objects.values_list("original_name", flat=True))
    assert names == ["ab.pdf", "plan.pdf"]


def test_type_comes_from_the_content_not_the_browsers_claim(cast, client_for):
    _post(client_for("member_a"), upload("notes.pdf", pdf_bytes(), "text/html"))
    assert Version.objects.get().content_type == "application/pdf"


@pytest.mark.parametrize(
    "name,data,content_type",
    [
        (
            "plan.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("plan.odt", odt_bytes(), "application/vnd.oasis.opendocument.text"),
        ("notes.txt", "Données, réunion\n".encode("latin-1"), "text/plain; charset=iso-8859-1"),
        ("photo.JPG", png_bytes(exif=True), "image/jpeg"),
        ("plan.pdf. ", pdf_bytes(), "application/pdf"),
    ],
)
def test_allowed_formats(cast, name, data, content_type):
    assert inspect_upload(upload(name, data)).content_type == content_type


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    return out.getvalue()


def _bomb_png() -> bytes:
    out = io.BytesIO()
    Image.new("1", (12000, 12000)).save(out, format="PNG", optimize=True)
    return out.getvalue()


BAD = {
    "empty": (upload("empty.pdf", b""), "is empty"),
    "exe renamed": (upload("report.pdf", b"MZ\x90\x00" + b"\0" * 200), "program"),
    "elf": (upload("tool.csv", b"\x7fELF\x02\x01" + b"\0" * 100), "program"),
    "script": (upload("run.txt", b"#!/bin/sh\nrm -rf /\n"), "program"),
    "html": (upload("page.txt", b"<!DOCTYPE html><html><script>x()</script></html>"), "web page"),
    "html later": (upload("notes.txt", b"hello\n<script>alert(1)</script>"), "web page"),
    "html deep": (
        upload("long.txt", b"line of text\n" * 10000 + b"<script>alert(1)</script>"),
        "web page",
    ),
    "svg": (
        upload("logo.png", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'),
        "web page",
    ),
    "zip": (upload("archive.docx", _zip_bytes := b""), ""),
    "zip bomb": (upload("bomb.docx", _zip_bomb()), "zip bomb"),
    "decompression bomb": (upload("bomb.png", _bomb_png()), "too large in pixels"),
    "macros": (upload("m.docx", docx_bytes({"word/vbaProject.bin": b"x"})), "macros"),
    "legacy office": (
        upload("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
        "old binary Office",
    ),
    "corrupt pdf": (upload("broken.pdf", b"%PDF-1.4\n1 0 obj<<>>\n"), "damaged or incomplete"),
    "cut-off pdf": (upload("cut.pdf", pdf_bytes()[:-8]), "damaged or incomplete"),
    "cut-off png": (upload("cut.png", png_bytes()[:200]), "damaged or incomplete"),
    "binary junk": (upload("data.txt", bytes(range(256)) * 4), "not a type"),
    "long name": (upload("a" * 296 + ".pdf", pdf_bytes()), "too long"),
}
del BAD["zip"]


def _plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "hi")
    return out.getvalue()


BAD["plain zip"] = (upload("archive.docx", _plain_zip()), "archive")


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_gets_a_clear_message_and_leaves_nothing(cast, client_for, case):
    bad, message = BAD[case]
    bad.seek(0)
    response = _post(client_for("member_a"), pdf("good.pdf"), bad)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["files"])
    assert message in errors
    _assert_nothing_saved()


def test_over_the_size_limit(cast, client_for, settings):
    settings.PORTAL_DOCUMENT_MAX_BYTES = 1024
    response = _post(
        client_for("member_a"), pdf("small.pdf"), upload("big.pdf", pdf_bytes("x" * 2000))
    )
    errors = " ".join(response.context["form"].errors["files"])
    assert "“big.pdf” is larger than the limit of 1.0\xa0KB" in errors
    _assert_nothing_saved()


def test_oversized_upload_is_not_read_to_the_end(cast, client_for, settings, monkeypatch):
    """The handler drops the file at the first chunk past the limit: Django's own handlers
    never receive the rest."""
    from django.core.files.uploadhandler import TemporaryFileUploadHandler

    settings.PORTAL_DOCUMENT_MAX_BYTES = 100 * 1024
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    received = []
    original = TemporaryFileUploadHandler.receive_data_chunk

    def spy(self, raw_data, start):
        received.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", spy)
    response = _post(client_for("member_a"), upload("huge.pdf", pdf_bytes("x" * 3_000_000)))
    assert response.status_code == 200
    assert sum(received) <= 100 * 1024
    _assert_nothing_saved()


def test_upload_still_requires_the_csrf_token(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.member_a)
    response = client.post(UPLOAD, {"files": [pdf()], "category": "working", "language": "en"})
    assert response.status_code == 403
    _assert_nothing_saved()


def test_messages_are_in_the_users_language(cast, client_for):
    cast.member_a.language = "fr"
    cast.member_a.save()
    client = client_for("member_a")
    client.cookies["django_language"] = "fr"
    response = _post(client, upload("vide.pdf", b""), HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    # Django's own message for an empty file, in French.
    assert response.context["form"].errors["files"] == ["Le fichier soumis est vide."]
    assert "Le fichier soumis est vide." in response.content.decode()
    _assert_nothing_saved()


@pytest.mark.parametrize(
    "name,ok",
    [
        ("Réseau Ivoirien – plan.pdf", True),
        ("../etc/passwd", False),
        ("..", False),
        ("a\\b.pdf", False),
        ("nul\x00.pdf", False),
        ("bell\x07.pdf", False),
        ("rtl\u202egpj.exe", False),
        ("x" * 300, False),
        ("ශ්‍රී ලංකා.pdf", True),
    ],
)
def test_file_names(name, ok):
    if ok:
        assert clean_filename(name) == name
    else:
        with pytest.raises(Exception) as exc:
            clean_filename(name)
        assert exc.type.__name__ == "ValidationError"


def test_upload_cut_off_halfway_saves_nothing(cast, client_for):
    """The browser's request ends in the middle of the file: no row and no stored file."""
    client = client_for("member_a")
    token_response = client.get(UPLOAD)
    assert token_response.status_code == 200
    boundary = "BoUnDaRy"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="category"\r\n\r\nworking\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="language"\r\n\r\nen\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="cut.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode() + pdf_bytes()[:40]
    response = client.generic(
        "POST", UPLOAD, body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code in {200, 400}
    _assert_nothing_saved()


def test_storage_failure_leaves_no_row(cast, client_for, monkeypatch):
    calls = []

    def broken_save(self, name, content, max_length=None):
        calls.append(name)
        raise OSError("disk full")

    storage = get_storage()
    monkeypatch.setattr(type(storage), "save", broken_save)
    response = _post(client_for("member_a"), pdf())
    assert response.status_code == 200
    assert "could not be stored" in response.content.decode()
    assert calls
    assert not Document.objects.exists()


def test_database_failure_after_storing_leaves_no_file(cast, monkeypatch):
    def broken_audit(*args, **kwargs):
        raise DatabaseError("connection lost")

    monkeypatch.setattr(services.uploads, "audit", broken_audit)
    with pytest.raises(DatabaseError):
        services.documents_upload(
            organisation=cast.org_a,
            actor=cast.member_a,
            files=[inspect_upload(pdf("a.pdf")), inspect_upload(png("b.png"))],
        )
    _assert_nothing_saved()


def test_failure_midway_through_several_files_removes_the_ones_stored(cast, monkeypatch):
    original = services.storing._save_bytes
    seen = []

    def third_fails(key, fileobj, content_type):
        seen.append(key)
        if len(seen) == 3:
            raise OSError("bucket unreachable")
        original(key, fileobj, content_type)

    monkeypatch.setattr(services.storing, "_save_bytes", third_fails)
    with pytest.raises(services.StorageFailed):
        services.documents_upload(
            organisation=cast.org_a,
            actor=cast.member_a,
            files=[
                inspect_upload(pdf("a.pdf")),
                inspect_upload(pdf("b.pdf")),
                inspect_upload(pdf("c.pdf")),
            ],
        )
    _assert_nothing_saved()


def test_library_upload_is_for_leads(cast, client_for):
    response = client_for("lead").post(
        reverse("documents:library_upload"),
        {"files": [pdf("toolkit.pdf")], "category": "tool", "language": "fr"},
    )
    assert response.status_code == 302
    doc = Document.objects.get()
    assert doc.organisation is None and doc.category == "tool" and doc.language == "fr"


def test_unreachable_s3_leaves_no_row(cast, client_for, settings):
    from botocore.config import Config

    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "documents.storage.DocumentS3Storage",
            "OPTIONS": {
                "bucket_name": "nowhere",
                "endpoint_url": "http://127.0.0.1:9",
                "region_name": "us-east-1",
                "access_key": "testing",
                "secret_key": "testing",
                "client_config": Config(connect_timeout=1, retries={"max_attempts": 1}),
            },
        },
    }
    response = _post(client_for("member_a"), pdf())
    assert response.status_code == 200
    assert "could not be stored" in response.content.decode()
    assert not Document.objects.exists() and not Version.objects.exists()
