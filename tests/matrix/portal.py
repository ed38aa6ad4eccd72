"""Rows of the portal app: home, profile, pictures, invitations, the leads' dashboard."""

from portal.models import Invitation, User

from ..permissions import (
    EVERYONE,
    INVITERS_OF_A,
    LEAD_ONLY,
    NOBODY,
    Row,
    expect,
    own,
    posted,
    values,
)

# Every insider of an organisation reaches its timeline; the people of another get 403 (the
# directory already names the organisation), an applicant only leads see is 404.
TIMELINE_A = expect(member_b=403, mentor_b=403)
TIMELINE_B = expect(403, lead=200, member_b=200, mentor_b=200)


def _profile(world):
    return {"full_name": "A new name", "timezone": "Europe/Paris", "language": "fr"}


def _invite(world):
    return {
        "email": "newcomer@example.org",
        "role": "mentee",
        "organisation": world.org_a.pk,
        "language": "en",
    }


# Public pages and probes: everyone, signed in or not, gets them.
PUBLIC = expect(200, anonymous=200, deactivated=200)

ROWS = [
    # Probes for load balancers (portal/health.py): public, one word, nothing else.
    Row("healthz", PUBLIC),
    Row("readyz", PUBLIC),
    Row("favicon", PUBLIC),
    # Signed out, the home page is the public programme page; signed in, the person's home.
    Row("portal:home", PUBLIC),
    Row("portal:profile", EVERYONE),
    Row(
        "portal:profile",
        posted(EVERYONE),
        method="post",
        data=_profile,
        state=lambda w, role: own(w, role, User, "full_name", "timezone", "language"),
    ),
    Row("portal:avatar", EVERYONE, args=lambda w: [w.member_a.pk]),
    Row("portal:avatar", NOBODY, args=lambda w: [999999], case="guessed"),
    Row("portal:invitation_list", INVITERS_OF_A),
    Row("portal:invitation_create", INVITERS_OF_A),
    Row(
        "portal:invitation_create",
        posted(INVITERS_OF_A),
        method="post",
        data=_invite,
        state=lambda w, role: Invitation.objects.filter(email="newcomer@example.org").count(),
    ),
    Row(
        "portal:invitation_resend",
        posted(INVITERS_OF_A),
        args=lambda w: [w.invitation.pk],
        method="post",
        state=lambda w, role: values(Invitation, w.invitation.pk, "token_hash", "expires_at"),
    ),
    Row(
        "portal:invitation_revoke",
        posted(INVITERS_OF_A),
        args=lambda w: [w.invitation.pk],
        method="post",
        state=lambda w, role: values(Invitation, w.invitation.pk, "revoked_at"),
    ),
    Row("portal:dashboard", LEAD_ONLY),
    Row("portal:funder_report", LEAD_ONLY),
    Row("portal:funder_report_download", LEAD_ONLY, args=lambda w: ["csv"], case="csv"),
    Row("portal:funder_report_download", LEAD_ONLY, args=lambda w: ["xlsx"], case="xlsx"),
    Row("portal:year_review", LEAD_ONLY, args=lambda w: [w.year]),
    Row(
        "portal:highlight_toggle",
        posted(LEAD_ONLY),
        args=lambda w: [w.year],
        method="post",
        data=lambda w: {"session": w.session.pk, "action": "feature"},
        state=lambda w, role: w.session.highlights.exists(),
    ),
    Row("portal:timeline", TIMELINE_A, args=lambda w: ["alliance-a"]),
    Row("portal:timeline", TIMELINE_B, args=lambda w: ["bureau-b"], case="b"),
    Row("portal:timeline", expect(404, lead=200), args=lambda w: ["applicant-c"], case="applicant"),
]
