"""Mentoring e-mails, run by django-tasks (immediate backend in development and tests, the
database backend and `manage.py db_worker` in production).

Every e-mail is rendered in the recipient's language and timezone, has a plain-text part and
links to its page. None of them reads `Session.private_notes`: they go to organisations.
"""

import logging
import smtplib
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from .models import ActionItem, Mentorship, Session

logger = logging.getLogger(__name__)


def _link(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def send_to(user, template: str, context: dict) -> bool:
    """One e-mail to one person, in their language and timezone; False if the server refused.

    `template` names mentoring's e-mails ("session_logged"), or another app's with its folder
    ("community/email/introduction_asked"): three templates, `_subject.txt`, `.txt`, `.html`."""
    prefix = template if "/" in template else f"mentoring/email/{template}"
    context = {**context, "recipient": user, "site_url": settings.SITE_URL}
    with (
        translation.override(user.language or settings.LANGUAGE_CODE),
        timezone.override(user.timezone or "UTC"),
    ):
        subject = render_to_string(f"{prefix}_subject.txt", context)
        text = render_to_string(f"{prefix}.txt", context)
        html = render_to_string(f"{prefix}.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text, to=[user.email])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send %s to %s", template, user.email)
        return False
    return True


def _members(organisation_id: int):
    return get_user_model().objects.filter(
        memberships__organisation_id=organisation_id, is_active=True
    )


@task()
def notify_session_logged(session_id: int) -> int:
    """Tell the organisation's members that a session was logged: summary and action items."""
    session = (
        Session.objects.select_related("mentorship__organisation", "author")
        .prefetch_related("topics", "action_items__owner_person")
        .filter(pk=session_id)
        .first()
    )
    if session is None:
        return 0
    context = {
        "session": session,
        "organisation": session.mentorship.organisation,
        "items": list(session.action_items.all()),
        "topics": list(session.topics.all()),
        "link": _link("mentoring:session_detail", session.pk),
    }
    sent = 0
    for person in _members(session.mentorship.organisation_id):
        sent += send_to(person, "session_logged", context)
    return sent


def digest_recipients(items) -> dict:
    """Who is reminded of which open item: the named person, else the side that owns it."""
    user_model = get_user_model()
    mentorship_ids = {item.session.mentorship_id for item in items}
    org_ids = {item.session.mentorship.organisation_id for item in items}
    members = defaultdict(list)
    for user_id, org_id in user_model.objects.filter(
        memberships__organisation_id__in=org_ids, is_active=True
    ).values_list("pk", "memberships__organisation_id"):
        members[org_id].append(user_id)
    mentors = defaultdict(list)
    for mentorship_id, user_id in Mentorship.mentors.through.objects.filter(
        mentorship_id__in=mentorship_ids, user__is_active=True
    ).values_list("mentorship_id", "user_id"):
        mentors[mentorship_id].append(user_id)
    by_person = defaultdict(list)
    for item in items:
        mentorship = item.session.mentorship
        still_in = item.owner_person_id in (
            members[mentorship.organisation_id] + mentors[mentorship.pk]
        )
        if item.owner_person_id and still_in:
            # A named owner who has left the organisation no longer receives its work.
            people = [item.owner_person_id]
        elif item.owner == ActionItem.Owner.MENTOR:
            people = mentors[item.session.mentorship_id]
        else:
            people = members[item.session.mentorship.organisation_id]
        for pk in people:
            by_person[pk].append(item)
    return by_person


@task()
def send_action_item_digest() -> int:
    """Weekly: remind owners of open action items that are overdue or due in the coming week."""
    today = timezone.localdate()
    items = list(
        ActionItem.objects.filter(
            done_at__isnull=True,
            due_date__lte=today + timedelta(days=7),
            session__deleted_at__isnull=True,
        )
        .exclude(session__mentorship__status=Mentorship.Status.CLOSED)
        .select_related("session__mentorship__organisation", "owner_person")
        .order_by("due_date", "pk")
    )
    by_person = digest_recipients(items)
    people = get_user_model().objects.in_bulk(list(by_person))
    sent = 0
    for pk, person_items in by_person.items():
        sent += send_to(
            people[pk],
            "action_item_digest",
            {
                "overdue": [i for i in person_items if i.due_date < today],
                "due_soon": [i for i in person_items if i.due_date >= today],
                "link": _link("mentoring:action_item_list"),
            },
        )
    return sent


@task()
def send_inactivity_reminders(days: int | None = None) -> int:
    """Remind each mentor of an active mentorship with no session logged for `days` days."""
    days = days or settings.PORTAL_MENTOR_REMINDER_DAYS
    cutoff = timezone.now() - timedelta(days=days)
    quiet = (
        Mentorship.objects.filter(status=Mentorship.Status.ACTIVE)
        .annotate(
            last_session=Max("sessions__started_at", filter=Q(sessions__deleted_at__isnull=True))
        )
        .filter(
            Q(last_session__lt=cutoff) | Q(last_session__isnull=True, start_date__lt=cutoff.date())
        )
        .select_related("organisation")
        .prefetch_related("mentors")
    )
    sent = 0
    for mentorship in quiet:
        context = {
            "mentorship": mentorship,
            "organisation": mentorship.organisation,
            "days": days,
            "last_session": mentorship.last_session,
            "link": _link("mentoring:session_create", mentorship.pk),
        }
        for mentor in mentorship.mentors.all():
            if mentor.is_active:
                sent += send_to(mentor, "inactivity_reminder", context)
    return sent
