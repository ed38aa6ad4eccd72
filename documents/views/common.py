"""Helpers shared by the documents views: scoped lookups, search, pagination."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _

from mentoring import permissions as mp
from mentoring.models import Organisation

from .. import permissions as perms
from ..models import Document, Version

PAGE_SIZE = 25


def list_queryset(qs: QuerySet[Document]) -> QuerySet[Document]:
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
            # Match with @@, not rank > 0: ts_rank gives non-matching rows a tiny positive rank.
            qs.annotate(search=vector, rank=SearchRank(vector, query))
            .filter(Q(search=query) | file_match | Q(title__icontains=q))
            .order_by("-rank", "-updated_at")
        )
    return qs.filter(
        Q(title__icontains=q) | Q(description__icontains=q) | Q(tags__icontains=q) | file_match
    )


def post_data(request):
    """Bound on POST even when the body is empty (an unticked checkbox list is a real answer)."""
    return request.POST if request.method == "POST" else None


def refuse_oversized(request, form, field: str) -> None:
    """Files the upload handler stopped reading: nothing of the upload is saved."""
    for name in getattr(request, "documents_too_big", []):
        form.add_error(
            field,
            _("“%(name)s” is larger than the limit of %(limit)s.")
            % {"name": name, "limit": filesizeformat(settings.PORTAL_DOCUMENT_MAX_BYTES)},
        )


def page_of(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def space_or_404(user, slug: str | None) -> Organisation | None:
    if slug is None:
        return None
    return mp.get_object_for_user(perms.spaces_visible_to(user), slug=slug)


def document_or_404(user, public_id, *, include_trashed: bool = False) -> Document:
    return mp.get_object_for_user(
        perms.documents_visible_to(user, include_trashed=include_trashed).select_related(
            "organisation", "current_version", "created_by"
        ),
        public_id=public_id,
    )


def trash_url(organisation: Organisation | None) -> str:
    if organisation is None:
        return reverse("documents:library_trash")
    return reverse("documents:trash", args=[organisation.slug])


def space_url(organisation: Organisation | None) -> str:
    if organisation is None:
        return reverse("documents:library")
    return reverse("documents:space", args=[organisation.slug])
