"""Background work: e-mails to the people of a space when a document is added or shared."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from mentoring.delivery import queue_message
from mentoring.models import Organisation

from .models import Document, NotificationPreference

logger = logging.getLogger(__name__)


def recipients_for(organisation: Organisation, *, exclude_id: int | None):
    """Members and mentors of the organisation who have not switched these e-mails off."""
    opted_out = NotificationPreference.objects.filter(email_on_new_documents=False).values(
        "user_id"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(memberships__organisation=organisation) | Q(mentorships__organisation=organisation)
        )
        .exclude(pk__in=opted_out)
        .exclude(pk=exclude_id)
        .distinct()
    )


@task()
def notify_document(
    document_id: int, organisation_ids: list[int], event: str, actor_id: int | None = None
) -> int:
    """E-mail each recipient in their own language (one delivery task each: mentoring.delivery);
    returns how many e-mails were queued."""
    document = (
        Document.objects.alive()
        .select_related("organisation", "current_version")
        .filter(pk=document_id)
        .first()
    )
    if document is None:
        return 0
    sent = 0
    link = settings.SITE_URL + document.get_absolute_url()
    for organisation in Organisation.objects.filter(pk__in=organisation_ids):
        for person in recipients_for(organisation, exclude_id=actor_id):
            context = {
                "document": document,
                "organisation": organisation,
                "event": event,
                "link": link,
                "person": person,
                "preferences_link": settings.SITE_URL + reverse("documents:preferences"),
            }
            with translation.override(person.language):
                subject = render_to_string("documents/email/notify_subject.txt", context).strip()
                text = render_to_string("documents/email/notify.txt", context)
                html = render_to_string("documents/email/notify.html", context)
            message = EmailMultiAlternatives(subject, text, to=[person.email])
            message.attach_alternative(html, "text/html")
            sent += queue_message(message)
    return sent
