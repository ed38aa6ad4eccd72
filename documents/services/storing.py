"""Stored bytes and the rows that point at them (see the invariant in `documents.services`)."""

import hashlib
import logging
from dataclasses import dataclass
from typing import Any, cast

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction

from .. import storage as doc_storage
from ..models import Document, Version
from ..previews import make_thumbnail
from ..validation import Inspected

logger = logging.getLogger("documents.services")


class StorageFailed(Exception):
    """The storage backend refused the bytes; nothing was saved."""


@dataclass
class _Stored:
    key: str
    thumbnail_key: str
    sha256: str
    inspected: Inspected


def _sha256(fileobj) -> str:
    digest = hashlib.sha256()
    fileobj.seek(0)
    while chunk := fileobj.read(1024 * 1024):
        digest.update(chunk)
    fileobj.seek(0)
    return digest.hexdigest()


def _save_bytes(key: str, fileobj, content_type: str) -> None:
    storage = doc_storage.get_storage()
    # A plain File (no temporary_file_path): the upload is copied in chunks, never moved.
    content = File(fileobj, name=key)
    cast(Any, content).content_type = content_type  # read by documents.storage
    saved = storage.save(key, content)
    if saved != key:  # pragma: no cover - our storages refuse to rename
        storage.delete(saved)
        raise doc_storage.KeyExists(key)


def _delete_keys(keys: list[str]) -> None:
    storage = doc_storage.get_storage()
    for key in keys:
        if not key:
            continue
        try:
            storage.delete(key)
        except Exception:  # the purge command will find it as an orphan
            logger.exception("Could not delete stored document bytes %s", key)


def _store(inspected: Inspected) -> _Stored:
    """Store an inspected upload (and its thumbnail); on failure leave nothing behind."""
    fileobj = inspected.upload
    key = doc_storage.new_key("files")
    thumbnail_key = ""
    try:
        sha = _sha256(fileobj)
        _save_bytes(key, fileobj, inspected.content_type)
        if inspected.is_image:
            png = make_thumbnail(fileobj)
            if png is not None:
                thumbnail_key = doc_storage.new_key("thumbnails")
                _save_bytes(thumbnail_key, ContentFile(png), "image/png")
    except Exception as exc:
        _delete_keys([key, thumbnail_key])
        logger.exception("Storing a document failed")
        raise StorageFailed from exc
    return _Stored(key=key, thumbnail_key=thumbnail_key, sha256=sha, inspected=inspected)


def _version_row(document: Document, number: int, stored: _Stored, actor, note: str = ""):
    return Version.objects.create(
        document=document,
        number=number,
        storage_key=stored.key,
        thumbnail_key=stored.thumbnail_key,
        original_name=stored.inspected.name,
        size=stored.inspected.size,
        content_type=stored.inspected.content_type,
        sha256=stored.sha256,
        note=note,
        uploaded_by=actor,
    )


def _notify(document: Document, organisation_ids: list[int], event: str, actor) -> None:
    from ..tasks import notify_document

    if not organisation_ids:
        return
    transaction.on_commit(
        lambda: notify_document.enqueue(
            document_id=document.pk,
            organisation_ids=organisation_ids,
            event=event,
            actor_id=actor.pk if actor else None,
        )
    )
