"""New documents, new versions and publication: bytes first, then rows in one transaction."""

from django.db import models, transaction
from django.utils import timezone

from mentoring.audit import audit
from mentoring.conflicts import EditConflict
from mentoring.models import Organisation

from .. import storage as doc_storage
from ..models import Document, Version
from ..validation import Inspected
from .storing import (
    StorageFailed,
    _delete_keys,
    _notify,
    _save_bytes,
    _store,
    _Stored,
    _version_row,
)


def documents_upload(
    *,
    organisation: Organisation | None,
    actor,
    files: list[Inspected],
    title: str = "",
    description: str = "",
    category: str = Document.Category.WORKING,
    tags: str = "",
    language: str = Document.Language.EN,
    notify: bool = True,
) -> list[Document]:
    """Add one document per file to a space (None: the community library), all or nothing."""
    stored: list[_Stored] = []
    try:
        for inspected in files:
            stored.append(_store(inspected))
    except StorageFailed:
        _delete_keys([k for s in stored for k in (s.key, s.thumbnail_key)])
        raise
    try:
        with transaction.atomic():
            documents = []
            for item in stored:
                stem = item.inspected.name.rsplit(".", 1)[0] or item.inspected.name
                doc_title = title if title and len(files) == 1 else stem
                if title and len(files) > 1:
                    doc_title = f"{title} – {stem}"
                document = Document.objects.create(
                    organisation=organisation,
                    title=doc_title[:200],
                    description=description,
                    category=category,
                    tags=tags,
                    language=language,
                    created_by=actor,
                )
                version = _version_row(document, 1, item, actor)
                document.current_version = version
                document.save(update_fields=["current_version"])
                audit(
                    "document.upload",
                    actor=actor,
                    target=document,
                    summary=f"{document.title} ({version.original_name})",
                    version=1,
                    size=version.size,
                    sha256=version.sha256,
                )
                documents.append(document)
                if organisation is not None and notify:
                    _notify(document, [organisation.pk], "added", actor)
    except BaseException:
        _delete_keys([k for s in stored for k in (s.key, s.thumbnail_key)])
        raise
    return documents


def version_add(
    *, document: Document, actor, file: Inspected, based_on: int, note: str = ""
) -> Version:
    """A new version; every earlier one is kept. Refused (EditConflict, carrying the latest
    version) if someone else added a version since the person looked at version `based_on`.
    The compare-and-set is on the number of the latest file, under a row lock, because the
    new file's number is taken from it."""
    stored = _store(file)
    try:
        with transaction.atomic():
            locked = Document.objects.select_for_update().get(pk=document.pk)
            latest = locked.versions.aggregate(n=models.Max("number"))["n"] or 0
            if latest != based_on:
                raise EditConflict(
                    locked.versions.select_related("uploaded_by").order_by("-number").first()
                )
            version = _version_row(locked, latest + 1, stored, actor, note)
            Document.objects.filter(pk=locked.pk).update(
                current_version=version, updated_at=timezone.now()
            )
            audit(
                "document.version",
                actor=actor,
                target=locked,
                summary=f"{locked.title} v{version.number} ({version.original_name})",
                version=version.number,
                size=version.size,
                sha256=version.sha256,
            )
    except BaseException:
        _delete_keys([stored.key, stored.thumbnail_key])
        raise
    return version


def document_publish(*, document: Document, actor) -> Document:
    """Publish a copy of the current version to the community library. The copy has bytes of
    its own, so the original space's trash and purge never touch it."""
    source = document.current_version
    assert source is not None  # only a purged document has none, and it cannot be reached
    storage = doc_storage.get_storage()
    key = doc_storage.new_key("files")
    thumbnail_key = ""
    try:
        with storage.open(source.storage_key, "rb") as fileobj:
            _save_bytes(key, fileobj, source.content_type)
        if source.thumbnail_key:
            thumbnail_key = doc_storage.new_key("thumbnails")
            with storage.open(source.thumbnail_key, "rb") as fileobj:
                _save_bytes(thumbnail_key, fileobj, "image/png")
    except Exception as exc:
        _delete_keys([key, thumbnail_key])
        raise StorageFailed from exc
    try:
        with transaction.atomic():
            copy = Document.objects.create(
                organisation=None,
                title=document.title,
                description=document.description,
                category=document.category,
                tags=document.tags,
                language=document.language,
                published_from=document,
                created_by=actor,
            )
            version = Version.objects.create(
                document=copy,
                number=1,
                storage_key=key,
                thumbnail_key=thumbnail_key,
                original_name=source.original_name,
                size=source.size,
                content_type=source.content_type,
                sha256=source.sha256,
                uploaded_by=actor,
            )
            copy.current_version = version
            copy.save(update_fields=["current_version"])
            for organisation in (document.organisation, None):
                audit(
                    "document.publish",
                    actor=actor,
                    target=copy if organisation is None else document,
                    summary=f"{document.title} → {copy.pk}",
                    source=document.pk,
                )
    except BaseException:
        _delete_keys([key, thumbnail_key])
        raise
    return copy
