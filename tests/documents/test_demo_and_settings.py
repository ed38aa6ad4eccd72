import io

import pytest
from django.core.management import call_command
from django.test import override_settings

import demo.documents as demo
from documents.models import Document, Share, Version
from documents.storage import get_storage
from documents.validation import inspect_upload
from tests.documents.helpers import upload

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_demo_documents_are_believable_and_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Document.objects.count(), Version.objects.count(), Share.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert counts == (Document.objects.count(), Version.objects.count(), Share.objects.count())
    assert Document.objects.filter(organisation__isnull=True).count() >= 2
    assert Share.objects.filter(organisation__slug="cost-malawi").exists()
    assert Version.objects.filter(number=2).exists()
    for version in Version.objects.all():
        assert get_storage().exists(version.storage_key)


def test_generated_demo_pdf_passes_inspection():
    inspected = inspect_upload(upload("x.pdf", demo.make_pdf("Titre", ["Ligne accentuée"])))
    assert inspected.content_type == "application/pdf"


def test_s3_settings_give_documents_their_own_private_prefix():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_STORAGE="s3",
        DJANGO_S3_BUCKET="portal-private",
        DJANGO_S3_SSE="aws:kms",
        DJANGO_DOCUMENT_MAX_MB="20",
        DJANGO_TRASH_DAYS="45",
    )
    code = (
        "import portal.settings as s, json; d = s.STORAGES['documents'];"
        "print(json.dumps([d['BACKEND'], d['OPTIONS']['location'], d['OPTIONS']['bucket_name'],"
        "d['OPTIONS']['object_parameters'], s.PORTAL_DOCUMENT_MAX_BYTES, s.PORTAL_TRASH_DAYS]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    import json

    backend, location, bucket, params, max_bytes, days = json.loads(out)
    assert backend == "documents.storage.DocumentS3Storage"
    assert location == "documents" and bucket == "portal-private"
    assert params["ServerSideEncryption"] == "aws:kms"
    assert max_bytes == 20 * 1024 * 1024 and days == 45
