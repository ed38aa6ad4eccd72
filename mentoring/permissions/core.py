"""Who may see and do what in the programme. Views ask here; nothing else decides.

The organisation is the unit of confidentiality. A person relates to an organisation as:
a programme lead (sees and manages everything), a mentor of one of its mentorships, a member
(optionally its admin), or an outsider. Outsiders are told nothing exists (404); people who may
see an object but not act on it are refused (403).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from ..models import Membership, Mentorship, Organisation
from ..models.programme import MentorshipQuerySet, OrganisationQuerySet
from ..roles import Role
from ..typing import Viewer


def is_lead(user: Viewer) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.LEAD)


def member_organisation_ids(user: Viewer) -> set[int]:
    if not user.is_authenticated:
        return set()
    cache = getattr(user, "_member_org_ids", None)
    if cache is None:
        cache = set(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))
        user._member_org_ids = cache
    return cache


def admin_organisation_ids(user: Viewer) -> set[int]:
    if not user.is_authenticated:
        return set()
    cache = getattr(user, "_admin_org_ids", None)
    if cache is None:
        cache = set(
            Membership.objects.filter(user=user, is_admin=True).values_list(
                "organisation_id", flat=True
            )
        )
        user._admin_org_ids = cache
    return cache


def mentored_organisation_ids(user: Viewer) -> set[int]:
    """Organisations of the person's current (active or paused) mentorships: a former mentor is
    no longer an insider of the organisation."""
    if not user.is_authenticated or user.role != Role.MENTOR:
        return set()
    cache = getattr(user, "_mentored_org_ids", None)
    if cache is None:
        cache = set(
            Mentorship.objects.current()
            .filter(mentors=user)
            .values_list("organisation_id", flat=True)
        )
        user._mentored_org_ids = cache
    return cache


def is_member(user: Viewer, organisation: Organisation) -> bool:
    return organisation.pk in member_organisation_ids(user)


def is_org_admin(user: Viewer, organisation: Organisation) -> bool:
    return organisation.pk in admin_organisation_ids(user)


def is_mentor_of(user: Viewer, organisation: Organisation) -> bool:
    return organisation.pk in mentored_organisation_ids(user)


def is_insider(user: Viewer, organisation: Organisation) -> bool:
    """Lead, mentor or member: the people who share an organisation's confidential space."""
    return is_lead(user) or is_member(user, organisation) or is_mentor_of(user, organisation)


# --- Organisations ---------------------------------------------------------------------------


def organisations_visible_to(user: Viewer) -> OrganisationQuerySet:
    """The directory: every participant sees active and alumni organisations; applicants are seen
    only by leads and by the applicant's own members and mentors."""
    qs = Organisation.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if is_lead(user):
        return qs
    own = member_organisation_ids(user) | mentored_organisation_ids(user)
    return qs.listed() | qs.filter(pk__in=own)


def organisations_insider_of(user: Viewer) -> QuerySet[Organisation]:
    """Organisations whose confidential space the person shares."""
    if is_lead(user):
        return Organisation.objects.all()
    own = member_organisation_ids(user) | mentored_organisation_ids(user)
    return Organisation.objects.filter(pk__in=own)


def can_edit_organisation(user: Viewer, organisation: Organisation) -> bool:
    return is_lead(user) or is_org_admin(user, organisation)


def can_see_member_contacts(user: Viewer, organisation: Organisation) -> bool:
    """E-mail addresses of an organisation's people are for its insiders only."""
    return is_insider(user, organisation)


def can_invite_to(user: Viewer, organisation: Organisation | None) -> bool:
    if is_lead(user):
        return True
    return organisation is not None and is_org_admin(user, organisation)


def can_invite(user: Viewer) -> bool:
    return is_lead(user) or bool(admin_organisation_ids(user))


def can_create_organisation(user: Viewer) -> bool:
    return is_lead(user)


# --- People ------------------------------------------------------------------------------


def people_visible_to(user: Viewer) -> QuerySet:
    """Whose name and picture a person may see: the programme's leads and mentors, and the
    members of the organisations they may see (so nobody learns who is in an applicant)."""
    from django.contrib.auth import get_user_model

    people = get_user_model().objects.filter(is_active=True)
    if not user.is_authenticated or not user.is_active:
        return people.none()
    if is_lead(user):
        return people
    return people.filter(
        Q(role__in=[Role.LEAD, Role.MENTOR])
        | Q(pk=user.pk)
        | Exists(
            Membership.objects.filter(
                user=OuterRef("pk"), organisation__in=organisations_visible_to(user)
            )
        )
    )


# --- Mentorships -----------------------------------------------------------------------------


def mentorships_visible_to(user: Viewer) -> MentorshipQuerySet:
    qs = Mentorship.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if is_lead(user):
        return qs
    return qs.filter(
        Q(organisation_id__in=member_organisation_ids(user))
        | Q(
            Exists(Mentorship.mentors.through.objects.filter(mentorship=OuterRef("pk"), user=user)),
            status__in=Mentorship.CURRENT_STATUSES,
        )
    )


# --- Helpers for views -----------------------------------------------------------------------


def get_object_for_user(queryset: QuerySet, **lookup):
    """Fetch one object from an already scoped queryset; anything outside the scope is a 404."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def require(allowed: bool) -> None:
    """403 for someone who may see the object but not do this with it."""
    if not allowed:
        raise PermissionDenied
