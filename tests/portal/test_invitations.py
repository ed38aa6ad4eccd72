import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentoring.models import AuditEntry, Membership
from mentoring.roles import Role
from portal.models import Invitation, User
from portal.services import invitation_create
from tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def _invite(client, **data):
    payload = {
        "email": "nia@example.org",
        "full_name": "",
        "role": "mentee",
        "organisation": "",
        "language": "en",
    }
    payload.update(data)
    return client.post(reverse("portal:invitation_create"), payload)


def _token_from_mail(message) -> str:
    match = re.search(r"/join/([^/\s]+)/", message.body)
    assert match is not None, message.body
    return match.group(1)


def test_lead_invites_a_mentee_and_the_email_is_in_the_invitees_language(cast, client_for):
    response = _invite(client_for("lead"), organisation=cast.org_a.pk, language="fr", is_admin="on")
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="nia@example.org")
    assert invitation.organisation == cast.org_a and invitation.is_admin
    assert invitation.invited_by == cast.lead
    assert invitation.send_count == 1
    (message,) = mail.outbox
    assert message.to == ["nia@example.org"]
    assert "invite" in message.subject.lower() or "invit" in message.subject.lower()
    assert message.alternatives and message.alternatives[0][1] == "text/html"
    token = _token_from_mail(message)
    assert Invitation.hash_token(token) == invitation.token_hash
    assert token not in invitation.token_hash  # only the hash is stored
    assert AuditEntry.objects.filter(action="invitation.create", actor=cast.lead).exists()


