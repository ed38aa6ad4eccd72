"""Writes to the document exchange: atomic, audited, and careful with stored bytes.

Bytes are stored first, under random keys; rows are then written in one transaction. If the
transaction fails, the bytes just stored are deleted again; if storing fails, no row is written.
Apart from that clean-up, only `documents_purge` (the purge command) deletes stored files.
"""

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from mentoring.audit import audit
from mentoring.models import Organisation

from . import storage as doc_storage
from .models import Attachment, Document, Share, Version
from .previews import make_thumbnail
from .validation import Inspected

logger = logging.getLogger(__name__)


class Conflict(Exception):
    """Someone else changed the document since the form was shown; nothing was saved."""

    def __init__(self, document: Document):
        super().__init__(document.pk)
        self.document = document


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
    content.content_type = content_type  # type: ignore[attr-defined]  # read by S3Storage
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
    from .tasks import notify_document

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
    request=None,
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
                    organisation=organisation,
                    summary=f"{document.title} ({version.original_name})",
                    request=request,
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
    *, document: Document, actor, file: Inspected, based_on: int, note: str = "", request=None
) -> Version:
    """A new version; every earlier one is kept. Refused (Conflict) if someone else added a
    version since the person looked at version `based_on`."""
    stored = _store(file)
    try:
        with transaction.atomic():
            locked = Document.objects.select_for_update().get(pk=document.pk)
            latest = locked.versions.aggregate(n=models.Max("number"))["n"] or 0
            if latest != based_on:
                raise Conflict(locked)
            version = _version_row(locked, latest + 1, stored, actor, note)
            Document.objects.filter(pk=locked.pk).update(
                current_version=version, updated_at=timezone.now()
            )
            audit(
                "document.version",
                actor=actor,
                target=locked,
                organisation=locked.organisation,
                summary=f"{locked.title} v{version.number} ({version.original_name})",
                request=request,
                version=version.number,
                size=version.size,
                sha256=version.sha256,
            )
    except BaseException:
        _delete_keys([stored.key, stored.thumbnail_key])
        raise
    return version


def document_update(
    *,
    document: Document,
    actor,
    revision: int,
    title: str,
    description: str,
    category: str,
    tags: str,
    language: str,
    request=None,
) -> Document:
    """Save the description; refused (Conflict) if it changed since revision `revision`."""
    with transaction.atomic():
        changed = Document.objects.filter(pk=document.pk, revision=revision).update(
            title=title,
            description=description,
            category=category,
            tags=tags,
            language=language,
            revision=F("revision") + 1,
            updated_at=timezone.now(),
        )
        if not changed:
            raise Conflict(Document.objects.get(pk=document.pk))
        audit(
            "document.edit",
            actor=actor,
            target=document,
            organisation=document.organisation,
            summary=title,
            request=request,
        )
    document.refresh_from_db()
    return document


def document_share(
    *,
    document: Document,
    actor,
    organisations: list[Organisation],
    request=None,
    notify: bool = True,
) -> tuple[list[Organisation], list[Organisation]]:
    """Make the shares exactly `organisations`; returns (added, removed)."""
    wanted = {o.pk: o for o in organisations if o.pk != document.organisation_id}
    with transaction.atomic():
        # One sharing change at a time per document: two at once would both add the same row.
        Document.objects.select_for_update().filter(pk=document.pk).first()
        current = {s.organisation_id: s for s in document.shares.select_related("organisation")}
        added = [o for pk, o in wanted.items() if pk not in current]
        removed = [s.organisation for pk, s in current.items() if pk not in wanted]
        Share.objects.bulk_create(
            [Share(document=document, organisation=o, shared_by=actor) for o in added]
        )
        if removed:
            document.shares.filter(organisation__in=removed).delete()
        for org in added:
            audit(
                "document.share",
                actor=actor,
                target=document,
                organisation=document.organisation,
                summary=f"{document.title} → {org.name}",
                request=request,
                shared_with=org.pk,
            )
        for org in removed:
            audit(
                "document.unshare",
                actor=actor,
                target=document,
                organisation=document.organisation,
                summary=f"{document.title} ↛ {org.name}",
                request=request,
                shared_with=org.pk,
            )
        if notify:
            _notify(document, [o.pk for o in added], "shared", actor)
    return added, removed


