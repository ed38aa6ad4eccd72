"""Background work: e-mails to the people of a space when a document is added or shared."""

from django.conf import settings
from django.urls import reverse
from django_tasks import task

from mentoring.mail import send_to_user
from mentoring.models import Organisation

from . import permissions as perms
from .models import Document


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
        for person in perms.notified_insiders(organisation, exclude_id=actor_id):
            context = {
                "document": document,
                "organisation": organisation,
                "event": event,
                "link": link,
                "person": person,
                "preferences_link": settings.SITE_URL + reverse("documents:preferences"),
            }
            sent += send_to_user(person, "documents/email/notify", context)
    return sent
