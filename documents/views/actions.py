"""Sharing, publishing to the library, the trash."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import npgettext
from django.views.decorators.http import require_http_methods, require_POST

from mentoring import permissions as mp
from mentoring.confidential import confidential
from mentoring.models import Organisation
from mentoring.typing import AuthedRequest

from .. import permissions as perms
from .. import services
from ..forms import ShareForm
from .common import document_or_404, post_data, space_url, trash_url

# --- Sharing, publishing, trash -------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@confidential
def share(request: AuthedRequest, public_id) -> HttpResponse:
    user = request.user
    document = document_or_404(user, public_id)
    mp.require(perms.can_share(user, document))
    targets = perms.share_targets_for(user, document).order_by("name")
    current = set(document.shares.values_list("organisation_id", flat=True))
    shown = current & set(targets.values_list("pk", flat=True))
    form = ShareForm(
        post_data(request),
        targets=targets,
        initial={"organisations": sorted(shown), "shown": ",".join(map(str, sorted(shown)))},
    )
    if request.method == "POST" and form.is_valid():
        ticked = {o.pk for o in form.cleaned_data["organisations"]}
        before = form.cleaned_data["shown"]
        if before is None:  # no record of what was shown: the ticks are the whole answer
            before = shown
        wanted = (current - (before - ticked)) | (ticked - before)
        added, removed = services.document_share(
            document=document,
            actor=user,
            organisations=list(Organisation.objects.filter(pk__in=wanted)),
        )
        messages.success(
            request,
            _("Sharing is saved: %(added)s, %(removed)s.")
            % {
                "added": npgettext(
                    "organisations",
                    "%(count)d organisation added",
                    "%(count)d organisations added",
                    len(added),
                )
                % {"count": len(added)},
                "removed": npgettext(
                    "organisations", "%(count)d removed", "%(count)d removed", len(removed)
                )
                % {"count": len(removed)},
            },
        )
        return redirect(document)
    return render(request, "documents/share.html", {"form": form, "document": document})


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: AuthedRequest, public_id) -> HttpResponse:
    user = request.user
    document = document_or_404(user, public_id)
    mp.require(perms.can_publish(user, document))
    if request.method == "POST":
        try:
            copy = services.document_publish(document=document, actor=user)
        except services.StorageFailed:
            messages.error(request, _("The copy could not be stored just now; try again."))
            return redirect(document)
        messages.success(request, _("A copy is published in the community library."))
        return redirect(copy)
    return render(request, "documents/publish.html", {"document": document})


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: AuthedRequest, public_id) -> HttpResponse:
    user = request.user
    document = document_or_404(user, public_id)
    mp.require(perms.can_delete(user, document))
    if request.method == "POST":
        services.document_trash(document=document, actor=user)
        messages.success(
            request,
            _(
                "“%(title)s” is in the trash. Its space's admins can restore it within "
                "%(days)d days."
            )
            % {"title": document.title, "days": settings.PORTAL_TRASH_DAYS},
        )
        return redirect(space_url(document.organisation))
    return render(request, "documents/delete.html", {"document": document})


@login_required
@require_POST
def restore(request: AuthedRequest, public_id) -> HttpResponse:
    user = request.user
    document = document_or_404(user, public_id, include_trashed=True)
    mp.require(perms.can_manage_trash(user, document.organisation))
    if document.deleted_at is None:
        return redirect(document)
    if document.deleted_at < timezone.now() - timedelta(days=settings.PORTAL_TRASH_DAYS):
        messages.error(
            request,
            _("“%(title)s” stayed in the trash too long to be restored.")
            % {"title": document.title},
        )
        return redirect(trash_url(document.organisation))
    services.document_restore(document=document, actor=user)
    messages.success(request, _("“%(title)s” is restored.") % {"title": document.title})
    return redirect(document)
