"""`{% load documents %}{% document_attachments obj user %}`: the documents attached to a
mentoring object, only those the viewer may open, with a link to attach more when allowed."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import attachables
from .. import permissions as perms

register = template.Library()


@register.inclusion_tag("documents/_attachments.html", takes_context=True)
def document_attachments(context, obj, user) -> dict:
    spec = attachables.for_object(obj)
    attachments = (
        perms.attachments_visible_to(user, obj)
        .select_related("document", "document__current_version")
        .order_by("attached_at")
    )
    can_attach = bool(spec and spec.can_attach(user, obj))
    request = context.get("request")
    return {
        "attachments": attachments,
        "can_attach": can_attach,
        "attach_url": reverse("documents:attach", args=[obj._meta.label_lower, obj.pk])
        if can_attach
        else "",
        "next": request.get_full_path() if request is not None else "",
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def file_icon(version) -> str:
    return version.icon if version is not None else ""


ACTION_LABELS = {
    "document.upload": _("Uploaded"),
    "document.version": _("New version"),
    "document.edit": _("Description edited"),
    "document.download": _("Downloaded"),
    "document.share": _("Shared"),
    "document.unshare": _("Sharing stopped"),
    "document.publish": _("Published to the library"),
    "document.delete": _("Moved to the trash"),
    "document.restore": _("Restored"),
    "document.purge": _("Deleted for good"),
    "document.attach": _("Attached"),
    "document.detach": _("Attachment removed"),
}


@register.filter
def action_label(action: str) -> str:
    """The audit log's action codes, in the reader's language."""
    return str(ACTION_LABELS.get(action, action))
