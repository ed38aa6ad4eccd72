"""Who may see and do what in intake. Calls, applications and reviews are for the leads only;
everyone else signed in gets 403 on those pages. Applicants reach their own application
through its private link (a token), never through an account."""

from django.db.models import QuerySet

from mentoring.permissions import get_object_for_user, is_lead, require

from .models import Application, ApplicationQuerySet, Call, ProgrammeText

__all__ = [
    "applications_visible_to",
    "calls_visible_to",
    "can_edit_programme_page",
    "can_review",
    "get_object_for_user",
    "require",
]


def can_review(user) -> bool:
    """Reviewing applications, opening calls and deciding: the programme's leads."""
    return is_lead(user)


def can_edit_programme_page(user) -> bool:
    return is_lead(user)


def calls_visible_to(user) -> QuerySet[Call]:
    return Call.objects.all() if can_review(user) else Call.objects.none()


def applications_visible_to(user) -> ApplicationQuerySet:
    """Only confirmed applications count: an unconfirmed address may be someone else's."""
    if not can_review(user):
        return Application.objects.none()
    return Application.objects.confirmed()


def programme_texts_editable_by(user) -> QuerySet[ProgrammeText]:
    return (
        ProgrammeText.objects.all()
        if can_edit_programme_page(user)
        else ProgrammeText.objects.none()
    )
