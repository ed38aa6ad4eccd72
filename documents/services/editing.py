"""Changes to a document's description, shares and attachments; downloads and preferences."""

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from mentoring.audit import audit
from mentoring.conflicts import versioned_update
from mentoring.models import Organisation

from ..models import Attachment, Document, Share, Version
from .storing import _notify


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
) -> Document:
    """Save the description; refused (EditConflict) if it changed since revision `revision`."""
    with transaction.atomic():
        versioned_update(
            Document.objects,
            pk=document.pk,
            version=revision,
            field="revision",
            fields={
                "title": title,
                "description": description,
                "category": category,
                "tags": tags,
                "language": language,
                "updated_at": timezone.now(),
            },
        )
        audit("document.edit", actor=actor, target=document, summary=title)
    document.refresh_from_db()
    return document


def document_share(
    *,
    document: Document,
    actor,
    organisations: list[Organisation],
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
                summary=f"{document.title} → {org.name}",
                shared_with=org.pk,
            )
        for org in removed:
            audit(
                "document.unshare",
                actor=actor,
                target=document,
                summary=f"{document.title} ↛ {org.name}",
                shared_with=org.pk,
            )
        if notify:
            _notify(document, [o.pk for o in added], "shared", actor)
    return added, removed


def download_record(*, version: Version, actor) -> None:
    document = version.document
    audit(
        "document.download",
        actor=actor,
        target=document,
        summary=f"{document.title} v{version.number}",
        version=version.number,
    )


def attachment_add(*, document: Document, target: models.Model, actor):
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
                summary=f"{document.title} → {target._meta.label_lower} {target.pk}",
            )
    return attachment


def attachment_remove(*, attachment: Attachment, actor) -> None:
    with transaction.atomic():
        document = attachment.document
        audit(
            "document.detach",
            actor=actor,
            target=document,
            summary=f"{document.title} ↛ {attachment.content_type.model} {attachment.object_id}",
        )
        attachment.delete()


def preference_set(*, user, email_on_new_documents: bool) -> None:
    from ..models import NotificationPreference

    NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_on_new_documents": email_on_new_documents}
    )
