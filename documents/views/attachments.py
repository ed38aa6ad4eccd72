"""Attaching documents to mentoring objects (session logs, meetings, mentorships)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mentoring import permissions as mp
from mentoring.http import safe_next
from mentoring.typing import AuthedRequest

from .. import attachables, services
from .. import permissions as perms
from ..forms import AttachForm
from .common import post_data

# --- Attachments to mentoring objects -------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def attach(request: AuthedRequest, label: str, object_id: str) -> HttpResponse:
    user = request.user
    spec, target = attachables.target_for(user, label, object_id)
    mp.require(spec.can_attach(user, target))
    organisation = spec.organisation_of(target)
    documents = perms.attachable_documents_for(user, organisation).order_by("title")
    form = AttachForm(post_data(request), documents=documents)
    fallback = (
        target.get_absolute_url()
        if hasattr(target, "get_absolute_url")
        else reverse("documents:index")
    )
    if request.method == "POST" and form.is_valid():
        services.attachment_add(document=form.cleaned_data["document"], target=target, actor=user)
        messages.success(request, _("The document is attached."))
        return redirect(safe_next(request, fallback))
    return render(
        request,
        "documents/attach.html",
        {"form": form, "target": target, "next": safe_next(request, fallback)},
    )


@login_required
@require_POST
def detach(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    attachment = mp.get_object_for_user(
        perms.attachments_reachable_by(user).select_related("document", "content_type"), pk=pk
    )
    spec, target = attachables.target_for(
        user,
        attachment.content_type.app_label + "." + attachment.content_type.model,
        attachment.object_id,
    )
    mp.require(spec.can_attach(user, target))
    services.attachment_remove(attachment=attachment, actor=user)
    messages.success(request, _("The attachment is removed; the document itself is kept."))
    fallback = target.get_absolute_url() if hasattr(target, "get_absolute_url") else "/"
    return redirect(safe_next(request, fallback))
