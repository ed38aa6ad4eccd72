"""The community's part of the organisation page: its projects (as the viewer may see them)
and the organisations it could talk to, with the reasons, and a way to ask for an
introduction."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from . import permissions
from .selectors import suggestions_for


def organisation_section(request: HttpRequest, organisation) -> str:
    user = request.user
    projects = (
        permissions.projects_visible_to(user)
        .filter(organisation=organisation)
        .prefetch_related("sectors")
        .order_by("title")
    )
    return render_to_string(
        "community/_organisation_section.html",
        {
            "organisation": organisation,
            "projects": projects,
            "suggestions": suggestions_for(user, organisation),
            "can_add": permissions.can_add_project(user, organisation),
            "can_ask": permissions.can_ask_introduction(user, organisation),
        },
        request=request,
    )


def directory_section(request: HttpRequest) -> str:
    """The directory's way to the country grid and the project filters."""
    from .filters import ProjectFilterForm

    return render_to_string(
        "community/_directory_section.html",
        {"form": ProjectFilterForm(auto_id="dir-%s")},
        request=request,
    )
