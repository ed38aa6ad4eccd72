"""Who may see and do what with projects, partners and introductions. Views ask here only.

- A project is seen by everyone who may see its organisation, unless it is confidential: then
  only by its organisation's insiders (members, mentors, leads). Trashed projects only by
  those who may restore them.
- A partner is seen by whoever sees at least one live project naming it (leads see all), so a
  partner that only a confidential project names stays unknown to everybody else.
- An introduction is seen by the insiders of either organisation and the leads; the contacts
  it carries are shown once it is accepted (or, for the asked side, the asker's contact).
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from mentoring import permissions as core
from mentoring.permissions import get_object_for_user, require  # noqa: F401 (re-exported)

from .models import Introduction, Partner, Project

# --- Projects --------------------------------------------------------------------------------


def _projects_scope(user) -> Q:
    insider = core.member_organisation_ids(user) | core.mentored_organisation_ids(user)
    return Q(organisation__in=core.organisations_visible_to(user), is_confidential=False) | Q(
        organisation_id__in=insider
    )


def projects_visible_to(user) -> QuerySet[Project]:
    qs = Project.objects.alive()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if core.is_lead(user):
        return qs
    return qs.filter(_projects_scope(user))


def trashed_projects_visible_to(user) -> QuerySet[Project]:
    """The trash: only people who may edit a project see it there (and may restore it)."""
    qs = Project.objects.filter(deleted_at__isnull=False)
    if core.is_lead(user):
        return qs
    return qs.filter(organisation__in=core.organisations_insider_of(user))


def can_edit_project(user, project: Project) -> bool:
    """Members and admins of the organisation, its mentors and the leads."""
    return core.is_insider(user, project.organisation)


def can_add_project(user, organisation) -> bool:
    return core.is_insider(user, organisation)


def organisations_for_new_project(user) -> QuerySet:
    return core.organisations_insider_of(user)


# --- Partners --------------------------------------------------------------------------------


def partners_visible_to(user) -> QuerySet[Partner]:
    qs = Partner.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if core.is_lead(user):
        return qs
    visible = projects_visible_to(user).filter(partners=OuterRef("pk"))
    return qs.filter(Exists(visible))


def can_manage_partners(user) -> bool:
    """Correcting a partner record and merging duplicates is the leads' job."""
    return core.is_lead(user)


# --- Introductions ---------------------------------------------------------------------------


def introductions_visible_to(user) -> QuerySet[Introduction]:
    qs = Introduction.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if core.is_lead(user):
        return qs
    own = core.member_organisation_ids(user) | core.mentored_organisation_ids(user)
    return qs.filter(Q(from_organisation_id__in=own) | Q(to_organisation_id__in=own))


def organisations_user_can_ask_from(user) -> QuerySet:
    """A person asks for an introduction on behalf of an organisation they belong to."""
    from mentoring.models import Organisation

    return Organisation.objects.filter(pk__in=core.member_organisation_ids(user)).listed()


def can_ask_introduction(user, target) -> bool:
    """Members of a listed organisation ask to meet another organisation than their own."""
    if not user.is_authenticated or core.is_lead(user):
        return False
    own = core.member_organisation_ids(user) - {target.pk}
    return bool(own) and target.status != target.Status.APPLICANT


def can_introduce(user) -> bool:
    return core.is_lead(user)


def can_answer_introduction(user, introduction: Introduction) -> bool:
    """Only an admin of the asked organisation accepts or declines, while it is pending."""
    return (
        introduction.status == Introduction.Status.PENDING
        and not introduction.introduced_by_lead
        and core.is_org_admin(user, introduction.to_organisation)
    )


def can_see_introduction_contacts(user, introduction: Introduction) -> bool:
    return introduction.status == Introduction.Status.ACCEPTED


def can_see_synergies(user) -> bool:
    return user.is_authenticated and user.is_active


def can_see_lead_synergies(user) -> bool:
    return core.is_lead(user)
