"""E-mail delivery: one task per recipient, failing visibly, retried a bounded number of times.

The tasks that decide who is told what (tasks.py, tasks_meetings.py, documents/tasks.py)
render each message and hand it to `queue_message`; `deliver_email` sends it. A mail server
that refuses or cannot be reached makes that task fail (its result is FAILED, with the
traceback, in the task table) and enqueues one more attempt after a growing delay, until
`PORTAL_EMAIL_ATTEMPTS` attempts have failed. One bad address fails only its own task.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


class EmailNotDelivered(Exception):
    """The mail server refused the message or could not be reached."""


def _payload(message: EmailMessage, recipient: str) -> dict:
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": [recipient],
        "headers": dict(message.extra_headers),
        "alternatives": [
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


def queue_message(message: EmailMessage) -> int:
    """Enqueue one delivery task per recipient of `message`; returns how many were queued."""
    for recipient in message.to:
        deliver_email.enqueue(_payload(message, recipient))
    return len(message.to)


def retry_delay(attempt: int) -> timedelta:
    """2, 4, 8, 16… minutes after the attempt that failed."""
    return timedelta(minutes=2**attempt)


@task()
def deliver_email(message: dict, attempt: int = 1) -> str:
    email = EmailMultiAlternatives(
        message["subject"],
        message["body"],
        message["from_email"],
        message["to"],
        headers=message.get("headers") or {},
    )
    for content, mimetype in message["alternatives"]:
        email.attach_alternative(content, mimetype)
    try:
        email.send()
    except (smtplib.SMTPException, OSError) as exc:
        final = attempt >= settings.PORTAL_EMAIL_ATTEMPTS
        logger.error(
            "E-mail to %s not delivered (attempt %d of %d%s): %s",
            message["to"][0],
            attempt,
            settings.PORTAL_EMAIL_ATTEMPTS,
            ", giving up" if final else ", will retry",
            exc,
        )
        if not final:
            retry = deliver_email
            if retry.get_backend().supports_defer:
                retry = retry.using(run_after=timezone.now() + retry_delay(attempt))
            retry.enqueue(message, attempt=attempt + 1)
        raise EmailNotDelivered(f"attempt {attempt} to {message['to'][0]}") from exc
    return message["to"][0]
