"""Who may see and do what with the portal's own objects: invitations and the leads' pages.

The rules about organisations, mentorships and people live in `mentoring.permissions` (the
portal may import it, never the reverse); this module adds what only the portal knows.
"""

from django.db.models import QuerySet

from mentoring.models import Organisation
from mentoring.permissions import (
    admin_organisation_ids,
    can_invite,
    can_invite_to,
    get_object_for_user,
    is_insider,
    is_lead,
    require,
)

from .models import Invitation

__all__ = [
    "can_invite",
    "can_invite_to",
    "can_see_dashboard",
    "can_see_timeline",
    "get_object_for_user",
    "invitable_organisations",
    "invitations_visible_to",
    "is_lead",
    "require",
]


def invitations_visible_to(user) -> QuerySet[Invitation]:
    """Leads see every invitation; an organisation's admins those to their organisations."""
    qs = Invitation.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if is_lead(user):
        return qs
    return qs.filter(organisation_id__in=admin_organisation_ids(user))


def invitable_organisations(user) -> QuerySet[Organisation]:
    """Organisations a person may invite someone to: any for leads, their own for admins."""
    if is_lead(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=admin_organisation_ids(user))


def can_see_dashboard(user) -> bool:
    """The dashboard, the funder report, the year in review and its highlights: leads only."""
    return is_lead(user)


def can_see_timeline(user, organisation: Organisation) -> bool:
    """An organisation's timeline: its insiders (members never see private notes there)."""
    return is_insider(user, organisation)
