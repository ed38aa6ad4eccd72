"""E-mails to applicants, who have no account: in the application's language, times in the
call's timezone, through the one mail sender (mentoring/mail.py). Links carry tokens, so these
are sent in the request and never queued (the task table would hold the raw token)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from mentoring.mail import send_mail


def _send(application, template: str, context: dict) -> bool:
    return send_mail(
        to=application.contact_email,
        language=application.language,
        zone=application.call.timezone,
        template=f"intake/email/{template}",
        context={**context, "application": application},
    )


def send_confirmation(application, token: str) -> bool:
    link = settings.SITE_URL + reverse("intake:confirm", args=[token])
    return _send(application, "confirm", {"link": link})


def send_receipt(application, read_token: str) -> bool:
    link = settings.SITE_URL + reverse("intake:read", args=[read_token])
    return _send(application, "receipt", {"link": link})


def decline_text(application) -> str:
    """The default decline message, in the application's language, for the lead to edit."""
    with translation.override(application.language or settings.LANGUAGE_CODE):
        return render_to_string("intake/email/decline_default.txt", {"application": application})


def send_decline(application, message: str) -> bool:
    return _send(application, "decline", {"message": message})
