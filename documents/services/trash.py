"""The trash: documents moved there stay restorable for PORTAL_TRASH_DAYS, then the purge
removes them with their stored bytes (and stored bytes no row refers to)."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mentoring.audit import audit

from .. import storage as doc_storage
from ..models import Document, Version


def document_trash(*, document: Document, actor) -> None:
    with transaction.atomic():
        document.trash(by=actor)
        audit("document.delete", actor=actor, target=document, summary=document.title)


def document_restore(*, document: Document, actor) -> None:
    with transaction.atomic():
        document.restore()
        audit("document.restore", actor=actor, target=document, summary=document.title)


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
    expired = Document.all_objects.filter(deleted_at__lt=now - timedelta(days=days))
    for document in expired.iterator():
        keys = [
            k
            for pair in document.versions.values_list("storage_key", "thumbnail_key")
            for k in pair
            if k
        ]
        with transaction.atomic():
            Document.all_objects.filter(pk=document.pk).update(current_version=None)
            Document.all_objects.filter(published_from=document).update(published_from=None)
            audit(
                "document.purge",
                target=document,
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
