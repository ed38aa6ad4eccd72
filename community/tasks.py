"""Introduction e-mails, through mentoring's one sender (recipient's language and timezone,
plain text and HTML, a link to the page). Only the two organisations' names, the note and,
once accepted, the chosen contacts are written: nothing about anyone's projects."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_tasks import task

from mentoring.mail import send_to_user

from .models import Introduction


def _introduction(pk: int) -> Introduction | None:
    return (
        Introduction.objects.select_related(
            "from_organisation", "to_organisation", "from_contact", "to_contact", "requested_by"
        )
        .filter(pk=pk)
        .first()
    )


def _context(introduction: Introduction) -> dict:
    return {
        "introduction": introduction,
        "link": settings.SITE_URL
        + reverse("community:introduction_detail", args=[introduction.pk]),
    }


@task()
def notify_introduction_asked(introduction_id: int) -> int:
    """The asked organisation's admins learn who wants to meet them, and why."""
    introduction = _introduction(introduction_id)
    if introduction is None:
        return 0
    admins = get_user_model().objects.filter(
        is_active=True,
        memberships__organisation=introduction.to_organisation,
        memberships__is_admin=True,
    )
    context = _context(introduction)
    return sum(
        send_to_user(admin, "community/email/introduction_asked", context) for admin in admins
    )


@task()
def notify_introduction_accepted(introduction_id: int) -> int:
    """Both contacts get each other's name and address."""
    introduction = _introduction(introduction_id)
    if introduction is None:
        return 0
    context = _context(introduction)
    sent = 0
    pairs = [
        (introduction.from_contact, introduction.to_contact, introduction.to_organisation),
        (introduction.to_contact, introduction.from_contact, introduction.from_organisation),
    ]
    for person, other, other_organisation in pairs:
        if person is not None and person.is_active:
            sent += send_to_user(
                person,
                "community/email/introduction_accepted",
                {**context, "other": other, "other_organisation": other_organisation},
            )
    return sent
