"""Who may see and do what with documents. Views ask here and nowhere else.

- An organisation's space is seen by its insiders: members, its mentors, the leads.
- A document shared with another organisation is readable by that organisation's insiders.
- The community library is read by every signed-in participant; leads manage it.
Outsiders are told nothing exists (404); people who see a document but may not act get 403.
"""

from typing import cast

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from mentoring import permissions as mp
from mentoring.models import AuditEntry, Membership, Mentorship, Organisation
from mentoring.models.trash import TrashQuerySet

from .models import Attachment, Document, NotificationPreference, Share, Version


def insider_organisation_ids(user) -> set[int]:
    return mp.member_organisation_ids(user) | mp.mentored_organisation_ids(user)


def _participant(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def documents_visible_to(user, *, include_trashed: bool = False) -> TrashQuerySet:
    """Every document the person may open: their spaces, shared with them, the library."""
    qs = Document.all_objects.all() if include_trashed else Document.objects.all()
    if not _participant(user):
        return qs.none()
    if mp.is_lead(user):
        return qs
    own = insider_organisation_ids(user)
    return qs.filter(
        Q(organisation__isnull=True)
        | Q(organisation_id__in=own)
        | Exists(Share.objects.filter(document=OuterRef("pk"), organisation_id__in=own))
    )


def versions_visible_to(user) -> QuerySet[Version]:
    return Version.objects.filter(document__in=documents_visible_to(user))


def spaces_visible_to(user) -> QuerySet[Organisation]:
    """Organisations whose space the person may open."""
    if not _participant(user):
        return Organisation.objects.none()
    return mp.organisations_insider_of(user)


def can_open_space(user, organisation: Organisation | None) -> bool:
    if organisation is None:
        return _participant(user)
    return _participant(user) and mp.is_insider(user, organisation)


def can_upload_to(user, organisation: Organisation | None) -> bool:
    """Insiders add to their organisation's space; leads add to the library."""
    if organisation is None:
        return mp.is_lead(user)
    return can_open_space(user, organisation)


def _space(document: Document) -> Organisation:
    """The organisation of a document known to have one (callers check organisation_id)."""
    return cast(Organisation, document.organisation)


def is_owner_side(user, document: Document) -> bool:
    """An insider of the space the document lives in (not merely someone it was shared with)."""
    if document.organisation_id is None:
        return mp.is_lead(user)
    return mp.is_insider(user, _space(document))


def can_edit(user, document: Document) -> bool:
    """Change the description or add a version: insiders of the owning space."""
    return document.deleted_at is None and is_owner_side(user, document)


def can_share(user, document: Document) -> bool:
    """The organisation's own members (and leads) decide who else reads its documents."""
    if document.organisation_id is None or document.deleted_at is not None:
        return False
    return mp.is_lead(user) or mp.is_member(user, _space(document))


def can_publish(user, document: Document) -> bool:
    if document.organisation_id is None or document.deleted_at is not None:
        return False
    return mp.is_lead(user) or mp.is_org_admin(user, _space(document))


def can_delete(user, document: Document) -> bool:
    """Leads, the space's admins, and whoever added the document."""
    if document.deleted_at is not None:
        return False
    if document.organisation_id is None:
        return mp.is_lead(user)
    if not mp.is_insider(user, _space(document)):
        return False
    return (
        mp.is_lead(user)
        or mp.is_org_admin(user, _space(document))
        or (document.created_by_id is not None and document.created_by_id == user.pk)
    )


def can_manage_trash(user, organisation: Organisation | None) -> bool:
    """See the trash and restore from it: the space's admins and the leads."""
    if organisation is None:
        return mp.is_lead(user)
    return mp.is_lead(user) or mp.is_org_admin(user, organisation)


def can_read_audit(user, organisation: Organisation | None) -> bool:
    return can_manage_trash(user, organisation)


def audit_entries_for(organisation: Organisation | None) -> QuerySet[AuditEntry]:
    """The documents part of the audit log, for one space (None: the library, for leads)."""
    qs = AuditEntry.objects.filter(action__startswith="document.")
    if organisation is None:
        return qs.filter(organisation__isnull=True)
    return qs.filter(organisation=organisation)


def addresses_shown_to(user, organisation: Organisation | None):
    """Whose client addresses a reader of a space's log sees: leads see everyone's (returns
    None: no limit); an organisation's admins only their own colleagues' (addresses say where
    people are), never those of leads, mentors or other organisations' people."""
    if mp.is_lead(user):
        return None
    if organisation is None:
        return set()
    return set(
        Membership.objects.filter(organisation=organisation).values_list("user_id", flat=True)
    )


def space_documents(user, organisation: Organisation | None) -> QuerySet[Document]:
    """The documents of a space that the person may open: the organisation's own and those
    shared with it; for None, the library."""
    visible = documents_visible_to(user)
    if organisation is None:
        return visible.filter(organisation__isnull=True)
    return visible.filter(
        Q(organisation=organisation)
        | Exists(Share.objects.filter(document=OuterRef("pk"), organisation=organisation))
    )


def notified_insiders(organisation: Organisation, *, exclude_id: int | None = None) -> QuerySet:
    """Who is told by e-mail of a document added to or shared with a space: the organisation's
    active members and mentors (the insiders; leads are not mailed), less those who switched
    these e-mails off and the person who did it."""
    opted_out = NotificationPreference.objects.filter(email_on_new_documents=False).values(
        "user_id"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(memberships__organisation=organisation)
            | Q(
                mentorships__organisation=organisation,
                mentorships__status__in=Mentorship.CURRENT_STATUSES,
            )
        )
        .exclude(pk__in=opted_out)
        .exclude(pk=exclude_id)  # type: ignore[misc]  # None is fine (IS NULL); stubs say no
        .distinct()
    )


def share_targets_for(user, document: Document) -> QuerySet[Organisation]:
    """Organisations a document may be shared with: listed ones, other than its own."""
    return mp.organisations_visible_to(user).listed().exclude(pk=document.organisation_id)


def attachments_visible_to(user, obj) -> QuerySet[Attachment]:
    """Attachments of `obj` whose document the person may open; the others are not shown."""
    from django.contrib.contenttypes.models import ContentType

    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        document__in=documents_visible_to(user),
    )


def attachments_reachable_by(user) -> QuerySet[Attachment]:
    """The detach scope: attachments whose document the person may open (404 for the others).
    Detaching then asks the target's kind (documents/attachables.py) for its scope and its edit
    predicate, exactly as attaching does."""
    return Attachment.objects.filter(document__in=documents_visible_to(user))


def attachable_documents_for(user, organisation: Organisation | None) -> QuerySet[Document]:
    """Documents that may be attached to an object of `organisation`: its space (its own and
    what was shared with it) and the library. Only documents the person may open themselves."""
    if organisation is None:
        return space_documents(user, None)
    return space_documents(user, organisation) | space_documents(user, None)
