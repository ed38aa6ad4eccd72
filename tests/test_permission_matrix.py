"""Every URL of the foundation, walked by every member of the cast.

Anonymous visitors are sent to the login page; outsiders get 404; people who may see an object
but not act on it get 403.
"""

import pytest
from django.urls import reverse

from mentoring.models import Organisation

from .community.matrix import community_urls
from .factories import InvitationFactory, OrganisationFactory
from .images import png_upload

LOGIN = "login"


def _status(response) -> int | str:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


EVERYONE_SIGNED_IN = {
    "lead": 200,
    "mentor_a": 200,
    "mentor_b": 200,
    "admin_a": 200,
    "member_a": 200,
    "member_b": 200,
    "anonymous": LOGIN,
}
LEAD_ONLY = {
    "lead": 200,
    "mentor_a": 403,
    "mentor_b": 403,
    "admin_a": 403,
    "member_a": 403,
    "member_b": 403,
    "anonymous": LOGIN,
}
INVITERS_OF_A = {**LEAD_ONLY, "admin_a": 200}


def _urls(cast):
    applicant = OrganisationFactory(
        slug="applicant-c", name="Candidate C", status=Organisation.Status.APPLICANT
    )
    invitation = InvitationFactory(organisation=cast.org_a)
    cast.member_a.avatar.save("a.png", png_upload(), save=True)
    cast.org_a.logo.save("l.png", png_upload(), save=True)
    return [
        ("get", reverse("portal:avatar", args=[cast.member_a.pk]), EVERYONE_SIGNED_IN),
        (
            "get",
            reverse("mentoring:organisation_logo", args=["alliance-a"]),
            EVERYONE_SIGNED_IN,
        ),
        (
            "get",
            reverse("mentoring:organisation_logo", args=[applicant.slug]),
            {**dict.fromkeys(EVERYONE_SIGNED_IN, 404), "anonymous": LOGIN},
        ),
        ("get", reverse("portal:home"), EVERYONE_SIGNED_IN),
        ("get", reverse("portal:profile"), EVERYONE_SIGNED_IN),
        ("get", reverse("mentoring:organisation_list"), EVERYONE_SIGNED_IN),
        ("get", reverse("mentoring:organisation_detail", args=["alliance-a"]), EVERYONE_SIGNED_IN),
        (
            "get",
            reverse("mentoring:organisation_detail", args=[applicant.slug]),
            {**EVERYONE_SIGNED_IN, "mentor_a": 404, "mentor_b": 404, "admin_a": 404}
            | {"member_a": 404, "member_b": 404},
        ),
        (
            "get",
            reverse("mentoring:organisation_edit", args=["alliance-a"]),
            {**LEAD_ONLY, "admin_a": 200},
        ),
        (
            "get",
            reverse("mentoring:organisation_edit", args=["bureau-b"]),
            LEAD_ONLY,
        ),
        (
            "get",
            reverse("mentoring:organisation_edit", args=[applicant.slug]),
            {**LEAD_ONLY}
            | dict.fromkeys(["mentor_a", "mentor_b", "admin_a", "member_a"], 404)
            | {"member_b": 404},
        ),
        ("get", reverse("mentoring:organisation_create"), LEAD_ONLY),
        ("get", reverse("portal:invitation_list"), INVITERS_OF_A),
        ("get", reverse("portal:invitation_create"), INVITERS_OF_A),
        (
            "post",
            reverse("portal:invitation_resend", args=[invitation.pk]),
            {**INVITERS_OF_A, "lead": 302, "admin_a": 302},
        ),
        (
            "post",
            reverse("portal:invitation_revoke", args=[invitation.pk]),
            {**INVITERS_OF_A, "lead": 302, "admin_a": 302},
        ),
        ("get", reverse("admin:index"), LEAD_ONLY),
        ("get", reverse("admin:mentoring_organisation_changelist"), LEAD_ONLY),
        ("get", reverse("admin:portal_user_changelist"), LEAD_ONLY),
        *community_urls(cast),
    ]


@pytest.mark.parametrize(
    "role", ["lead", "mentor_a", "mentor_b", "admin_a", "member_a", "member_b", "anonymous"]
)
def test_every_url_answers_each_role_as_designed(cast, client_for, role):
    client = client_for(role)
    failures = []
    for method, url, expected in _urls(cast):
        response = getattr(client, method)(url)
        got = _status(response)
        response.close()
        if got != expected[role]:
            failures.append(f"{method.upper()} {url}: expected {expected[role]}, got {got}")
    assert not failures, "\n".join(failures)


def test_admin_of_another_organisation_cannot_touch_its_invitations(cast, client_for):
    invitation = InvitationFactory(organisation=cast.org_a)
    cast.member_b.memberships.update(is_admin=True)
    client = client_for("member_b")
    for name in ["portal:invitation_resend", "portal:invitation_revoke"]:
        assert client.post(reverse(name, args=[invitation.pk])).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
