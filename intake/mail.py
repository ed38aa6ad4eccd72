"""E-mails to applicants, who have no account: in the application's language, times in the
call's timezone. Links carry tokens, so these are sent in the request and never queued (the
task table would hold the raw token)."""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import linebreaks

logger = logging.getLogger(__name__)


def _send(application, template: str, context: dict) -> bool:
    context = {**context, "application": application, "site_url": settings.SITE_URL}
    with (
        translation.override(application.language or settings.LANGUAGE_CODE),
        timezone.override(application.call.timezone or "UTC"),
    ):
        subject = render_to_string(f"intake/email/{template}_subject.txt", context)
        text = render_to_string(f"intake/email/{template}.txt", context)
    message = EmailMultiAlternatives(
        " ".join(subject.split()), text, to=[application.contact_email]
    )
    message.attach_alternative(linebreaks(text, autoescape=True), "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send %s for application %s", template, application.pk)
        return False
    return True


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
