from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _


class UserPreferencesMiddleware:
    """Show each signed-in person the portal in their language and timezone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            timezone.activate(user.timezone)
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
        else:
            timezone.deactivate()
            language = _pending_login_language(request)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)


def _pending_login_language(request) -> str:
    """Between the password and the two-factor code nobody is signed in yet, but allauth
    keeps the person half-way in the session: show the code prompt in their language."""
    if not request.path.startswith("/accounts/") or not hasattr(request, "session"):
        return ""
    from allauth.account.internal.stagekit import LOGIN_SESSION_KEY, unstash_login

    if LOGIN_SESSION_KEY not in request.session:
        return ""
    login = unstash_login(request, peek=True)
    user = getattr(login, "user", None)
    return getattr(user, "language", "") or ""


class LeadMFAMiddleware:
    """Programme leads see everyone's confidential material: no page opens for a lead until
    two-factor authentication is on (setting PORTAL_LEADS_REQUIRE_MFA)."""

    allowed_prefixes = ("/accounts/", "/static/", "/language/", "/favicon.ico")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.PORTAL_LEADS_REQUIRE_MFA
            and getattr(user, "is_lead", False)
            and not request.path.startswith(self.allowed_prefixes)
            and not self._has_totp(user)
        ):
            messages.warning(
                request,
                _(
                    "Programme leads must turn on two-factor authentication before "
                    "using the portal."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _has_totp(user) -> bool:
        from allauth.mfa.models import Authenticator

        return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
