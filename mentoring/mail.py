"""The one way the portal sends an e-mail to one person.

`send_mail` renders `<template>_subject.txt`, `<template>.txt` and `<template>.html` with the
recipient's language and timezone active (so every date, time and word is theirs), sends the
plain text as the body and the HTML as an alternative, and adds any further alternatives (a
calendar request) rendered under the same language and zone. The subject is rendered without
HTML escaping (it is a header, not HTML: "Smith & Co" must not arrive as "Smith &amp; Co") and
folded to one line, so a name with a line break cannot add a header. A refused message is
logged and reported as False, never raised: one bad address must not stop a batch.
"""

import logging
import smtplib
from collections.abc import Callable, Iterable
from typing import cast

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.backends.django import Template as DjangoTemplate
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation

from .delivery import queue_message
from .mail_subjects import subject_line

logger = logging.getLogger(__name__)

Alternatives = Callable[[], Iterable[tuple[str, str]]]


def render_subject(template_name: str, context: dict) -> str:
    """A subject line: rendered without autoescaping, then made one safe line (controls and
    runs of whitespace folded to single spaces, bounded length: see `mail_subjects`)."""
    template = cast(DjangoTemplate, get_template(template_name)).template  # the Django engine
    return subject_line(template.render(Context(context, autoescape=False)))


def send_mail(
    *,
    to: str,
    language: str | None,
    zone: str | None,
    template: str,
    context: dict,
    alternatives: Alternatives | None = None,
    queue: bool = False,
    headers: dict[str, str] | None = None,
) -> bool:
    """One e-mail to the address `to`, in `language` and the timezone `zone` (the site's
    language and UTC when not given). With `queue`, it goes out through its own delivery task
    (retried, failing visibly: `mentoring.delivery`); without, it is sent now and False means
    the mail server refused it. Messages that carry a secret link (invitations) are sent now,
    so the token never rests in the task table. `headers` are extra message headers (such as
    `List-Unsubscribe`)."""
    context = {**context, "site_url": settings.SITE_URL}
    with (
        translation.override(language or settings.LANGUAGE_CODE),
        timezone.override(zone or "UTC"),
    ):
        subject = render_subject(f"{template}_subject.txt", context)
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
        extra = list(alternatives()) if alternatives else []
    message = EmailMultiAlternatives(subject, text, to=[to], headers=headers or {})
    message.attach_alternative(html, "text/html")
    for content, mimetype in extra:
        message.attach_alternative(content, mimetype)
    if queue:
        return bool(queue_message(message))
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send %s to %s", template, to)
        return False
    return True


def send_to_user(
    user, template: str, context: dict, *, alternatives: Alternatives | None = None
) -> bool:
    """`send_mail` to a person of the portal, in their own language and timezone."""
    return send_mail(
        to=user.email,
        language=user.language,
        zone=user.timezone,
        template=template,
        context={**context, "recipient": user},
        alternatives=alternatives,
        queue=True,
    )
