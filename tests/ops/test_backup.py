"""A backup restored into an empty instance gives back every row and every file."""

import hashlib
import io
import json

import pytest
from django.core import serializers
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import CommandError

from documents import services as document_services
from documents.storage import walk
from documents.validation import inspect_upload
from portal.backups import backed_up_models
from tests.documents.helpers import pdf_bytes, upload
from tests.factories import ActionItemFactory, SessionFactory
from tests.images import png_upload


def _use_storages(settings, root):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root / "media"},
        },
        "documents": {
            "BACKEND": "documents.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": root / "documents"},
        },
    }


def _rows() -> dict:
    return {
        model._meta.label_lower: serializers.serialize(
            "python", model._default_manager.order_by("pk"), use_natural_foreign_keys=True
        )
        for model in backed_up_models()
    }


def _differences(got: dict, expected: dict) -> list[str]:
    found = []
    for label, expected_rows in expected.items():
        got_rows = got.get(label, [])
        if len(got_rows) != len(expected_rows):
            found.append(f"{label}: {len(got_rows)} rows, expected {len(expected_rows)}")
            continue
        for row, wanted in zip(got_rows, expected_rows, strict=True):
            for field, value in wanted["fields"].items():
                if row["fields"].get(field) != value:
                    found.append(
                        f"{label} {row['pk']}.{field}: {row['fields'].get(field)!r} != {value!r}"
                    )
    return found


def _files() -> dict:
    found = {}
    for alias in ("default", "documents"):
        storage = storages[alias]
        for key in walk(storage):
            with storage.open(key, "rb") as f:
                found[(alias, key)] = hashlib.sha256(f.read()).hexdigest()
    return found


@pytest.fixture
def populated(transactional_db, settings, tmp_path, cast):
    _use_storages(settings, tmp_path / "before")
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    ActionItemFactory(session=session)
    document_services.documents_upload(
        organisation=cast.org_a,
        actor=cast.admin_a,
        files=[inspect_upload(upload("plan.pdf", pdf_bytes("confidential plan")))],
    )
    cast.member_a.avatar.save("a.png", png_upload(), save=True)
    return cast


def test_round_trip_into_an_empty_instance(populated, settings, tmp_path):
    rows, files = _rows(), _files()
    assert rows["documents.version"] and rows["mentoring.session"] and rows["portal.user"]
    assert {alias for alias, _ in files} == {"default", "documents"}
    call_command("backup", str(tmp_path / "backups"), stdout=io.StringIO())
    [backup] = (tmp_path / "backups").iterdir()
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["rows"]["portal.user"] == len(rows["portal.user"])
    assert oct(backup.stat().st_mode & 0o777) == "0o700"

    # An empty instance: migrated database with nobody in it, empty storages.
    call_command("flush", "--no-input", verbosity=0)
    _use_storages(settings, tmp_path / "after")
    assert _files() == {} and not _rows()["portal.user"]

    call_command("restore", str(backup), stdout=io.StringIO())
    assert _differences(_rows(), rows) == []
    assert _files() == files


def test_restore_refuses_a_damaged_backup_and_a_used_instance(populated, tmp_path):
    call_command("backup", str(tmp_path / "backups"), stdout=io.StringIO())
    [backup] = (tmp_path / "backups").iterdir()
    call_command("restore", str(backup), "--check", stdout=io.StringIO())
    with pytest.raises(CommandError, match="already has people"):
        call_command("restore", str(backup))
    stored = next(p for p in (backup / "files" / "documents").rglob("*") if p.is_file())
    stored.write_bytes(b"tampered")
    with pytest.raises(CommandError, match="Checksums do not match"):
        call_command("restore", str(backup), "--check")
