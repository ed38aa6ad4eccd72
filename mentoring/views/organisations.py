import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from .. import permissions
from ..confidential import confidential
from ..conflicts import EditConflict, rebase_form
from ..elision import elide
from ..extensions import directory_sections, organisation_sections
from ..forms.organisations import OrganisationFilterForm, OrganisationForm
from ..models import Membership, Mentorship
from ..services import organisations as services
from ..typing import AuthedRequest


@login_required
def organisation_list(request: AuthedRequest) -> HttpResponse:
    """The directory of organisations, for every signed-in participant."""
    visible = permissions.organisations_visible_to(request.user)
    country_codes = visible.order_by().values_list("country", flat=True).distinct()
    form = OrganisationFilterForm(request.GET or None, country_codes=list(country_codes))
    organisations = (
        form.filter(visible)
        .select_related("cohort")
        .annotate(member_count=Count("memberships", filter=Q(memberships__user__is_active=True)))
        .order_by("name")
    )
    page = Paginator(organisations, 24).get_page(request.GET.get("page"))
    partial = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = (
        "mentoring/_organisation_results.html" if partial else "mentoring/organisation_list.html"
    )
    response = render(
        request,
        template,
        {
            "form": form,
            "page_obj": page,
            "can_create": permissions.can_create_organisation(request.user),
            "sections": [] if partial else directory_sections(request),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def organisation_detail(request: AuthedRequest, slug: str) -> HttpResponse:
    user = request.user
    organisation = permissions.get_object_for_user(
        permissions.organisations_visible_to(user)
        .select_related("cohort")
        .prefetch_related(
            "focus_areas",
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(user__is_active=True)
                .select_related("user")
                .order_by("-is_admin", "user__full_name"),
            ),
            Prefetch(
                "mentorships",
                queryset=Mentorship.objects.exclude(status=Mentorship.Status.CLOSED)
                .prefetch_related("mentors")
                .order_by("-start_date"),
                to_attr="open_mentorships",
            ),
        ),
        slug=slug,
    )
    mentors = {m for ms in organisation.open_mentorships for m in ms.mentors.all() if m.is_active}
    return render(
        request,
        "mentoring/organisation_detail.html",
        {
            "organisation": organisation,
            "memberships": organisation.memberships.all(),
            "mentors": sorted(mentors, key=lambda m: m.full_name),
            "can_edit": permissions.can_edit_organisation(user, organisation),
            "can_invite": permissions.can_invite_to(user, organisation),
            "show_contacts": permissions.can_see_member_contacts(user, organisation),
            "sections": organisation_sections(request, organisation),
        },
    )


@login_required
def organisation_logo(request: AuthedRequest, slug: str) -> FileResponse:
    organisation = permissions.get_object_for_user(
        permissions.organisations_visible_to(request.user), slug=slug
    )
    if not organisation.logo:
        raise Http404
    response = FileResponse(organisation.logo.open("rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@confidential
def organisation_edit(request: AuthedRequest, slug: str) -> HttpResponse:
    user = request.user
    organisation = permissions.get_object_for_user(
        permissions.organisations_visible_to(user), slug=slug
    )
    permissions.require(permissions.can_edit_organisation(user, organisation))
    # A copy: validating fills the form's instance with what was typed, and the page around
    # the form (its title, the cancel link) must keep showing the saved organisation.
    form = OrganisationForm(
        request.POST or None,
        request.FILES or None,
        instance=copy.copy(organisation),
        can_manage=permissions.is_lead(user),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_update(
                actor=user, form=form, version=form.cleaned_data["version"]
            )
        except EditConflict as exc:
            conflict = rebase_form(form, exc)
        else:
            messages.success(
                request, elide(_("The profile of %(name)s is saved.") % {"name": organisation})
            )
            return redirect(organisation)
    return render(
        request,
        "mentoring/organisation_form.html",
        {"form": form, "organisation": organisation, "conflict": conflict},
    )


@login_required
@confidential
def organisation_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    permissions.require(permissions.can_create_organisation(user))
    form = OrganisationForm(request.POST or None, request.FILES or None, can_manage=True)
    if request.method == "POST" and form.is_valid():
        organisation = services.organisation_create(actor=user, form=form)
        messages.success(request, _("%(name)s is added.") % {"name": organisation})
        return redirect(organisation)
    return render(request, "mentoring/organisation_form.html", {"form": form})
