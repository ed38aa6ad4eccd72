from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake import views as intake_views
from mentoring import permissions
from mentoring.models import Membership, Mentorship, Organisation

from . import services
from .forms import AcceptInvitationForm, InvitationForm, ProfileForm
from .models import Invitation, User


def home(request: HttpRequest) -> HttpResponse:
    """Visitors see the public programme page; each signed-in role lands on what it needs
    first."""
    if not request.user.is_authenticated:
        return programme_page(request)
    return _home(request)


def programme_page(request: HttpRequest) -> HttpResponse:
    """Public: what the programme offers, the open call, the organisations that agreed to be
    listed. No personal data; the text block is cached per language for five minutes."""
    context = intake_views.programme_context()
    context["organisations"] = (
        Organisation.objects.public().only("name", "country").order_by("name")
    )
    return render(request, "intake/programme.html", context)


@login_required
def _home(request: HttpRequest) -> HttpResponse:
    user = request.user
    context: dict = {}
    if user.is_lead:
        context["pending_invitations"] = Invitation.objects.pending().count()
        context["organisation_counts"] = {
            row["status"]: row["n"] for row in _count_by(Organisation.objects.all(), "status")
        }
        context["active_mentorships"] = Mentorship.objects.filter(
            status=Mentorship.Status.ACTIVE
        ).count()
        context["people_count"] = User.objects.filter(is_active=True).count()
    mentorships = (
        permissions.mentorships_visible_to(user)
        .filter(status__in=[Mentorship.Status.ACTIVE, Mentorship.Status.PAUSED])
        .select_related("organisation")
        .prefetch_related("mentors")
    )
    if not user.is_lead:
        context["mentorships"] = mentorships
    context["memberships"] = (
        Membership.objects.filter(user=user)
        .select_related("organisation", "organisation__cohort")
        .order_by("organisation__name")
    )
    return render(request, "portal/home.html", context)


def _count_by(queryset, field: str):
    from django.db.models import Count

    return queryset.values(field).annotate(n=Count("pk")).order_by()


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=user)
        if form.is_valid():
            with transaction.atomic():
                user = form.save(commit=False)
                if form.cleaned_data.get("remove_avatar"):
                    user.avatar = ""
                user.save()
            translation.activate(user.language)
            messages.success(request, _("Your profile is saved."))
            return _remember_language(redirect("portal:profile"), user.language)
    else:
        form = ProfileForm(instance=user)
    return render(request, "portal/profile.html", {"form": form})


@login_required
def avatar(request: HttpRequest, user_id: int) -> HttpResponse:
    """Pictures of people are shown only to signed-in participants, never from a public URL."""
    person = permissions.get_object_for_user(
        permissions.people_visible_to(request.user), pk=user_id
    )
    if not person.avatar:
        raise Http404
    response = FileResponse(person.avatar.open("rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _remember_language(response: HttpResponse, language: str) -> HttpResponse:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
    )
    return response


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switcher: remembered on the profile of a signed-in person, else in a cookie."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = redirect(next_url)
    if language in dict(settings.LANGUAGES):
        if request.user.is_authenticated and request.user.language != language:
            User.objects.filter(pk=request.user.pk).update(language=language)
        _remember_language(response, language)
    return response


# --- Invitations ------------------------------------------------------------------------------


def _invitations_for(user):
    qs = Invitation.objects.select_related("organisation", "invited_by")
    if permissions.is_lead(user):
        return qs
    return qs.filter(organisation_id__in=permissions.admin_organisation_ids(user))


@login_required
def invitation_list(request: HttpRequest) -> HttpResponse:
    permissions.require(permissions.can_invite(request.user))
    show = request.GET.get("show", "pending")
    qs = _invitations_for(request.user)
    if show == "pending":
        qs = qs.pending()
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/invitation_list.html",
        {"page_obj": page, "show": show, "now": timezone.now()},
    )


@login_required
def invitation_create(request: HttpRequest) -> HttpResponse:
    permissions.require(permissions.can_invite(request.user))
    initial = {"language": request.user.language}
    if org_slug := request.GET.get("organisation"):
        organisation = Organisation.objects.filter(slug=org_slug).first()
        if organisation is not None and permissions.can_invite_to(request.user, organisation):
            initial["organisation"] = organisation
    form = InvitationForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invitation, token = services.invitation_create(
            actor=request.user,
            email=data["email"],
            role=data["role"],
            organisation=data["organisation"],
            is_admin=data["is_admin"],
            full_name=data["full_name"],
            language=data["language"],
            request=request,
        )
        _send_and_report(request, invitation, token)
        return redirect("portal:invitation_list")
    return render(
        request,
        "portal/invitation_form.html",
        {"form": form, "invitation_days": settings.PORTAL_INVITATION_DAYS},
    )


def _send_and_report(request, invitation: Invitation, token: str) -> None:
    if services.invitation_send(invitation=invitation, token=token):
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
    else:
        messages.error(
            request,
            _(
                "The invitation to %(email)s is saved but the e-mail could not be sent. Try resending it."
            )
            % {"email": invitation.email},
        )


@require_POST
@login_required
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require(permissions.can_invite(request.user))
    invitation = permissions.get_object_for_user(_invitations_for(request.user), pk=pk)
    try:
        token = services.invitation_resend(
            invitation=invitation, actor=request.user, request=request
        )
    except services.InvitationUnavailable:
        messages.error(request, _("This invitation can no longer be resent."))
    else:
        invitation.refresh_from_db()
        _send_and_report(request, invitation, token)
    return redirect("portal:invitation_list")


@require_POST
@login_required
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require(permissions.can_invite(request.user))
    invitation = permissions.get_object_for_user(_invitations_for(request.user), pk=pk)
    try:
        services.invitation_revoke(invitation=invitation, actor=request.user, request=request)
    except services.InvitationUnavailable:
        messages.error(request, _("This invitation can no longer be revoked."))
    else:
        messages.success(
            request, _("The invitation to %(email)s is revoked.") % {"email": invitation.email}
        )
    return redirect("portal:invitation_list")


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The page behind the e-mailed link: anyone holding a valid link may set up the account."""
    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )
    if invitation is None:
        return render(request, "portal/invitation_invalid.html", {"state": "invalid"}, status=404)
    if invitation.state != Invitation.State.PENDING:
        return render(
            request, "portal/invitation_invalid.html", {"state": invitation.state}, status=410
        )
    if request.user.is_authenticated:
        return render(request, "portal/invitation_signed_in.html", {"invitation": invitation})
    initial = {"full_name": invitation.full_name, "language": invitation.language}
    form = AcceptInvitationForm(request.POST or None, invitation=invitation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
                timezone_name=form.cleaned_data["timezone"],
                language=form.cleaned_data["language"],
                request=request,
            )
        except (Invitation.DoesNotExist, services.InvitationUnavailable):
            return render(
                request, "portal/invitation_invalid.html", {"state": "accepted"}, status=410
            )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        translation.activate(user.language)
        messages.success(request, _("Welcome, %(name)s. Your account is ready.") % {"name": user})
        if invitation.organisation_id:
            response = redirect(invitation.organisation.get_absolute_url())
        else:
            response = redirect("portal:home")
        return _remember_language(response, user.language)
    return render(
        request, "portal/invitation_accept.html", {"form": form, "invitation": invitation}
    )
