"""Uploading documents and new versions, editing descriptions without overwriting."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from mentoring import permissions as mp
from mentoring.confidential import confidential
from mentoring.conflicts import EditConflict, rebase_form
from mentoring.typing import AuthedRequest

from .. import permissions as perms
from .. import services
from ..forms import EditForm, UploadForm, VersionForm
from ..models import Document
from ..uploads import limit_upload_size
from .common import document_or_404, post_data, refuse_oversized, space_or_404, space_url

# --- Upload and edit ------------------------------------------------------------------------


@login_required
@limit_upload_size
@require_http_methods(["GET", "POST"])
@confidential
def upload(request: AuthedRequest, slug: str | None = None) -> HttpResponse:
    user = request.user
    organisation = space_or_404(user, slug)
    mp.require(perms.can_upload_to(user, organisation))
    form = UploadForm(
        post_data(request),
        request.FILES or None,
        max_bytes=settings.PORTAL_DOCUMENT_MAX_BYTES,
        initial={"language": user.language, "category": Document.Category.WORKING},
    )
    refuse_oversized(request, form, "files")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            documents = services.documents_upload(
                organisation=organisation,
                actor=user,
                files=data["files"],
                title=data["title"],
                description=data["description"],
                category=data["category"],
                tags=data["tags"],
                language=data["language"],
            )
        except services.StorageFailed:
            form.add_error(
                None, _("The files could not be stored just now; nothing was saved. Try again.")
            )
        else:
            messages.success(
                request,
                ngettext("%(n)d document added.", "%(n)d documents added.", len(documents))
                % {"n": len(documents)},
            )
            if len(documents) == 1:
                return redirect(documents[0])
            return redirect(space_url(organisation))
    return render(request, "documents/upload.html", {"form": form, "organisation": organisation})


@login_required
@require_http_methods(["GET", "POST"])
@confidential
def edit(request: AuthedRequest, public_id) -> HttpResponse:
    user = request.user
    document = document_or_404(user, public_id)
    mp.require(perms.can_edit(user, document))
    initial = {
        "title": document.title,
        "description": document.description,
        "category": document.category,
        "tags": document.tags,
        "language": document.language,
        "revision": document.revision,
    }
    form = EditForm(post_data(request), initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_update(
                document=document,
                actor=user,
                revision=data["revision"],
                title=data["title"],
                description=data["description"],
                category=data["category"],
                tags=data["tags"],
                language=data["language"],
            )
        except EditConflict as exc:
            conflict = rebase_form(form, exc, field="revision")
        else:
            messages.success(request, _("The document is saved."))
            return redirect(document)
    return render(
        request,
        "documents/edit.html",
        {"form": form, "document": document, "conflict": conflict},
    )


@login_required
@limit_upload_size
@require_http_methods(["GET", "POST"])
@confidential
def version_upload(request: AuthedRequest, public_id) -> HttpResponse:
    user = request.user
    document = document_or_404(user, public_id)
    mp.require(perms.can_edit(user, document))
    current = document.current_version
    form = VersionForm(
        post_data(request),
        request.FILES or None,
        initial={"based_on": current.number if current else 0},
    )
    conflict = None
    refuse_oversized(request, form, "file")
    if request.method == "POST" and form.is_valid():
        try:
            version = services.version_add(
                document=document,
                actor=user,
                file=form.cleaned_data["file"],
                based_on=form.cleaned_data["based_on"],
                note=form.cleaned_data["note"],
            )
        except EditConflict as exc:
            conflict = rebase_form(form, exc, field="based_on", value=exc.current.number)
        except services.StorageFailed:
            form.add_error(None, _("The file could not be stored just now; nothing was saved."))
        else:
            messages.success(
                request,
                _("Version %(n)d is saved; earlier versions are kept.") % {"n": version.number},
            )
            return redirect(document)
    return render(
        request,
        "documents/version_form.html",
        {"form": form, "document": document, "conflict": conflict},
    )
