"""Downloads: permission on every request, attachment disposition with the original name,
nosniff, streamed; on S3, a presigned link valid at most 60 seconds; thumbnails checked too."""

import re
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, unquote, urlparse

import pytest
import requests
from django.test import Client
from django.urls import reverse

from documents import services
from documents.models import Version
from documents.storage import get_storage
from documents.validation import inspect_upload
from mentoring.models import AuditEntry

from .helpers import pdf, pdf_bytes, png_bytes, upload

pytestmark = pytest.mark.django_db

NAME = "Réseau Ivoirien – plan.pdf"


def _doc(cast, *, name=NAME, data=None, organisation="a"):
    org = cast.org_a if organisation == "a" else None
    actor = cast.admin_a if organisation == "a" else cast.lead
    file = upload(name, data or pdf_bytes("confidential"))
    return services.documents_upload(organisation=org, actor=actor, files=[inspect_upload(file)])[0]


def _body(response) -> bytes:
    try:
        return b"".join(response.streaming_content)
    finally:
        response.close()


def test_local_download_streams_with_safe_headers(cast, client_for, local_documents):
    doc = _doc(cast)
    response = client_for("member_a").get(
        reverse("documents:download", args=[doc.public_id]), REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert 'filename="Rseau Ivoirien  plan.pdf"' in disposition
    assert "filename*=UTF-8''R%C3%A9seau%20Ivoirien%20%E2%80%93%20plan.pdf" in disposition
    assert "private" in response["Cache-Control"]
    assert _body(response) == pdf_bytes("confidential")
    entry = AuditEntry.objects.get(action="document.download")
    assert entry.actor == cast.member_a and entry.ip_address == "203.0.113.9"
    assert entry.organisation == cast.org_a


def test_permission_is_checked_on_every_request(cast, client_for):
    doc = _doc(cast)
    client = client_for("member_a")
    url = reverse("documents:download", args=[doc.public_id])
    first = client.get(url)
    first.close()
    assert first.status_code == 200
    cast.member_a.memberships.all().delete()
    assert client.get(url).status_code == 404


def test_s3_object_is_private_typed_and_marked_attachment(cast, client_for, s3_documents):
    doc = _doc(cast, name="notes.pdf")  # sent by the browser as application/octet-stream
    version = doc.current_version
    head = s3_documents["client"].head_object(
        Bucket=s3_documents["bucket"], Key=f"documents/{version.storage_key}"
    )
    assert head["ContentType"] == "application/pdf"
    assert head["ContentDisposition"] == "attachment"
    acl = s3_documents["client"].get_object_acl(
        Bucket=s3_documents["bucket"], Key=f"documents/{version.storage_key}"
    )
    assert all(g["Grantee"].get("URI", "").find("AllUsers") == -1 for g in acl["Grants"])


def test_s3_download_redirects_to_a_short_presigned_link(cast, client_for, s3_documents):
    doc = _doc(cast)
    before = datetime.now(UTC)
    response = client_for("member_a").get(reverse("documents:download", args=[doc.public_id]))
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    url = response["Location"]
    parsed = urlparse(url)
    assert parsed.netloc == urlparse(s3_documents["endpoint"]).netloc  # no custom domain
    query = parse_qs(parsed.query)
    assert int(query["X-Amz-Expires"][0]) <= 60
    signed_at = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert signed_at + timedelta(seconds=60) <= before + timedelta(seconds=62)
    disposition = unquote(query["response-content-disposition"][0])
    assert disposition.startswith("attachment;") and "filename*=UTF-8''" in disposition
    assert query["response-content-type"] == ["application/pdf"]
    # The link works while it is valid...
    fetched = requests.get(url, timeout=10)
    assert fetched.status_code == 200 and fetched.content == pdf_bytes("confidential")
    assert fetched.headers["Content-Disposition"].startswith("attachment;")
    # ...and the bucket itself is not readable without a signature.
    bare = requests.get(url.split("?")[0], timeout=10)
    assert bare.status_code == 403


def test_expired_presigned_link_is_recognisably_expired(cast, client_for, s3_documents):
    """The test server enforces neither signatures nor expiry, so we check what the link says:
    it expires 60 seconds after it was signed, and that moment is past a minute later."""
    doc = _doc(cast)
    url = client_for("member_a").get(reverse("documents:download", args=[doc.public_id]))[
        "Location"
    ]
    query = parse_qs(urlparse(url).query)
    signed_at = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    expires_at = signed_at + timedelta(seconds=int(query["X-Amz-Expires"][0]))
    assert expires_at < datetime.now(UTC) + timedelta(seconds=61)
    # An outsider never gets a link at all, expired or not.
    assert (
        client_for("member_b").get(reverse("documents:download", args=[doc.public_id])).status_code
        == 404
    )


def test_thumbnail_is_served_through_the_permission_check(cast, client_for, any_storage):
    doc = _doc(cast, name="photo.jpg", data=png_bytes(exif=True))
    version = doc.current_version
    url = reverse("documents:thumbnail", args=[version.public_id])
    response = client_for("mentor_a").get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    data = _body(response)
    assert data.startswith(b"\x89PNG") and b"SpyCam" not in data
    assert client_for("member_b").get(url).status_code == 404
    detail = client_for("mentor_a").get(doc.get_absolute_url()).content.decode()
    assert url in detail


def test_the_thumbnail_response_never_names_its_storage_key(cast, client_for, any_storage):
    doc = _doc(cast, name="photo.png", data=png_bytes())
    version = doc.current_version
    response = client_for("member_a").get(reverse("documents:thumbnail", args=[version.public_id]))
    assert response.status_code == 200
    headers = " ".join(f"{name}: {value}" for name, value in response.items())
    key_parts = [part for part in version.thumbnail_key.split("/") if len(part) > 4]
    assert key_parts and not any(part in headers for part in key_parts), headers
    assert "ETag" not in response and "X-Accel-Redirect" not in response
    assert response["Cache-Control"] == "private, no-store"
    _body(response)


def test_every_version_downloads_on_both_storages(cast, client_for, any_storage):
    doc = _doc(cast)
    services.version_add(
        document=doc, actor=cast.member_a, file=inspect_upload(pdf("v2.pdf", "second")), based_on=1
    )
    client = client_for("member_a")
    for version in Version.objects.filter(document=doc):
        response = client.get(reverse("documents:version_download", args=[version.public_id]))
        if response.status_code == 302:
            content = requests.get(response["Location"], timeout=10).content
        else:
            content = _body(response)
        with get_storage().open(version.storage_key) as fh:
            expected = fh.read()
        assert content == expected
    assert AuditEntry.objects.filter(action="document.download").count() == 2


def test_200_mb_upload_and_download_keep_memory_flat(cast, live_server, settings, tmp_path):
    """A real HTTP upload and download of 200 MB through the live server: the request body is
    streamed from disk, and Python's peak allocation (server and client threads together) stays
    under 50 MB, so memory does not grow with the file's size."""
    settings.PORTAL_DOCUMENT_MAX_BYTES = 300 * 1024 * 1024
    size = 200 * 1024 * 1024
    boundary = "----portal-memory-test"
    body_path = tmp_path / "body.bin"
    chunk = b"%" + b"x" * (1024 * 1024 - 2) + b"\n"
    session = requests.Session()
    client = Client()
    client.force_login(cast.member_a)
    session.cookies.set(
        settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value
    )
    url = live_server.url + reverse("documents:upload", args=["alliance-a"])
    page = session.get(url, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    with body_path.open("wb") as out:
        for name, value in [
            ("csrfmiddlewaretoken", token),
            ("category", "report"),
            ("language", "en"),
        ]:
            out.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n".encode()
        )
        out.write(b"%PDF-1.4\n")
        for _ in range(size // len(chunk)):
            out.write(chunk)
        out.write(b"\n%%EOF\n")
        out.write(f"\r\n--{boundary}--\r\n".encode())
    started = time.monotonic()
    tracemalloc.start()
    try:
        with body_path.open("rb") as body:
            response = session.post(
                url,
                data=body,
                headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
                allow_redirects=False,
                timeout=120,
            )
        assert response.status_code == 302, response.text[:2000]
        _, upload_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        version = Version.objects.get()
        assert version.size > size
        download = session.get(
            live_server.url + reverse("documents:download", args=[version.document.public_id]),
            stream=True,
            timeout=120,
        )
        received = sum(len(part) for part in download.iter_content(256 * 1024))
        _, download_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert received == version.size
    assert upload_peak < 50 * 1024 * 1024, upload_peak
    assert download_peak < 50 * 1024 * 1024, download_peak
    assert time.monotonic() - started < 60


def test_s3_server_side_encryption_is_requested_on_every_object(cast, s3_documents, settings):
    options = settings.STORAGES["documents"]["OPTIONS"]
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            **settings.STORAGES["documents"],
            "OPTIONS": {**options, "object_parameters": {"ServerSideEncryption": "AES256"}},
        },
    }
    doc = _doc(cast)
    head = s3_documents["client"].head_object(
        Bucket=s3_documents["bucket"], Key=f"documents/{doc.current_version.storage_key}"
    )
    assert head["ServerSideEncryption"] == "AES256"
    assert head["ContentType"] == "application/pdf"
