from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_countries.fields import Country

from intake import views as intake_views
from mentoring import permissions as mentoring_permissions
from mentoring import zones
from mentoring.confidential import confidential
from mentoring.http import safe_next
from mentoring.models import Membership, Mentorship, Organisation
from mentoring.typing import AuthedRequest

from . import permissions, services
from .forms import AcceptInvitationForm, InvitationForm, ProfileForm
from .models import Invitation, User


def home(request: HttpRequest) -> HttpResponse:
    """Visitors see the public programme page; each signed-in role lands on what it needs
    first."""
    if not request.user.is_authenticated:
        return programme_page(request)
    return _home(cast(AuthedRequest, request))  # signed in: request.user is a User


def programme_page(request: HttpRequest) -> HttpResponse:
    """Public: what the programme offers, the open call, the organisations that agreed to be
    listed. No personal data, and a handful of queries whatever the programme's size."""
    context = intake_views.programme_context()
    context["organisations"] = (
        Organisation.objects.public().only("name", "country").order_by("name")
    )
    return render(request, "intake/programme.html", context)


@login_required
def _home(request: AuthedRequest) -> HttpResponse:
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
        mentoring_permissions.mentorships_visible_to(user)
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
@confidential
def profile(request: AuthedRequest) -> HttpResponse:
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
def avatar(request: AuthedRequest, user_id: int) -> FileResponse:
    """Pictures of people are shown only to signed-in participants, never from a public URL."""
    person = permissions.get_object_for_user(
        mentoring_permissions.people_visible_to(request.user), pk=user_id
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
    response = redirect(safe_next(request, "/"))
    if language in dict(settings.LANGUAGES):
        if request.user.is_authenticated and request.user.language != language:
            User.objects.filter(pk=request.user.pk).update(language=language)
        _remember_language(response, language)
    return response


# --- Invitations ------------------------------------------------------------------------------


def _invitations_for(user):
    return permissions.invitations_visible_to(user).select_related("organisation", "invited_by")


@login_required
def invitation_list(request: AuthedRequest) -> HttpResponse:
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
@confidential
def invitation_create(request: AuthedRequest) -> HttpResponse:
    permissions.require(permissions.can_invite(request.user))
    initial: dict[str, object] = {"language": request.user.language}
    if org_slug := request.GET.get("organisation"):
        initial["organisation"] = (
            permissions.invitable_organisations(request.user).filter(slug=org_slug).first()
        )
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
def invitation_resend(request: AuthedRequest, pk: int) -> HttpResponse:
    permissions.require(permissions.can_invite(request.user))
    invitation = permissions.get_object_for_user(_invitations_for(request.user), pk=pk)
    try:
        token = services.invitation_resend(invitation=invitation, actor=request.user)
    except services.InvitationUnavailable:
        messages.error(request, _("This invitation can no longer be resent."))
    else:
        invitation.refresh_from_db()
        _send_and_report(request, invitation, token)
    return redirect("portal:invitation_list")


@require_POST
@login_required
def invitation_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    permissions.require(permissions.can_invite(request.user))
    invitation = permissions.get_object_for_user(_invitations_for(request.user), pk=pk)
    try:
        services.invitation_revoke(invitation=invitation, actor=request.user)
    except services.InvitationUnavailable:
        messages.error(request, _("This invitation can no longer be revoked."))
    else:
        messages.success(
            request, _("The invitation to %(email)s is revoked.") % {"email": invitation.email}
        )
    return redirect("portal:invitation_list")


def _join(request: HttpRequest, invitation: Invitation, account: User, token: str):
    """The address already has an account: its owner signs in, then confirms joining."""
    if request.user.is_authenticated and request.user.pk != account.pk:
        return render(request, "portal/invitation_signed_in.html", {"invitation": invitation})
    if not request.user.is_authenticated:
        return render(
            request,
            "portal/invitation_join.html",
            {"invitation": invitation, "login_url": redirect_to_login(request.path).url},
        )
    if request.method == "POST":
        try:
            services.invitation_join(token=token, user=request.user)
        except (Invitation.DoesNotExist, services.InvitationUnavailable):
            return render(
                request, "portal/invitation_invalid.html", {"state": "accepted"}, status=410
            )
        if invitation.organisation_id:
            organisation = invitation.organisation
            assert organisation is not None  # organisation_id is set
            messages.success(
                request,
                _("You joined %(org)s.") % {"org": organisation.name},
            )
            return redirect(organisation.get_absolute_url())
        messages.success(request, _("The invitation is accepted."))
        return redirect("portal:home")
    return render(request, "portal/invitation_join.html", {"invitation": invitation})


def _suggested_zone(invitation: Invitation) -> str:
    """The organisation's own zone when a lead has set one, else its country's usual zone,
    else the inviter's (someone in Lagos used to land in Africa/Abidjan, the first name)."""
    organisation = invitation.organisation
    if organisation is not None and organisation.timezone not in ("", "UTC"):
        return organisation.timezone
    inviter = invitation.invited_by.timezone if invitation.invited_by else None
    code = cast(Country, organisation.country).code if organisation else None
    return zones.default_zone(code, inviter)


@confidential
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The page behind the e-mailed link: anyone holding a valid link may set up the account."""
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )
    if invitation is None:
        return render(request, "portal/invitation_invalid.html", {"state": "invalid"}, status=404)
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        # In the invitation's language, unless the visitor has chosen one.
        translation.activate(invitation.language)
        request.LANGUAGE_CODE = invitation.language
    if invitation.state != Invitation.State.PENDING:
        return render(
            request, "portal/invitation_invalid.html", {"state": invitation.state}, status=410
        )
    account = User.objects.filter(email__iexact=invitation.email, is_active=True).first()
    if account is not None:
        return _join(request, invitation, account, token)
    if request.user.is_authenticated:
        return render(request, "portal/invitation_signed_in.html", {"invitation": invitation})
    initial = {
        "full_name": invitation.full_name,
        "language": invitation.language,
        "timezone": _suggested_zone(invitation),
    }
    form = AcceptInvitationForm(request.POST or None, invitation=invitation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
                timezone_name=form.cleaned_data["timezone"],
                language=form.cleaned_data["language"],
            )
        except (Invitation.DoesNotExist, services.InvitationUnavailable):
            return render(
                request, "portal/invitation_invalid.html", {"state": "accepted"}, status=410
            )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        translation.activate(user.language)
        messages.success(request, _("Welcome, %(name)s. Your account is ready.") % {"name": user})
        if invitation.organisation is not None:
            response = redirect(invitation.organisation.get_absolute_url())
        else:
            response = redirect("portal:home")
        return _remember_language(response, user.language)
    return render(
        request, "portal/invitation_accept.html", {"form": form, "invitation": invitation}
    )


def favicon(request: HttpRequest) -> FileResponse:
    """/favicon.ico for the clients that ask for it there; pages link the hashed static copy."""
    response = FileResponse(
        open(cast(str, finders.find("portal/favicon.ico")), "rb"),  # noqa: SIM115 - FileResponse closes it
        content_type="image/x-icon",
    )
    response["Cache-Control"] = "public, max-age=604800"
    return response
