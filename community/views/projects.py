"""Projects: the list, a page each, adding, editing (no lost update), the trash."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from .. import permissions, services
from ..filters import ProjectFilterForm
from ..forms import ProjectForm
from ..models import Project


def _projects(user):
    return permissions.projects_visible_to(user).select_related("organisation")


def _project_for(user, pk: int) -> Project:
    return permissions.get_object_for_user(
        _projects(user).prefetch_related("sectors", "partners"), pk=pk
    )


@login_required
@require_safe
def project_list(request: HttpRequest) -> HttpResponse:
    form = ProjectFilterForm(request.GET or None)
    projects = form.filter(_projects(request.user).prefetch_related("sectors")).order_by(
        "organisation__name", "title"
    )
    return render(
        request,
        "community/project_list.html",
        {
            "form": form,
            "page_obj": Paginator(projects, 20).get_page(request.GET.get("page")),
            "can_add": permissions.organisations_for_new_project(request.user).exists(),
        },
    )


@login_required
@require_safe
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for(request.user, pk)
    return render(
        request,
        "community/project_detail.html",
        {
            "project": project,
            "can_edit": permissions.can_edit_project(request.user, project),
        },
    )


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    organisations = permissions.organisations_for_new_project(user)
    permissions.require(organisations.exists())
    initial = {}
    if slug := request.GET.get("organisation"):
        initial["organisation"] = organisations.filter(slug=slug).first()
    form = ProjectForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        project = services.project_create(
            organisation=form.cleaned_data["organisation"],
            actor=user,
            data=form.service_data(),
            sectors=form.cleaned_data["sectors"],
            partner_names=form.cleaned_data["partner_names"],
        )
        messages.success(request, _("The project is saved."))
        return redirect(project)
    return render(request, "community/project_form.html", {"form": form})


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    project = _project_for(user, pk)
    permissions.require(permissions.can_edit_project(user, project))
    organisations = permissions.organisations_for_new_project(user)
    form = ProjectForm(request.POST or None, instance=project, organisations=organisations)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_update(
                project=project,
                actor=user,
                version=form.cleaned_data.get("version"),
                data=form.service_data(),
                sectors=form.cleaned_data["sectors"],
                partner_names=form.cleaned_data["partner_names"],
            )
        except services.EditConflict as exc:
            conflict = exc.current
            if conflict is None:
                messages.error(request, _("This project was moved to the trash in the meantime."))
                return redirect("community:project_list")
            messages.error(
                request,
                _(
                    "Your changes were not saved: someone else saved this page after you opened "
                    "it. Their version is shown below. Copy what you need into the form and save "
                    "again."
                ),
            )
            fresh = request.POST.copy()
            fresh["version"] = str(conflict.version)
            # The form cleans into its instance: show theirs from a copy it never touches.
            form = ProjectForm(fresh, instance=_project_for(user, pk), organisations=organisations)
            form.is_valid()
            conflict = _project_for(user, pk)
        else:
            messages.success(request, _("The project is saved."))
            return redirect(project)
    return render(
        request,
        "community/project_form.html",
        {"form": form, "project": project, "conflict": conflict},
    )


@login_required
def project_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a project to the trash; the organisation's people and the leads can restore it."""
    user = request.user
    project = _project_for(user, pk)
    permissions.require(permissions.can_edit_project(user, project))
    if request.method == "POST":
        services.project_trash(project=project, actor=user)
        messages.success(request, _("The project is in the trash."))
        return redirect("community:project_trash")
    return render(request, "community/project_delete.html", {"project": project})


@login_required
@require_safe
def project_trash(request: HttpRequest) -> HttpResponse:
    projects = (
        permissions.trashed_projects_visible_to(request.user)
        .select_related("organisation", "deleted_by")
        .order_by("-deleted_at")
    )
    return render(
        request,
        "community/project_trash.html",
        {"page_obj": Paginator(projects, 20).get_page(request.GET.get("page"))},
    )


@login_required
@require_POST
def project_restore(request: HttpRequest, pk: int) -> HttpResponse:
    project = permissions.get_object_for_user(
        permissions.trashed_projects_visible_to(request.user).select_related("organisation"), pk=pk
    )
    services.project_restore(project=project, actor=request.user)
    messages.success(request, _("The project is restored."))
    return redirect(project)
