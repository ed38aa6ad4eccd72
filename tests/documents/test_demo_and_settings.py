import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from documents import demo
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
