"""With DJANGO_DOCUMENTS_ACCEL_REDIRECT set, local downloads are handed to nginx: the portal
checks permission, records the download and answers with X-Accel-Redirect, no bytes."""

import pytest
from django.urls import reverse

from documents import services
from documents.storage import get_storage
from documents.validation import inspect_upload
from mentoring.models import AuditEntry

from .helpers import pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def accel(settings):
    settings.PORTAL_DOCUMENTS_ACCEL_REDIRECT = "/_protected-documents/"


def _doc(cast):
    file = upload("plan 2026.pdf", pdf_bytes("confidential"))
    return services.documents_upload(
        organisation=cast.org_a, actor=cast.admin_a, files=[inspect_upload(file)]
    )[0]


def test_download_answers_with_x_accel_redirect(cast, client_for, accel):
    doc = _doc(cast)
    response = client_for("member_a").get(reverse("documents:download", args=[doc.public_id]))
    assert response.status_code == 200
    key = doc.current_version.storage_key
    assert response["X-Accel-Redirect"] == f"/_protected-documents/{key}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert AuditEntry.objects.filter(action="document.download").count() == 1


def test_outsiders_still_get_404_and_missing_files_too(cast, client_for, accel):
    doc = _doc(cast)
    url = reverse("documents:download", args=[doc.public_id])
    assert client_for("member_b").get(url).status_code == 404
    get_storage().delete(doc.current_version.storage_key)
    assert client_for("member_a").get(url).status_code == 404


def test_without_the_setting_the_portal_streams(cast, client_for):
    doc = _doc(cast)
    response = client_for("member_a").get(reverse("documents:download", args=[doc.public_id]))
    assert response.streaming and "X-Accel-Redirect" not in response
    response.close()