def document_publish(*, document: Document, actor, request=None) -> Document:
    """Publish a copy of the current version to the community library. The copy has bytes of
    its own, so the original space's trash and purge never touch it."""
    source = document.current_version
    assert source is not None, "only a document with a version is published"
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
                    organisation=organisation,
                    summary=f"{document.title} → {copy.pk}",
                    request=request,
                    source=document.pk,
                )
    except BaseException:
        _delete_keys([key, thumbnail_key])
        raise
    return copy


def document_trash(*, document: Document, actor, request=None) -> None:
    with transaction.atomic():
        Document.objects.filter(pk=document.pk, deleted_at__isnull=True).update(
            deleted_at=timezone.now(), deleted_by=actor
        )
        audit(
            "document.delete",
            actor=actor,
            target=document,
            organisation=document.organisation,
            summary=document.title,
            request=request,
        )


def document_restore(*, document: Document, actor, request=None) -> None:
    with transaction.atomic():
        Document.objects.filter(pk=document.pk).update(deleted_at=None, deleted_by=None)
        audit(
            "document.restore",
            actor=actor,
            target=document,
            organisation=document.organisation,
            summary=document.title,
            request=request,
        )


def download_record(*, version: Version, actor, request=None) -> None:
    document = version.document
    audit(
        "document.download",
        actor=actor,
        target=document,
        organisation=document.organisation,
        summary=f"{document.title} v{version.number}",
        request=request,
        version=version.number,
    )


def attachment_add(*, document: Document, target: models.Model, actor, request=None):
    with transaction.atomic():
        attachment, created = Attachment.objects.get_or_create(
            document=document,
            content_type=ContentType.objects.get_for_model(target),
            object_id=str(target.pk),
            defaults={"attached_by": actor},
        )
        if created:
            audit(
                "document.attach",
                actor=actor,
                target=document,
                organisation=document.organisation,
                summary=f"{document.title} → {target._meta.label_lower} {target.pk}",
                request=request,
            )
    return attachment


def attachment_remove(*, attachment: Attachment, actor, request=None) -> None:
    with transaction.atomic():
        document = attachment.document
        audit(
            "document.detach",
            actor=actor,
            target=document,
            organisation=document.organisation,
            summary=f"{document.title} ↛ {attachment.content_type.model} {attachment.object_id}",
            request=request,
        )
        attachment.delete()


def preference_set(*, user, email_on_new_documents: bool) -> None:
    from .models import NotificationPreference

    NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_on_new_documents": email_on_new_documents}
    )


@dataclass
class PurgeReport:
    documents: int = 0
    files: int = 0
    orphans: list[str] = field(default_factory=list)


def documents_purge(
    *, now: datetime | None = None, days: int | None = None, orphan_grace: timedelta | None = None
) -> PurgeReport:
    """Delete documents trashed more than `days` ago with all their stored bytes, and stored
    bytes that no row refers to (left by a database failure) once older than `orphan_grace`."""
    now = now or timezone.now()
    days = settings.PORTAL_TRASH_DAYS if days is None else days
    orphan_grace = timedelta(hours=1) if orphan_grace is None else orphan_grace
    storage = doc_storage.get_storage()
    report = PurgeReport()
    expired = Document.objects.filter(deleted_at__lt=now - timedelta(days=days))
    for document in expired.iterator():
        keys = [
            k
            for pair in document.versions.values_list("storage_key", "thumbnail_key")
            for k in pair
            if k
        ]
        with transaction.atomic():
            Document.objects.filter(pk=document.pk).update(current_version=None)
            Document.objects.filter(published_from=document).update(published_from=None)
            audit(
                "document.purge",
                target=document,
                organisation=document.organisation,
                summary=document.title,
            )
            document.delete()
        for key in keys:
            storage.delete(key)
            report.files += 1
        report.documents += 1
    known = set(Version.objects.values_list("storage_key", flat=True)) | set(
        Version.objects.exclude(thumbnail_key="").values_list("thumbnail_key", flat=True)
    )
    for prefix in ("files", "thumbnails"):
        for key in doc_storage.walk(storage, prefix):
            if key in known:
                continue
            try:
                modified = storage.get_modified_time(key)
            except (FileNotFoundError, NotImplementedError):
                continue
            if modified > now - orphan_grace:
                continue  # perhaps an upload whose rows are being written right now
            storage.delete(key)
            report.orphans.append(key)
    return report
