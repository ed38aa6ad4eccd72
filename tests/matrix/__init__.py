"""Every row of the permission matrix, and the URLs that are deliberately not rows.

How to add a row: see the top of `tests/permissions.py`."""

import re

from . import admin, community, documents, intake, meetings, mentoring, portal

ROWS = [
    *portal.ROWS,
    *mentoring.ROWS,
    *meetings.ROWS,
    *documents.ROWS,
    *community.ROWS,
    *intake.ROWS,
    *admin.ROWS,
]

# Named URLs that are not rows, each with its reason.
EXEMPT: dict[str, str] = {
    # Secret tokens in the path: the token is the permission; their own tests check a wrong,
    # expired or revoked token.
    "portal:invitation_accept": "token (tests/portal/test_invitations.py)",
    "mentoring:calendar_feed": "token (tests/mentoring/test_calendars.py)",
    "account_confirm_email": "allauth token (e-mail confirmation)",
    "intake:confirm": "token (tests/intake/test_intake.py)",
    "intake:read": "token (tests/intake/test_intake.py)",
    "intake:newsletter_confirm": "token (tests/intake/test_newsletter.py)",
    "intake:newsletter_unsubscribe": "token (tests/intake/test_newsletter.py)",
    "account_reset_password_from_key": "allauth token (password reset)",
    # Public pages: anyone, signed in or not, may use them.
    "portal:set_language": "public: the language switcher works signed out (cookie)",
    "account_login": "public: signing in",
    "account_signup": "public: refused unless invited (tests/portal/test_invitations.py)",
    "account_inactive": "public: the page a deactivated person is shown",
    "account_reset_password": "public: asking for a password reset",
    "account_reset_password_done": "public: after asking for a reset",
    "account_reset_password_from_key_done": "public: after a reset",
    "account_email_verification_sent": "public: after signing up",
    "account_confirm_login_code": "public: part of allauth's sign-in flow",
    "mfa_authenticate": "public: the second step of signing in",
    # allauth's own flows for a signed-in person, reached only from its pages (their gate is
    # allauth's; account_email, account_change_password and mfa_index are rows).
    "account_logout": "allauth: signing out",
    "account_reauthenticate": "allauth: confirming the password before a sensitive change",
    "account_request_reauthentication_code": "allauth: reauthentication flow",
    "account_confirm_reauthentication_code": "allauth: reauthentication flow",
    "account_set_password": "allauth: people without a password (none here)",
    "mfa_reauthenticate": "allauth: reauthentication flow",
    "mfa_activate_totp": "allauth: two-factor set-up, behind mfa_index",
    "mfa_deactivate_totp": "allauth: two-factor set-up, behind mfa_index",
    "mfa_view_recovery_codes": "allauth: two-factor set-up, behind mfa_index",
    "mfa_generate_recovery_codes": "allauth: two-factor set-up, behind mfa_index",
    "mfa_download_recovery_codes": "allauth: two-factor set-up, behind mfa_index",
    # The admin's plumbing: the same PortalAdminSite gate as admin:index.
    "admin:logout": "admin: signing out (the portal's sign-out is used)",
    "admin:password_change": "admin: leads change passwords in the portal",
    "admin:password_change_done": "admin: leads change passwords in the portal",
    "admin:jsi18n": "admin: JavaScript catalogue, behind the admin gate",
    "admin:autocomplete": "admin: autocomplete, behind the admin gate",
    "admin:view_on_site": "admin: redirects to the object's own page, which has its rows",
}

# Families of named URLs, each with its reason.
EXEMPT_PATTERNS: dict[str, str] = {
    r"^admin:\w+_(add|change|delete|history)$": (
        "admin: a model's pages sit behind the same gate as its changelist, which is a row"
    ),
    r"^admin:auth_user_password_change$": "admin: behind the same gate as the changelists",
}


def exemption(name: str) -> str | None:
    if name in EXEMPT:
        return EXEMPT[name]
    for pattern, reason in EXEMPT_PATTERNS.items():
        if re.match(pattern, name):
            return reason
    return None
