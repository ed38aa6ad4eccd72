"""Partners: search (suggestions while typing with htmx), a page each, lead corrections and
merging duplicates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from .. import permissions, services
from ..forms import PartnerForm, PartnerMergeForm, PartnerSearchForm
from ..matching import suggest_partners


@login_required
@require_safe
def partner_list(request: HttpRequest) -> HttpResponse:
    """Search existing partners. With htmx (typing in the project form) only the results."""
    form = PartnerSearchForm(request.GET or None)
    visible = permissions.partners_visible_to(request.user)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = suggest_partners(query, visible, limit=20) if query else None
    partial = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = "community/_partner_results.html" if partial else "community/partner_list.html"
    response = render(
        request,
        template,
        {
            "form": form,
            "query": query,
            "results": results,
            "can_manage": permissions.can_manage_partners(request.user),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_safe
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    projects = permissions.projects_visible_to(user).select_related("organisation")
    partner = permissions.get_object_for_user(
        permissions.partners_visible_to(user).prefetch_related(
            Prefetch("projects", queryset=projects, to_attr="visible_projects")
        ),
        pk=pk,
    )
    return render(
        request,
        "community/partner_detail.html",
        {"partner": partner, "can_manage": permissions.can_manage_partners(user)},
    )


@login_required
def partner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    partner = permissions.get_object_for_user(permissions.partners_visible_to(user), pk=pk)
    permissions.require(permissions.can_manage_partners(user))
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ["name", "kind", "country", "website"]}
        try:
            services.partner_update(
                partner=partner,
                actor=user,
                version=form.cleaned_data.get("version"),
                data=data,
            )
        except services.EditConflict:
            messages.error(
                request,
                _("Someone else changed this partner meanwhile; their version is shown now."),
            )
            return redirect("community:partner_edit", pk=pk)
        except ValidationError as exc:
            form.add_error("name", exc)
        else:
            messages.success(request, _("The partner is saved."))
            return redirect(partner)
    return render(request, "community/partner_form.html", {"form": form, "partner": partner})


@login_required
def partner_merge(request: HttpRequest) -> HttpResponse:
    """Leads merge a duplicate into the record they keep, in one step."""
    permissions.require(permissions.can_manage_partners(request.user))
    initial = {}
    for field in ["keep", "duplicate"]:
        if request.GET.get(field, "").isdigit():
            initial[field] = request.GET[field]
    form = PartnerMergeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        keep = form.cleaned_data["keep"]
        try:
            moved = services.partner_merge(
                keep=keep,
                duplicate=form.cleaned_data["duplicate"],
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "The duplicate is merged into %(name)s; %(count)d project moved.",
                    "The duplicate is merged into %(name)s; %(count)d projects moved.",
                    moved,
                )
                % {"name": keep.name, "count": moved},
            )
            return redirect(keep)
    return render(request, "community/partner_merge.html", {"form": form})
