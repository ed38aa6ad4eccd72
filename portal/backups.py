"""Backups and restores of the whole portal: database rows and stored files (docs/deployment.md,
"Backups and the restore drill").

A backup is a directory, written with owner-only permissions (it holds everything the portal
keeps confidential, two-factor secrets included):

- `database.json`: Django's serialisation of every row (`dumpdata --natural-foreign`, in the
  `backup-json` format of portal/backup_json.py that keeps microseconds), which
  loads into SQLite and PostgreSQL alike, whatever the source was. Left out, because migrate
  recreates them or they must not come back: content types and permissions, sessions (everyone
  signs in again) and task results (a restore must not send old e-mails again).
- `files/<storage>/<key>`: every file of the `default` (pictures) and `documents` storages,
  read through the storage API, so local directories and S3 buckets are backed up alike.
- `manifest.json`: when, from which migrations, row counts per model, and the size and SHA-256
  of every file above. `restore` checks every checksum before it changes anything.

`restore` goes into an empty instance (migrated, nobody in it): it loads the rows in one
transaction, then writes the files under their original keys and checks them again.
"""

import hashlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

from documents.storage import walk

FORMAT = 1
STORAGE_ALIASES = ("default", "documents")
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "django_tasks_database",
]
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def backed_up_models() -> list:
    """Every model whose rows are in a backup, in a stable order."""
    skipped_apps = {label for label in EXCLUDED if "." not in label}
    skipped_models = {label for label in EXCLUDED if "." in label}
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in skipped_apps
        and model._meta.label_lower not in skipped_models
        and not model._meta.proxy
        and model._meta.managed
    ]


def _copy_out(storage: Storage, target: Path) -> list[dict]:
    entries = []
    for key in sorted(walk(storage)):
        path = target / key
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        digest = hashlib.sha256()
        size = 0
        with storage.open(key, "rb") as source, path.open("wb") as out:
            for block in iter(lambda: source.read(CHUNK), b""):
                digest.update(block)
                size += len(block)
                out.write(block)
        os.chmod(path, 0o600)
        entries.append({"key": key, "size": size, "sha256": digest.hexdigest()})
    return entries


def backup(destination: Path) -> Path:
    """Write a backup into a new directory under `destination`; returns its path."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = Path(destination) / f"portal-backup-{stamp}"
    target.mkdir(parents=True, mode=0o700)
    database = target / "database.json"
    call_command(
        "dumpdata",
        "--natural-foreign",
        format="backup-json",
        exclude=EXCLUDED,
        output=str(database),
        verbosity=0,
    )
    os.chmod(database, 0o600)
    files = {
        alias: _copy_out(storages[alias], target / "files" / alias) for alias in STORAGE_ALIASES
    }
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(),
        "database_vendor": connection.vendor,
        "migrations": sorted(
            f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
        ),
        "database": {"file": "database.json", "sha256": _sha256_file(database)},
        "rows": {m._meta.label_lower: m._default_manager.count() for m in backed_up_models()},
        "files": files,
    }
    manifest_path = target / "manifest.json"
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True))
    os.chmod(manifest_path, 0o600)
    return target


def verify(source: Path) -> dict:
    """The manifest, once every checksum in it matches; BackupError otherwise."""
    source = Path(source)
    try:
        manifest = json.loads((source / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"No readable manifest.json in {source}.") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    problems = []
    if _sha256_file(source / manifest["database"]["file"]) != manifest["database"]["sha256"]:
        problems.append("database.json")
    for alias, entries in manifest["files"].items():
        for entry in entries:
            path = source / "files" / alias / entry["key"]
            if not path.is_file() or _sha256_file(path) != entry["sha256"]:
                problems.append(f"files/{alias}/{entry['key']}")
    if problems:
        raise BackupError("Checksums do not match: " + ", ".join(problems[:10]))
    return manifest


def _content_types(database: Path) -> dict[str, str]:
    """Documents keep their detected type on S3, as the upload stored it."""
    rows = json.loads(database.read_text())
    return {
        row["fields"]["storage_key"]: row["fields"]["content_type"]
        for row in rows
        if row["model"] == "documents.version"
    }


def _put_files(source: Path, manifest: dict) -> None:
    content_types = _content_types(source / manifest["database"]["file"])
    for alias, entries in manifest["files"].items():
        storage = storages[alias]
        for entry in entries:
            key = entry["key"]
            if storage.exists(key):  # a restore that stopped half-way, run again
                with storage.open(key, "rb") as existing:
                    if hashlib.sha256(existing.read()).hexdigest() == entry["sha256"]:
                        continue
                raise BackupError(f"{alias}: {key} exists with other contents.")
            content = ContentFile((source / "files" / alias / key).read_bytes())
            cast(Any, content).content_type = content_types.get(key, "application/octet-stream")
            saved = storage.save(key, content)
            if saved != key:
                raise BackupError(f"{alias}: {key} was stored as {saved}.")


def restore(source: Path) -> dict:
    """Restore a verified backup into an empty instance; returns the manifest.

    Files first (a file without its row is an orphan that `purge_documents` sweeps, and a
    second run skips the files already there), then every row in one transaction."""
    from django.contrib.auth import get_user_model

    source = Path(source)
    manifest = verify(source)
    if get_user_model().objects.exists():
        raise BackupError("This instance already has people in it: restore only into an empty one.")
    known = {f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()}
    missing = sorted(set(manifest["migrations"]) - known)
    if missing:
        raise BackupError(
            "The backup comes from newer code (migrations not applied here: "
            + ", ".join(missing[:5])
            + "). Deploy that code and migrate first."
        )
    _put_files(source, manifest)
    with transaction.atomic():
        call_command(
            "loaddata",
            str(source / manifest["database"]["file"]),
            format="backup-json",
            verbosity=0,
        )
    return manifest
