"""Serving bytes: downloads and thumbnails, permission checked on every request."""

from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase

from mentoring import permissions as mp
from mentoring.typing import AuthedRequest

from .. import permissions as perms
from .. import services
from .. import storage as doc_storage
from ..models import Version
from .common import document_or_404

# --- Download and previews ------------------------------------------------------------------


def _serve(request: HttpRequest, version: Version) -> HttpResponseBase:
    services.download_record(version=version, actor=request.user)
    storage = doc_storage.get_storage()
    response: HttpResponseBase
    if doc_storage.is_s3(storage):
        response = HttpResponseRedirect(
            doc_storage.presigned_url(
                storage,
                version.storage_key,
                filename=version.original_name,
                content_type=version.content_type,
            )
        )
    elif settings.PORTAL_DOCUMENTS_ACCEL_REDIRECT:
        # nginx sends the file from its internal location (deploy/nginx/portal.conf), so a slow
        # client holds no gunicorn worker; the permission check above still decides.
        if not storage.exists(version.storage_key):
            raise Http404
        response = HttpResponse(content_type=version.content_type)
        response["X-Accel-Redirect"] = settings.PORTAL_DOCUMENTS_ACCEL_REDIRECT + quote(
            version.storage_key
        )
        response["Content-Disposition"] = doc_storage.content_disposition(version.original_name)
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
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
def download(request: AuthedRequest, public_id) -> HttpResponseBase:
    """The current version; permission is checked on every request."""
    document = document_or_404(request.user, public_id)
    if document.current_version is None:
        raise Http404
    version = document.current_version
    version.document = document
    return _serve(request, version)


@login_required
def version_download(request: AuthedRequest, public_id) -> HttpResponseBase:
    version = mp.get_object_for_user(
        perms.versions_visible_to(request.user).select_related("document__organisation"),
        public_id=public_id,
    )
    return _serve(request, version)


@login_required
def thumbnail(request: AuthedRequest, public_id) -> HttpResponseBase:
    """As confidential as its document: the same permission check, never a public URL."""
    version = mp.get_object_for_user(perms.versions_visible_to(request.user), public_id=public_id)
    if not version.thumbnail_key:
        raise Http404
    try:
        fileobj = doc_storage.get_storage().open(version.thumbnail_key, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    # The file name given here replaces the storage file's own, which FileResponse would put in
    # Content-Disposition: it names the storage key.
    response = FileResponse(fileobj, content_type="image/png", filename="thumbnail.png")
    response["X-Content-Type-Options"] = "nosniff"
    # Never kept: a thumbnail must vanish with access to its document.
    response["Cache-Control"] = "private, no-store"
    return response
