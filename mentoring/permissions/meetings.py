"""Who sees community meetings, their call links and their answers.

Invitees of a meeting are: the programme leads, its hosts, and the members and mentors of the
organisations in its audience (the whole community = every active or alumni organisation; chosen
cohorts = their organisations; chosen organisations). A meeting for the whole community is
listed for every signed-in participant, but only invitees see the call link and answer;
a meeting for chosen cohorts or organisations does not exist for anyone else (404).
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from ..models import Meeting, Membership, Mentorship, Organisation
from ..models.meetings import MeetingQuerySet
from .core import is_lead, member_organisation_ids, mentored_organisation_ids

__all__ = [
    "audience_invitees",
    "audience_organisations",
    "can_answer_meeting",
    "can_edit_meeting",
    "can_manage_meetings",
    "invited_organisations",
    "is_meeting_invitee",
    "meeting_invitees",
    "meetings_invited_to",
    "meetings_visible_to",
]


def _own_organisation_ids(user) -> set[int]:
    return member_organisation_ids(user) | mentored_organisation_ids(user)


def _in_community(user) -> bool:
    """Whether one of the person's organisations is part of the community (active or alumni)."""
    cache = getattr(user, "_in_meeting_community", None)
    if cache is None:
        own = _own_organisation_ids(user)
        cache = bool(own) and Organisation.objects.listed().filter(pk__in=own).exists()
        user._in_meeting_community = cache
    return cache


def _invited_q(user) -> Q:
    own = _own_organisation_ids(user)
    q = Q(Exists(Meeting.hosts.through.objects.filter(meeting=OuterRef("pk"), user=user)))
    if own:
        q |= Q(audience=Meeting.Audience.ORGANISATIONS) & Q(
            Exists(
                Meeting.organisations.through.objects.filter(
                    meeting=OuterRef("pk"), organisation_id__in=own
                )
            )
        )
        q |= Q(audience=Meeting.Audience.COHORTS) & Q(
            Exists(
                Meeting.cohorts.through.objects.filter(
                    meeting=OuterRef("pk"), cohort__organisations__in=own
                )
            )
        )
    if _in_community(user):
        q |= Q(audience=Meeting.Audience.COMMUNITY)
    return q


def meetings_visible_to(user) -> MeetingQuerySet:
    """Meetings a person may open: those they are invited to, and whole-community meetings."""
    qs = Meeting.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if is_lead(user):
        return qs
    return qs.filter(_invited_q(user) | Q(audience=Meeting.Audience.COMMUNITY))


def meetings_invited_to(user) -> QuerySet[Meeting]:
    """The meetings in a person's calendar feed."""
    qs = Meeting.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if is_lead(user):
        return qs
    return qs.filter(_invited_q(user))


def is_meeting_invitee(user, meeting: Meeting) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if is_lead(user):
        return True
    return meetings_invited_to(user).filter(pk=meeting.pk).exists()


def can_manage_meetings(user) -> bool:
    """Leads create, edit, cancel and reschedule meetings, record attendance and minutes."""
    return is_lead(user)


def can_edit_meeting(user, meeting: Meeting) -> bool:
    """Also asked by the documents app: who may attach materials to a meeting."""
    return is_lead(user)


def can_answer_meeting(user, meeting: Meeting) -> bool:
    return is_meeting_invitee(user, meeting)


def audience_organisations(
    audience: str, *, cohorts=(), organisations=()
) -> QuerySet[Organisation]:
    """The organisations an audience names: the whole community (active and alumni), the
    organisations of chosen cohorts, or chosen organisations. Saved meetings and the scheduling
    planner (a meeting not saved yet) both ask here."""
    if audience == Meeting.Audience.COMMUNITY:
        return Organisation.objects.listed()
    if audience == Meeting.Audience.COHORTS:
        return Organisation.objects.filter(cohort__in=cohorts)
    return Organisation.objects.filter(pk__in=organisations)


def invited_organisations(meeting: Meeting) -> QuerySet[Organisation]:
    return audience_organisations(
        meeting.audience, cohorts=meeting.cohorts.all(), organisations=meeting.organisations.all()
    )


def audience_invitees(organisations, *, hosts=()) -> QuerySet:
    """Everyone invited, as one query: leads, hosts, and the organisations' members and mentors."""
    from ..roles import Role

    User = get_user_model()
    return User.objects.filter(is_active=True).filter(
        Q(role=Role.LEAD)
        | Q(pk__in=hosts)
        | Q(pk__in=Membership.objects.filter(organisation__in=organisations).values("user_id"))
        | Q(
            pk__in=Mentorship.mentors.through.objects.filter(
                mentorship__organisation__in=organisations
            ).values("user_id")
        )
    )


def meeting_invitees(meeting: Meeting) -> QuerySet:
    return audience_invitees(invited_organisations(meeting), hosts=meeting.hosts.all())
