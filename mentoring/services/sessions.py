"""Writes for mentorships, goals, session logs, action items and check-ins.

Every function is atomic and audited. Edits are optimistic: the caller passes the version the
person started from and `versioned_update` (mentoring/conflicts.py) writes only over that
version; when someone else saved first, `EditConflict` carries theirs and nothing is written.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import audit
from ..conflicts import versioned_update
from ..models import ActionItem, CheckIn, Goal, Mentorship, Session, Topic
from ..models.sessions import MAX_SESSION_MINUTES

__all__ = [
    "AlreadyAnswered",
    "action_item_set_done",
    "check_in_answer",
    "goal_create",
    "goal_update",
    "mentorship_create",
    "mentorship_update",
    "session_log",
    "session_restore",
    "session_trash",
    "session_update",
]


class AlreadyAnswered(Exception):
    """The other person of the same side answered this check-in first."""


# --- Mentorships -----------------------------------------------------------------------------


def mentorship_create(
    *,
    actor,
    organisation,
    mentors: Iterable,
    start_date,
    planned_end_date=None,
    status: str = Mentorship.Status.ACTIVE,
    closing_summary: str = "",
) -> Mentorship:
    with transaction.atomic():
        mentorship = Mentorship.objects.create(
            organisation=organisation,
            start_date=start_date,
            planned_end_date=planned_end_date,
            status=status,
            closing_summary=closing_summary,
        )
        mentorship.mentors.set(mentors)
        audit(
            "mentorship.create",
            actor=actor,
            target=mentorship,
            summary=", ".join(m.full_name for m in mentorship.mentors.all()),
        )
    return mentorship


def mentorship_update(
    *, mentorship: Mentorship, actor, version: int | None, data: dict, mentors
) -> Mentorship:
    with transaction.atomic():
        versioned_update(Mentorship.objects, pk=mentorship.pk, version=version, fields=data)
        mentorship.refresh_from_db()
        mentorship.mentors.set(mentors)
        audit(
            "mentorship.close"
            if data.get("status") == Mentorship.Status.CLOSED
            else "mentorship.edit",
            actor=actor,
            target=mentorship,
            summary=mentorship.get_status_display(),
        )
    return mentorship


# --- Goals -----------------------------------------------------------------------------------


def goal_create(*, mentorship: Mentorship, actor, data: dict) -> Goal:
    with transaction.atomic():
        goal = Goal.objects.create(mentorship=mentorship, updated_by=actor, **data)
        audit(
            "goal.create",
            actor=actor,
            target=goal,
            summary=goal.title,
        )
    return goal


def goal_update(*, goal: Goal, actor, version: int | None, data: dict) -> Goal:
    with transaction.atomic():
        versioned_update(
            Goal.objects,
            pk=goal.pk,
            version=version,
            fields={**data, "updated_by": actor, "updated_at": timezone.now()},
        )
        goal.refresh_from_db()
        audit(
            "goal.edit",
            actor=actor,
            target=goal,
            summary=goal.title,
        )
    return goal


# --- Session logs ----------------------------------------------------------------------------


def _check_session(mentorship: Mentorship, data: dict, attendees, goals, items) -> None:
    """The rules forms already enforce, enforced again where the write happens."""
    minutes = data.get("duration_minutes") or 0
    if not 0 < minutes <= MAX_SESSION_MINUTES:
        raise ValidationError(_("The duration must be between 1 minute and 12 hours."))
    member_ids = set(mentorship.organisation.memberships.values_list("user_id", flat=True))
    if any(person.pk not in member_ids for person in attendees):
        raise ValidationError(_("Attendees must be members of the organisation."))
    if any(goal.mentorship_id != mentorship.pk for goal in goals):
        raise ValidationError(_("Goals must belong to this mentorship."))
    mentor_ids = set(mentorship.mentors.values_list("pk", flat=True))
    for item in items:
        person = item.get("owner_person_id")
        if person is None or item.get("delete"):
            continue
        allowed = mentor_ids if item["owner"] == ActionItem.Owner.MENTOR else member_ids
        if person not in allowed:
            raise ValidationError(_("The owner of an action item must be in the mentorship."))


def _save_items(session: Session, items: list[dict], actor) -> None:
    existing = {item.pk: item for item in session.action_items.all()}
    now = timezone.now()
    position = 0
    for row in items:
        item = existing.get(row["id"]) if row.get("id") else None
        if row.get("id") and item is None:
            raise ValidationError(_("An action item no longer exists; reload the page."))
        if row.get("delete"):
            if item is not None:
                item.delete()
            continue
        position += 1
        if item is None:
            item = ActionItem(session=session)
        item.text = row["text"]
        item.owner = row["owner"]
        item.owner_person_id = row.get("owner_person_id")
        item.due_date = row.get("due_date")
        item.position = position
        if not row.get("done_changed", True):
            pass  # the tick was left as it was shown; keep what is stored now
        elif row.get("done") and item.done_at is None:
            item.done_at, item.done_by = now, actor
        elif not row.get("done"):
            item.done_at, item.done_by = None, None
        item.save()


def session_log(
    *,
    mentorship: Mentorship,
    author,
    data: dict,
    attendees: Iterable = (),
    topics: Iterable[Topic] = (),
    goals: Iterable[Goal] = (),
    items: list[dict] | None = None,
) -> Session:
    """Write a new log with its action items, then e-mail the organisation's members."""
    from ..tasks import notify_session_logged

    attendees, goals, items = list(attendees), list(goals), list(items or [])
    _check_session(mentorship, data, attendees, goals, items)
    with transaction.atomic():
        session = Session.objects.create(
            mentorship=mentorship, author=author, updated_by=author, **data
        )
        session.attendees.set(attendees)
        session.topics.set(topics)
        session.goals.set(goals)
        _save_items(session, items, author)
        audit(
            "session.log",
            actor=author,
            target=session,
            summary=f"{session.started_at:%Y-%m-%d} ({session.duration_minutes} min)",
        )
        transaction.on_commit(lambda: notify_session_logged.enqueue(session.pk))
    return session


