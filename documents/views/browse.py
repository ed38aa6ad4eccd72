"""Reading: the overview and search, a space or the library, one document, trash, log."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mentoring import permissions as mp
from mentoring.typing import AuthedRequest

from .. import permissions as perms
from .. import services
from ..forms import PreferenceForm, SearchForm
from ..models import Document, NotificationPreference, Share
from .common import (
    document_or_404,
    list_queryset,
    page_of,
    post_data,
    search_documents,
    space_or_404,
)

# --- Lists ----------------------------------------------------------------------------------


@login_required
def index(request: AuthedRequest) -> HttpResponse:
    """Everything the person may open, searchable; and the spaces they belong to."""
    user = request.user
    form = SearchForm(request.GET or None)
    qs: QuerySet[Document] = perms.documents_visible_to(user)
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
            "page_obj": page_of(request, list_queryset(qs)),
            "spaces": perms.spaces_visible_to(user).order_by("name")[:50],
        },
    )


@login_required
def space(request: AuthedRequest, slug: str | None = None) -> HttpResponse:
    """One organisation's space (its documents and those shared with it), or the library."""
    user = request.user
    organisation = space_or_404(user, slug)
    qs = perms.space_documents(user, organisation)
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
            "page_obj": page_of(request, list_queryset(qs)),
            "can_upload": perms.can_upload_to(user, organisation),
            "can_manage": perms.can_manage_trash(user, organisation),
        },
    )


@login_required
def trash(request: AuthedRequest, slug: str | None = None) -> HttpResponse:
    user = request.user
    organisation = space_or_404(user, slug)
    mp.require(perms.can_manage_trash(user, organisation))
    qs = perms.documents_visible_to(user, include_trashed=True).trashed()
    qs = qs.filter(organisation=organisation) if organisation else qs.filter(organisation=None)
    return render(
        request,
        "documents/trash.html",
        {
            "organisation": organisation,
            "trash_days": settings.PORTAL_TRASH_DAYS,
            "page_obj": page_of(
                request, list_queryset(qs.select_related("deleted_by")).order_by("-deleted_at")
            ),
        },
    )


@login_required
def audit_log(request: AuthedRequest, slug: str | None = None) -> HttpResponse:
    """The space's document log: its admins read it, leads read every space's."""
    user = request.user
    organisation = space_or_404(user, slug)
    mp.require(perms.can_read_audit(user, organisation))
    entries = perms.audit_entries_for(organisation).select_related("actor")
    page = page_of(request, entries)
    shown = perms.addresses_shown_to(user, organisation)
    if shown is not None:
        for entry in page:
            if entry.actor_id not in shown:
                entry.ip_address = None
    return render(
        request,
        "documents/audit_log.html",
        {"organisation": organisation, "page_obj": page},
    )


@login_required
def detail(request: AuthedRequest, public_id) -> HttpResponse:
    user = request.user
    document = document_or_404(user, public_id)
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


# --- Preferences ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: AuthedRequest) -> HttpResponse:
    user = request.user
    current = NotificationPreference.objects.filter(user=user).first()
    initial = {"email_on_new_documents": current.email_on_new_documents if current else True}
    form = PreferenceForm(post_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.preference_set(
            user=user, email_on_new_documents=form.cleaned_data["email_on_new_documents"]
        )
        messages.success(request, _("Your e-mail preference is saved."))
        return redirect("documents:preferences")
    return render(request, "documents/preferences.html", {"form": form})