def test_org_admin_can_only_invite_mentees_to_their_own_organisation(cast, client_for):
    client = client_for("admin_a")
    response = _invite(client, organisation=cast.org_b.pk)
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    response = _invite(client, role="mentor", organisation=cast.org_a.pk)
    assert "role" in response.context["form"].errors
    assert not Invitation.objects.exists()
    response = _invite(client, organisation=cast.org_a.pk)
    assert response.status_code == 302
    assert Invitation.objects.get().organisation == cast.org_a


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "not-an-address"}, "email"),
        ({"role": "mentee", "organisation": ""}, "organisation"),
    ],
)
def test_bad_invitations_get_a_clear_message_and_store_nothing(cast, client_for, data, field):
    response = _invite(client_for("lead"), **data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_a_second_pending_invitation_to_the_same_address_is_refused(cast, client_for):
    client = client_for("lead")
    _invite(client, organisation=cast.org_a.pk)
    response = _invite(client, email="NIA@example.org", organisation=cast.org_a.pk)
    assert "email" in response.context["form"].errors
    assert Invitation.objects.count() == 1


def _accept(client, token, **data):
    payload = {
        "full_name": "Nia Newcomer",
        "password1": "a-long-passphrase-42",
        "password2": "a-long-passphrase-42",
        "timezone": "Africa/Lome",
        "language": "fr",
    }
    payload.update(data)
    return client.post(reverse("portal:invitation_accept", args=[token]), payload)


def _pending(cast, **kwargs):
    invitation, token = invitation_create(
        actor=cast.lead,
        email="nia@example.org",
        role=Role.MENTEE,
        organisation=cast.org_a,
        **kwargs,
    )
    return invitation, token


def test_accepting_creates_a_verified_account_membership_and_signs_in(cast, client):
    invitation, token = _pending(cast)
    response = _accept(client, token)
    assert response.status_code == 302
    assert response["Location"] == cast.org_a.get_absolute_url()
    user = User.objects.get(email="nia@example.org")
    assert user.full_name == "Nia Newcomer" and user.language == "fr"
    assert user.timezone == "Africa/Lome" and user.role == Role.MENTEE
    assert user.emailaddress_set.get().verified
    assert Membership.objects.filter(user=user, organisation=cast.org_a).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at and invitation.accepted_user == user
    assert client.get(reverse("portal:home")).status_code == 200  # signed in


def test_a_weak_password_is_refused_with_a_message_and_nothing_changes(cast, client):
    invitation, token = _pending(cast)
    response = _accept(client, token, password1="password", password2="password")
    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    response = _accept(client, token, password2="something-else-entirely")
    assert "password2" in response.context["form"].errors
    assert not User.objects.filter(email="nia@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_reused_link_gets_a_clear_page(cast, client):
    _, token = _pending(cast)
    _accept(client, token)
    client.logout()
    response = client.get(reverse("portal:invitation_accept", args=[token]))
    assert response.status_code == 410
    assert b"already been accepted" in response.content
    response = _accept(client, token, full_name="Someone Else")
    assert response.status_code == 410
    assert User.objects.get(email="nia@example.org").full_name == "Nia Newcomer"


def test_expired_revoked_and_forged_links_change_nothing(cast, client):
    invitation, token = _pending(cast)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = _accept(client, token)
    assert response.status_code == 410 and b"expired" in response.content

    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() + timedelta(days=1), revoked_at=timezone.now()
    )
    response = _accept(client, token)
    assert response.status_code == 410 and b"withdrawn" in response.content

    response = _accept(client, token[:-2] + "xx")
    assert response.status_code == 404 and b"do not recognise" in response.content
    assert not User.objects.filter(email="nia@example.org").exists()


def test_resend_issues_a_new_link_and_the_old_one_stops_working(cast, client_for, client):
    invitation, old_token = _pending(cast)
    response = client_for("lead").post(reverse("portal:invitation_resend", args=[invitation.pk]))
    assert response.status_code == 302
    new_token = _token_from_mail(mail.outbox[-1])
    assert new_token != old_token
    assert client.get(reverse("portal:invitation_accept", args=[old_token])).status_code == 404
    assert client.get(reverse("portal:invitation_accept", args=[new_token])).status_code == 200


def test_revoke_by_lead(cast, client_for):
    invitation, token = _pending(cast)
    client_for("lead").post(reverse("portal:invitation_revoke", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.REVOKED
    assert AuditEntry.objects.filter(action="invitation.revoke").exists()


def test_pending_list_shows_pending_only_and_is_bounded(
    cast, client_for, django_assert_max_num_queries
):
    for n in range(30):
        invitation_create(
            actor=cast.lead,
            email=f"p{n}@example.org",
            role=Role.MENTEE,
            organisation=cast.org_a,
        )
    accepted, _ = _pending(cast)
    Invitation.objects.filter(pk=accepted.pk).update(accepted_at=timezone.now())
    client = client_for("lead")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("portal:invitation_list"))
    page = response.context["page_obj"]
    assert page.paginator.count == 30
    assert len(page.object_list) == 25
    assert "nia@example.org" not in response.content.decode()


def test_signed_in_person_opening_someone_elses_link_is_told_to_sign_out(cast, client_for):
    _, token = _pending(cast)
    response = client_for("member_b").get(reverse("portal:invitation_accept", args=[token]))
    assert response.status_code == 200
    assert b"sign out first" in response.content
    assert not User.objects.filter(email="nia@example.org").exists()


def test_admin_of_another_organisation_cannot_touch_its_invitations(cast, client_for):
    invitation = InvitationFactory(organisation=cast.org_a)
    cast.member_b.memberships.update(is_admin=True)
    client = client_for("member_b")
    for name in ["portal:invitation_resend", "portal:invitation_revoke"]:
        assert client.post(reverse(name, args=[invitation.pk])).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


# --- Existing accounts: never revealed to the inviter ---------------------------------------


def _outcome(client, email, organisation):
    response = _invite(client, email=email, organisation=organisation.pk)
    follow = client.get(response["Location"])
    return response.status_code, [str(m) for m in follow.context["messages"]]


def test_an_admin_cannot_tell_an_existing_account_from_a_new_address(cast, client_for):
    client = client_for("admin_a")
    existing = _outcome(client, "member.b@example.org", cast.org_a)  # has an account, in B
    new = _outcome(client, "nobody@example.org", cast.org_a)
    assert existing[0] == new[0] == 302
    assert [m.replace("member.b", "X") for m in existing[1]] == [
        m.replace("nobody", "X") for m in new[1]
    ]
    listing = client.get(reverse("portal:invitation_list")).content.decode()
    assert "already has an account" not in listing
    assert Invitation.objects.pending().filter(email="member.b@example.org").exists()
    assert {m.to[0] for m in mail.outbox} == {"member.b@example.org", "nobody@example.org"}


def test_the_owner_of_an_existing_account_signs_in_and_joins(cast, client_for, client):
    invitation, token = invitation_create(
        actor=cast.admin_a,
        email="Member.B@example.org",
        role=Role.MENTEE,
        organisation=cast.org_a,
    )
    from portal.services import invitation_send

    mail.outbox.clear()
    assert invitation_send(invitation=invitation, token=token)
    assert "already has an account" in mail.outbox[0].body
    url = reverse("portal:invitation_accept", args=[token])
    # Anonymous holder of the link: asked to sign in, no account form.
    page = client.get(url)
    assert page.status_code == 200 and "password1" not in page.content.decode()
    assert client.post(url, {"full_name": "x", "password1": "p", "password2": "p"}).status_code
    assert not Membership.objects.filter(user=cast.member_b, organisation=cast.org_a).exists()
    # Someone else signed in: told to sign out.
    assert "sign out" in client_for("member_a").get(url).content.decode().lower()
    # The owner, signed in, confirms.
    owner = client_for("member_b")
    assert owner.get(url).status_code == 200
    response = owner.post(url)
    assert response.status_code == 302
    assert Membership.objects.filter(user=cast.member_b, organisation=cast.org_a).exists()
    cast.member_b.refresh_from_db()
    assert cast.member_b.role == Role.MENTEE and cast.member_b.check_password("x") is False
    invitation.refresh_from_db()
    assert invitation.accepted_user == cast.member_b
    assert AuditEntry.objects.filter(action="invitation.join").exists()
    assert owner.post(url).status_code == 410  # once


def test_unknown_account_emails_are_not_sent():
    """allauth would otherwise e-mail anyone asking for a reset of an unknown address,
    pointing at a sign-up that is closed (settings: ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS)."""
    from django.test import Client

    response = Client().post(reverse("account_reset_password"), {"email": "stranger@example.org"})
    assert response.status_code == 302
    assert not mail.outbox


def test_join_page_suggests_the_organisations_zone_and_speaks_the_invitations_language(
    cast, client
):
    from tests.factories import OrganisationFactory

    lagos = OrganisationFactory(country="NG", timezone="UTC")
    invitation, token = invitation_create(
        actor=cast.lead,
        email="ada@example.org",
        role=Role.MENTEE,
        organisation=lagos,
        language="fr",
    )
    response = client.get(reverse("portal:invitation_accept", args=[token]))
    assert response.context["form"].initial["timezone"] == "Africa/Lagos"
    page = response.content.decode()
    assert '<html lang="fr"' in page
    assert "Choisissez un mot de passe" in page or "mot de passe" in page
    assert ">Français<" in page and ">French<" not in page
    # A visitor who picked a language keeps it.
    client.cookies["django_language"] = "en"
    assert (
        "Choose a password"
        in client.get(reverse("portal:invitation_accept", args=[token])).content.decode()
    )


def test_join_page_falls_back_to_the_organisations_own_zone_then_the_inviters(cast, client):
    from tests.factories import OrganisationFactory

    cast.lead.timezone = "Asia/Colombo"
    cast.lead.save()
    for organisation, expected in [
        (OrganisationFactory(country="CA", timezone="America/Vancouver"), "America/Vancouver"),
        (OrganisationFactory(country="AQ", timezone="UTC"), "Asia/Colombo"),
    ]:
        _, token = invitation_create(
            actor=cast.lead,
            email=f"someone-{organisation.pk}@example.org",
            role=Role.MENTEE,
            organisation=organisation,
        )
        response = client.get(reverse("portal:invitation_accept", args=[token]))
        assert response.context["form"].initial["timezone"] == expected
