"""Uploading documents and new versions, editing descriptions without overwriting."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from mentoring import permissions as mp

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
def upload(request: HttpRequest, slug: str | None = None) -> HttpResponse:
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
                request=request,
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
def edit(request: HttpRequest, public_id) -> HttpResponse:
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
                request=request,
            )
        except services.Conflict as exc:
            conflict = exc.document
            # Keep what the person typed, now based on the other person's revision: saving
            # again after reading theirs is a deliberate choice, not a silent overwrite.
            data = request.POST.copy()
            data["revision"] = conflict.revision
            form = EditForm(data, initial=initial)
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Someone else changed this document while you were editing: your changes "
                    "are not saved. Their version is shown below; adjust yours and save again."
                ),
            )
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
def version_upload(request: HttpRequest, public_id) -> HttpResponse:
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
                request=request,
            )
        except services.Conflict as exc:
            conflict = exc.document.versions.select_related("uploaded_by").order_by("-number")[0]
            form.data = form.data.copy()
            form.data["based_on"] = conflict.number  # the next attempt is a deliberate one
            form.add_error(
                None,
                _(
                    "Someone else added version %(n)d while you were preparing yours: yours "
                    "was not saved. Look at their version, then upload yours again if it is "
                    "still needed."
                )
                % {"n": conflict.number},
            )
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
