"""Views connect forms, services and responses; every object comes through permissions.py."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mentoring import permissions as mp
from mentoring.models import Organisation

from . import attachables, services
from . import permissions as perms
from . import storage as doc_storage
from .forms import (
    AttachForm,
    EditForm,
    PreferenceForm,
    SearchForm,
    ShareForm,
    UploadForm,
    VersionForm,
)
from .models import Attachment, Document, NotificationPreference, Share, Version
from .uploads import limit_upload_size

PAGE_SIZE = 25


def _list_queryset(qs: QuerySet[Document]) -> QuerySet[Document]:
    return qs.select_related("organisation", "current_version", "current_version__uploaded_by")


def search_documents(qs: QuerySet[Document], q: str) -> QuerySet[Document]:
    """Title, description, tags and file name: full-text on PostgreSQL, a simple match elsewhere.
    Only ever narrows a queryset that is already scoped to the viewer."""
    q = q.strip()
    if not q:
        return qs
    file_match = Exists(Version.objects.filter(document=OuterRef("pk"), original_name__icontains=q))
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = (
            SearchVector("title", weight="A", config="simple")
            + SearchVector("tags", weight="B", config="simple")
            + SearchVector("description", weight="C", config="simple")
        )
        query = SearchQuery(q, search_type="websearch", config="simple")
        return (
            qs.annotate(rank=SearchRank(vector, query))
            .filter(Q(rank__gt=0) | file_match | Q(title__icontains=q))
            .order_by("-rank", "-updated_at")
        )
    return qs.filter(
        Q(title__icontains=q) | Q(description__icontains=q) | Q(tags__icontains=q) | file_match
    )


def _post_data(request):
    """Bound on POST even when the body is empty (an unticked checkbox list is a real answer)."""
    return request.POST if request.method == "POST" else None


def _refuse_oversized(request, form, field: str) -> None:
    """Files the upload handler stopped reading: nothing of the upload is saved."""
    for name in getattr(request, "documents_too_big", []):
        form.add_error(
            field,
            _("“%(name)s” is larger than the limit of %(limit)s.")
            % {"name": name, "limit": filesizeformat(settings.PORTAL_DOCUMENT_MAX_BYTES)},
        )


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _space_or_404(user, slug: str | None) -> Organisation | None:
    if slug is None:
        return None
    return mp.get_object_for_user(perms.spaces_visible_to(user), slug=slug)


def _document_or_404(user, public_id, *, include_trashed: bool = False) -> Document:
    return mp.get_object_for_user(
        perms.documents_visible_to(user, include_trashed=include_trashed).select_related(
            "organisation", "current_version", "created_by"
        ),
        public_id=public_id,
    )


def _trash_url(organisation: Organisation | None) -> str:
    if organisation is None:
        return reverse("documents:library_trash")
    return reverse("documents:trash", args=[organisation.slug])


def _space_url(organisation: Organisation | None) -> str:
    if organisation is None:
        return reverse("documents:library")
    return reverse("documents:space", args=[organisation.slug])


# --- Lists ----------------------------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Everything the person may open, searchable; and the spaces they belong to."""
    user = request.user
    form = SearchForm(request.GET or None)
    qs = perms.documents_visible_to(user)
    q = ""
    if form.is_valid():
        q = form.cleaned_data["q"]
        qs = search_documents(qs, q)
        if form.cleaned_data["category"]:
            qs = qs.filter(category=form.cleaned_data["category"])
    return render(
        request,
        "documents/index.html",
        {
            "form": form,
            "q": q,
            "page_obj": _page(request, _list_queryset(qs)),
            "spaces": perms.spaces_visible_to(user).order_by("name")[:50],
        },
    )


