from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .. import permissions
from ..filters import ProjectFilterForm
from ..geography import country_counts, grid_svg, shareable_projects


@login_required
@require_safe
def country_map(request: HttpRequest) -> HttpResponse:
    """Organisations and projects by country, with the sector, approach and stage filters.
    Everyone signed in sees the same counts: confidential projects never contribute."""
    permissions.require(permissions.can_see_synergies(request.user))
    form = ProjectFilterForm(request.GET or None)
    filtered = form.is_valid() and any(form.cleaned_data.values())
    rows = country_counts(form.filter(shareable_projects()), filtered=filtered)
    return render(
        request,
        "community/map.html",
        {"form": form, "rows": rows, "svg": grid_svg(rows), "query": request.GET.urlencode()},
    )