def session_update(
    *,
    session: Session,
    actor,
    version: int | None,
    data: dict,
    attendees: Iterable = (),
    topics: Iterable[Topic] = (),
    goals: Iterable[Goal] = (),
    items: list[dict] | None = None,
) -> Session:
    """Save an edit only if nobody saved since `version` was read (EditConflict otherwise)."""
    attendees, goals, items = list(attendees), list(goals), list(items or [])
    mentorship = session.mentorship
    _check_session(mentorship, data, attendees, goals, items)
    with transaction.atomic():
        versioned_update(
            Session.objects,
            pk=session.pk,
            version=version,
            fields={**data, "updated_by": actor, "updated_at": timezone.now()},
        )
        session = Session.objects.select_related("mentorship__organisation").get(pk=session.pk)
        session.attendees.set(attendees)
        session.topics.set(topics)
        session.goals.set(goals)
        _save_items(session, items, actor)
        audit(
            "session.edit",
            actor=actor,
            target=session,
            summary=f"{session.started_at:%Y-%m-%d}, version {session.version}",
        )
    return session


def session_trash(*, session: Session, actor) -> None:
    with transaction.atomic():
        session.trash(by=actor)
        audit(
            "session.trash",
            actor=actor,
            target=session,
            summary=f"{session.started_at:%Y-%m-%d}",
        )


def session_restore(*, session: Session, actor) -> None:
    with transaction.atomic():
        session.restore()
        audit(
            "session.restore",
            actor=actor,
            target=session,
            summary=f"{session.started_at:%Y-%m-%d}",
        )


# --- Action items ----------------------------------------------------------------------------


def action_item_set_done(*, item: ActionItem, actor, done: bool) -> ActionItem:
    """Tick an action item off (or back on). Idempotent: ticking twice changes nothing."""
    with transaction.atomic():
        if done:
            ActionItem.objects.filter(pk=item.pk, done_at__isnull=True).update(
                done_at=timezone.now(), done_by=actor
            )
        else:
            ActionItem.objects.filter(pk=item.pk).update(done_at=None, done_by=None)
        item.refresh_from_db()
        audit(
            "action_item.done" if done else "action_item.reopen",
            actor=actor,
            target=item,
            summary=item.text[:200],
        )
    return item


# --- Check-ins -------------------------------------------------------------------------------


def check_in_answer(
    *, mentorship: Mentorship, respondent, side: str, stage: str, data: dict
) -> CheckIn:
    try:
        with transaction.atomic():
            check_in = CheckIn.objects.create(
                mentorship=mentorship, respondent=respondent, side=side, stage=stage, **data
            )
            audit(
                "check_in.answer",
                actor=respondent,
                target=check_in,
                summary=f"{stage} / {side}",
            )
    except IntegrityError as exc:
        raise AlreadyAnswered from exc
    return check_in