@login_required
def space(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """One organisation's space (its documents and those shared with it), or the library."""
    user = request.user
    organisation = _space_or_404(user, slug)
    visible = perms.documents_visible_to(user)
    if organisation is None:
        qs = visible.filter(organisation__isnull=True)
    else:
        qs = visible.filter(
            Q(organisation=organisation)
            | Exists(Share.objects.filter(document=OuterRef("pk"), organisation=organisation))
        )
    form = SearchForm(request.GET or None)
    if form.is_valid():
        qs = search_documents(qs, form.cleaned_data["q"])
        if form.cleaned_data["category"]:
            qs = qs.filter(category=form.cleaned_data["category"])
    return render(
        request,
        "documents/space.html",
        {
            "organisation": organisation,
            "form": form,
            "page_obj": _page(request, _list_queryset(qs)),
            "can_upload": perms.can_upload_to(user, organisation),
            "can_manage": perms.can_manage_trash(user, organisation),
        },
    )


@login_required
def trash(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    user = request.user
    organisation = _space_or_404(user, slug)
    mp.require(perms.can_manage_trash(user, organisation))
    qs = perms.documents_visible_to(user, include_trashed=True).trashed()
    qs = qs.filter(organisation=organisation) if organisation else qs.filter(organisation=None)
    return render(
        request,
        "documents/trash.html",
        {
            "organisation": organisation,
            "trash_days": settings.PORTAL_TRASH_DAYS,
            "page_obj": _page(
                request, _list_queryset(qs.select_related("deleted_by")).order_by("-deleted_at")
            ),
        },
    )


@login_required
def audit_log(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """The space's document log: its admins read it, leads read every space's."""
    user = request.user
    organisation = _space_or_404(user, slug)
    mp.require(perms.can_read_audit(user, organisation))
    entries = perms.audit_entries_for(organisation).select_related("actor")
    return render(
        request,
        "documents/audit_log.html",
        {"organisation": organisation, "page_obj": _page(request, entries)},
    )


# --- Upload and edit ------------------------------------------------------------------------


@login_required
@limit_upload_size
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    user = request.user
    organisation = _space_or_404(user, slug)
    mp.require(perms.can_upload_to(user, organisation))
    form = UploadForm(
        _post_data(request),
        request.FILES or None,
        max_bytes=settings.PORTAL_DOCUMENT_MAX_BYTES,
        initial={"language": user.language, "category": Document.Category.WORKING},
    )
    _refuse_oversized(request, form, "files")
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
                _("%(n)d document(s) added.") % {"n": len(documents)},
            )
            if len(documents) == 1:
                return redirect(documents[0])
            return redirect(_space_url(organisation))
    return render(request, "documents/upload.html", {"form": form, "organisation": organisation})


@login_required
def detail(request: HttpRequest, public_id) -> HttpResponse:
    user = request.user
    document = _document_or_404(user, public_id)
    versions = document.versions.select_related("uploaded_by").order_by("-number")
    owner_side = perms.is_owner_side(user, document)
    shares = (
        document.shares.select_related("organisation", "shared_by")
        if owner_side
        else Share.objects.none()
    )
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "versions": versions,
            "shares": shares,
            "owner_side": owner_side,
            "can_edit": perms.can_edit(user, document),
            "can_share": perms.can_share(user, document),
            "can_publish": perms.can_publish(user, document),
            "can_delete": perms.can_delete(user, document),
            "publications": document.publications.alive() if owner_side else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, public_id) -> HttpResponse:
    user = request.user
    document = _document_or_404(user, public_id)
    mp.require(perms.can_edit(user, document))
    initial = {
        "title": document.title,
        "description": document.description,
        "category": document.category,
        "tags": document.tags,
        "language": document.language,
        "revision": document.revision,
    }
    form = EditForm(_post_data(request), initial=initial)
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
    document = _document_or_404(user, public_id)
    mp.require(perms.can_edit(user, document))
    current = document.current_version
    form = VersionForm(
        _post_data(request),
        request.FILES or None,
        initial={"based_on": current.number if current else 0},
    )
    conflict = None
    _refuse_oversized(request, form, "file")
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


# --- Download and previews ------------------------------------------------------------------


def _serve(request: HttpRequest, version: Version) -> HttpResponse:
    services.download_record(version=version, actor=request.user, request=request)
    storage = doc_storage.get_storage()
    if doc_storage.is_s3(storage):
        response = HttpResponseRedirect(
            doc_storage.presigned_url(
                storage,
                version.storage_key,
                filename=version.original_name,
                content_type=version.content_type,
            )
        )
    else:
        try:
            fileobj = storage.open(version.storage_key, "rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        response = FileResponse(fileobj, content_type=version.content_type)
        response["Content-Length"] = str(version.size)
        response["Content-Disposition"] = doc_storage.content_disposition(version.original_name)
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
def download(request: HttpRequest, public_id) -> HttpResponse:
    """The current version; permission is checked on every request."""
    document = _document_or_404(request.user, public_id)
    if document.current_version is None:
        raise Http404
    version = document.current_version
    version.document = document
    return _serve(request, version)


@login_required
def version_download(request: HttpRequest, public_id) -> HttpResponse:
    version = mp.get_object_for_user(
        perms.versions_visible_to(request.user).select_related("document__organisation"),
        public_id=public_id,
    )
    return _serve(request, version)


@login_required
def thumbnail(request: HttpRequest, public_id) -> HttpResponse:
    """As confidential as its document: the same permission check, never a public URL."""
    version = mp.get_object_for_user(perms.versions_visible_to(request.user), public_id=public_id)
    if not version.thumbnail_key:
        raise Http404
    try:
        fileobj = doc_storage.get_storage().open(version.thumbnail_key, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(fileobj, content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=600"
    return response


# --- Sharing, publishing, trash -------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def share(request: HttpRequest, public_id) -> HttpResponse:
    user = request.user
    document = _document_or_404(user, public_id)
    mp.require(perms.can_share(user, document))
    targets = perms.share_targets_for(user, document).order_by("name")
    current = set(document.shares.values_list("organisation_id", flat=True))
    shown = current & set(targets.values_list("pk", flat=True))
    form = ShareForm(
        _post_data(request),
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
            request=request,
        )
        messages.success(
            request,
            _("Sharing is saved: %(added)d organisation(s) added, %(removed)d removed.")
            % {"added": len(added), "removed": len(removed)},
        )
        return redirect(document)
    return render(request, "documents/share.html", {"form": form, "document": document})


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, public_id) -> HttpResponse:
    user = request.user
    document = _document_or_404(user, public_id)
    mp.require(perms.can_publish(user, document))
    if request.method == "POST":
        try:
            copy = services.document_publish(document=document, actor=user, request=request)
        except services.StorageFailed:
            messages.error(request, _("The copy could not be stored just now; try again."))
            return redirect(document)
        messages.success(request, _("A copy is published in the community library."))
        return redirect(copy)
    return render(request, "documents/publish.html", {"document": document})


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, public_id) -> HttpResponse:
    user = request.user
    document = _document_or_404(user, public_id)
    mp.require(perms.can_delete(user, document))
    if request.method == "POST":
        services.document_trash(document=document, actor=user, request=request)
        messages.success(
            request,
            _(
                "“%(title)s” is in the trash. Its space's admins can restore it within "
                "%(days)d days."
            )
            % {"title": document.title, "days": settings.PORTAL_TRASH_DAYS},
        )
        return redirect(_space_url(document.organisation))
    return render(request, "documents/delete.html", {"document": document})


@login_required
@require_POST
def restore(request: HttpRequest, public_id) -> HttpResponse:
    user = request.user
    document = _document_or_404(user, public_id, include_trashed=True)
    mp.require(perms.can_manage_trash(user, document.organisation))
    if document.deleted_at is None:
        return redirect(document)
    if document.deleted_at < timezone.now() - timedelta(days=settings.PORTAL_TRASH_DAYS):
        messages.error(
            request,
            _("“%(title)s” stayed in the trash too long to be restored.")
            % {"title": document.title},
        )
        return redirect(_trash_url(document.organisation))
    services.document_restore(document=document, actor=user, request=request)
    messages.success(request, _("“%(title)s” is restored.") % {"title": document.title})
    return redirect(document)


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
def attach(request: HttpRequest, label: str, object_id: str) -> HttpResponse:
    user = request.user
    spec, target = _attach_target(user, label, object_id)
    mp.require(spec.can_attach(user, target))
    organisation = spec.organisation_of(target)
    documents = perms.attachable_documents_for(user, organisation).order_by("title")
    form = AttachForm(_post_data(request), documents=documents)
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
def detach(request: HttpRequest, pk: int) -> HttpResponse:
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


# --- Preferences ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = request.user
    current = NotificationPreference.objects.filter(user=user).first()
    initial = {"email_on_new_documents": current.email_on_new_documents if current else True}
    form = PreferenceForm(_post_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.preference_set(
            user=user, email_on_new_documents=form.cleaned_data["email_on_new_documents"]
        )
        messages.success(request, _("Your e-mail preference is saved."))
        return redirect("documents:preferences")
    return render(request, "documents/preferences.html", {"form": form})
