"""Who may see and do what with mentorships, goals, session logs, action items and check-ins.

- Leads see everything and manage mentorships; they restore logs from the trash.
- Mentors see the mentorships they are a mentor of, log and edit their sessions (any mentor of
  the mentorship may edit, which is why edits carry a version), and read the private notes.
- Members of the organisation see its mentorships, sessions *without private notes*, goals,
  action items, and tick action items off.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from ..models import ActionItem, CheckIn, Goal, Mentorship, Session
from ..roles import Role
from .core import is_lead, is_member, member_organisation_ids

__all__ = [
    "action_items_visible_to",
    "can_answer_check_in",
    "can_delete_session",
    "can_edit_goal",
    "can_edit_session",
    "can_export_sessions",
    "can_log_session",
    "can_manage_mentorships",
    "can_restore_session",
    "can_see_check_in",
    "can_see_private_notes",
    "may_read_some_private_notes",
    "private_notes_readable_q",
    "can_tick_action_item",
    "check_in_side_of",
    "goals_visible_to",
    "has_mentoring",
    "is_mentor_of_mentorship",
    "mentorships_in_calendar_of",
    "mentored_mentorship_ids",
    "sessions_visible_to",
    "trashed_sessions_visible_to",
]


def mentored_mentorship_ids(user) -> set[int]:
    """Current (active or paused) mentorships the person is a mentor of (cached on the user for
    the request). Once a mentorship closes its mentors keep only the logs they wrote."""
    if not user.is_authenticated or not user.is_active or user.role != Role.MENTOR:
        return set()
    cache = getattr(user, "_mentored_mentorship_ids", None)
    if cache is None:
        cache = set(Mentorship.objects.current().filter(mentors=user).values_list("pk", flat=True))
        user._mentored_mentorship_ids = cache
    return cache


def is_mentor_of_mentorship(user, mentorship: Mentorship) -> bool:
    return mentorship.pk in mentored_mentorship_ids(user)


def has_mentoring(user) -> bool:
    """Whether the "Mentoring" pages mean anything to this person (for the navigation)."""
    return (
        is_lead(user) or bool(mentored_mentorship_ids(user)) or bool(member_organisation_ids(user))
    )


def can_manage_mentorships(user) -> bool:
    return is_lead(user)


def _scoped(qs: QuerySet, user, prefix: str) -> QuerySet:
    """Limit a queryset whose rows reach a mentorship through `prefix` to what the person sees."""
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if is_lead(user):
        return qs
    return qs.filter(
        Q(**{f"{prefix}organisation_id__in": member_organisation_ids(user)})
        | Q(**{f"{prefix}id__in": mentored_mentorship_ids(user)})
    )


def mentorships_in_calendar_of(user) -> QuerySet[Mentorship]:
    """Mentorships whose announced next sessions go into a person's private calendar feed:
    those they mentor or whose organisation they belong to, unless closed; being a lead adds
    none. Only the date and the organisation go into the feed, never notes."""
    if not user.is_authenticated or not user.is_active:
        return Mentorship.objects.none()
    return Mentorship.objects.filter(
        Exists(Mentorship.mentors.through.objects.filter(mentorship=OuterRef("pk"), user=user))
        | Q(organisation_id__in=member_organisation_ids(user))
    ).exclude(status=Mentorship.Status.CLOSED)


# --- Goals -----------------------------------------------------------------------------------


def goals_visible_to(user) -> QuerySet[Goal]:
    return _scoped(Goal.objects.all(), user, "mentorship__")


def can_edit_goal(user, mentorship: Mentorship) -> bool:
    """Goals are agreed by mentor and organisation: both sides (and leads) write them."""
    return (
        is_lead(user)
        or is_mentor_of_mentorship(user, mentorship)
        or is_member(user, mentorship.organisation)
    )


# --- Sessions --------------------------------------------------------------------------------


def sessions_visible_to(user) -> QuerySet[Session]:
    """Live (not trashed) session logs the person may open: those of their organisations and
    current mentorships, and the ones they wrote (a former mentor still reads their own)."""
    scoped = _scoped(Session.objects.all(), user, "mentorship__")
    if not user.is_authenticated or not user.is_active or is_lead(user):
        return scoped
    return scoped | Session.objects.filter(author=user)


def trashed_sessions_visible_to(user) -> QuerySet[Session]:
    if not is_lead(user):
        return Session.all_objects.none()
    return Session.all_objects.filter(deleted_at__isnull=False)


def can_see_private_notes(user, session_or_mentorship) -> bool:
    """Private mentor notes: the mentorship's mentors and the leads, never the organisation."""
    mentorship = getattr(session_or_mentorship, "mentorship", session_or_mentorship)
    wrote_it = (
        user.is_authenticated and getattr(session_or_mentorship, "author_id", None) == user.pk
    )
    return is_lead(user) or is_mentor_of_mentorship(user, mentorship) or wrote_it


def may_read_some_private_notes(user) -> bool:
    """Whether a search or an export may include private notes at all (leads and mentors of a
    mentorship); each row is still asked `can_see_private_notes`."""
    return is_lead(user) or bool(mentored_mentorship_ids(user))


def private_notes_readable_q(user) -> Q | None:
    """Which sessions' private notes a search may look into: all for leads, those of the
    mentorships a mentor mentors, none (None) for anyone else."""
    if is_lead(user):
        return Q()
    ids = mentored_mentorship_ids(user)
    return Q(mentorship_id__in=ids) if ids else None


def can_log_session(user, mentorship: Mentorship) -> bool:
    return (
        is_mentor_of_mentorship(user, mentorship) and mentorship.status != Mentorship.Status.CLOSED
    )


def can_edit_session(user, session: Session) -> bool:
    return is_mentor_of_mentorship(user, session.mentorship)


def can_delete_session(user, session: Session) -> bool:
    return is_lead(user) or is_mentor_of_mentorship(user, session.mentorship)


def can_restore_session(user) -> bool:
    return is_lead(user)


def can_export_sessions(user) -> bool:
    return user.is_authenticated and user.is_active


# --- Action items ----------------------------------------------------------------------------


def action_items_visible_to(user) -> QuerySet[ActionItem]:
    """Action items of live sessions the person may see."""
    qs = ActionItem.objects.filter(Exists(Session.objects.filter(pk=OuterRef("session_id"))))
    return _scoped(qs, user, "session__mentorship__")


def can_tick_action_item(user, item: ActionItem) -> bool:
    mentorship = item.session.mentorship
    return (
        is_lead(user)
        or is_mentor_of_mentorship(user, mentorship)
        or is_member(user, mentorship.organisation)
    )


# --- Check-ins -------------------------------------------------------------------------------


def check_in_side_of(user, mentorship: Mentorship) -> str | None:
    """Which side of the mentorship the person answers for, if any."""
    if is_mentor_of_mentorship(user, mentorship):
        return CheckIn.Side.MENTOR
    if is_member(user, mentorship.organisation):
        return CheckIn.Side.ORGANISATION
    return None


def can_answer_check_in(user, mentorship: Mentorship) -> bool:
    return check_in_side_of(user, mentorship) is not None


def can_see_check_in(user, check_in: CheckIn, *, both_answered: bool) -> bool:
    """Leads see every answer; each side sees its own, and the other side's only once both
    sides have answered that stage (so neither answer is shaped by the other)."""
    if is_lead(user):
        return True
    side = check_in_side_of(user, check_in.mentorship)
    if side is None:
        return False
    return side == check_in.side or both_answered
