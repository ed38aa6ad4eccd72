"""Attaching documents to mentoring objects (session logs, meetings, mentorships)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mentoring import permissions as mp
from mentoring.typing import AuthedRequest

from .. import attachables, services
from .. import permissions as perms
from ..forms import AttachForm
from ..models import Attachment
from .common import post_data

# --- Attachments to mentoring objects -------------------------------------------------------


def _attach_target(user, label: str, object_id: str):
    spec = attachables.get(label)
    if spec is None:
        raise Http404
    try:
        target = mp.get_object_for_user(spec.visible_to(user), pk=object_id)
    except (ValueError, TypeError) as exc:
        raise Http404 from exc
    return spec, target


def _next_url(request, fallback: str) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return fallback


@login_required
@require_http_methods(["GET", "POST"])
def attach(request: AuthedRequest, label: str, object_id: str) -> HttpResponse:
    user = request.user
    spec, target = _attach_target(user, label, object_id)
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
        services.attachment_add(
            document=form.cleaned_data["document"], target=target, actor=user, request=request
        )
        messages.success(request, _("The document is attached."))
        return redirect(_next_url(request, fallback))
    return render(
        request,
        "documents/attach.html",
        {"form": form, "target": target, "next": _next_url(request, fallback)},
    )


@login_required
@require_POST
def detach(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    attachment = mp.get_object_for_user(
        Attachment.objects.select_related("document", "content_type").filter(
            document__in=perms.documents_visible_to(user)
        ),
        pk=pk,
    )
    spec, target = _attach_target(
        user,
        attachment.content_type.app_label + "." + attachment.content_type.model,
        attachment.object_id,
    )
    mp.require(spec.can_attach(user, target))
    services.attachment_remove(attachment=attachment, actor=user, request=request)
    messages.success(request, _("The attachment is removed; the document itself is kept."))
    fallback = target.get_absolute_url() if hasattr(target, "get_absolute_url") else "/"
    return redirect(_next_url(request, fallback))
