"""Writes about people and invitations: atomic, audited."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mentoring.audit import audit
from mentoring.mail import send_mail
from mentoring.models import Membership, Organisation
from mentoring.roles import Role

from .models import Invitation, User


class InvitationUnavailable(Exception):
    """The invitation can no longer be accepted (accepted, revoked or expired)."""

    def __init__(self, state: str):
        super().__init__(state)
        self.state = state


def invitation_create(
    *,
    actor: User,
    email: str,
    role: str,
    organisation: Organisation | None,
    is_admin: bool = False,
    full_name: str = "",
    language: str = "en",
) -> tuple[Invitation, str]:
    with transaction.atomic():
        invitation = Invitation(
            email=email.lower(),
            full_name=full_name,
            role=role,
            organisation=organisation if role == Role.MENTEE else None,
            is_admin=is_admin if role == Role.MENTEE else False,
            language=language,
            invited_by=actor,
        )
        token = invitation.new_token()
        invitation.save()
        audit(
            "invitation.create",
            actor=actor,
            target=invitation,
            summary=f"{invitation.email} ({invitation.role})",
        )
    return invitation, token


def invite_applicant(*, actor, email, full_name, organisation, language):
    """Intake's accepted application: its contact person becomes the organisation's admin."""
    return invitation_create(
        actor=actor,
        email=email,
        role=Role.MENTEE,
        organisation=organisation,
        is_admin=True,
        full_name=full_name,
        language=language,
    )


def invitation_resend(*, invitation: Invitation, actor: User) -> str:
    """A fresh link and a fresh expiry; the previous link stops working."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at or invitation.revoked_at:
            raise InvitationUnavailable(invitation.state)
        token = invitation.new_token()
        invitation.expires_at = timezone.now() + timedelta(days=settings.PORTAL_INVITATION_DAYS)
        invitation.save(update_fields=["token_hash", "expires_at"])
        audit(
            "invitation.resend",
            actor=actor,
            target=invitation,
            summary=invitation.email,
        )
    return token


def invitation_revoke(*, invitation: Invitation, actor: User) -> None:
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at or invitation.revoked_at:
            raise InvitationUnavailable(invitation.state)
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit(
            "invitation.revoke",
            actor=actor,
            target=invitation,
            summary=invitation.email,
        )


def invitation_send(*, invitation: Invitation, token: str) -> bool:
    """E-mail the link in the invitee's language. Returns False if the mail server refused."""
    link = settings.SITE_URL + reverse("portal:invitation_accept", args=[token])
    # The e-mail names its expiry date in UTC, so it is rendered in UTC (not the inviter's zone).
    sent = send_mail(
        to=invitation.email,
        language=invitation.language,
        zone="UTC",
        template="portal/email/invitation",
        context={
            "invitation": invitation,
            "link": link,
            # Told only to the address's owner, never to the inviter.
            "has_account": User.objects.filter(email__iexact=invitation.email).exists(),
        },
    )
    if not sent:
        return False
    Invitation.objects.filter(pk=invitation.pk).update(
        sent_at=timezone.now(), send_count=invitation.send_count + 1
    )
    return True


def invitation_join(*, token: str, user: User) -> Invitation:
    """An invitation sent to an address that already has an account, accepted by that account
    once signed in: it adds the membership the invitation offered (never lowering an admin
    flag) and never changes the person's role or password."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .filter(token_hash=Invitation.hash_token(token))
            .first()
        )
        if invitation is None or invitation.email.lower() != user.email.lower():
            raise Invitation.DoesNotExist
        if invitation.state != Invitation.State.PENDING:
            raise InvitationUnavailable(invitation.state)
        if invitation.organisation_id:
            membership, created = Membership.objects.get_or_create(
                user=user,
                organisation=invitation.organisation,
                defaults={"is_admin": invitation.is_admin},
            )
            if invitation.is_admin and not membership.is_admin:
                membership.is_admin = True
                membership.save(update_fields=["is_admin"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_user = user
        invitation.save(update_fields=["accepted_at", "accepted_user"])
        audit(
            "invitation.join",
            actor=user,
            target=invitation,
            organisation=invitation.organisation,
            summary=user.email,
        )
    return invitation


def invitation_accept(
    *,
    token: str,
    full_name: str,
    password: str,
    timezone_name: str,
    language: str,
) -> User:
    """Create the account, verified address and membership the invitation promised, once."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .filter(token_hash=Invitation.hash_token(token))
            .first()
        )
        if invitation is None:
            raise Invitation.DoesNotExist
        if invitation.state != Invitation.State.PENDING:
            raise InvitationUnavailable(invitation.state)
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise InvitationUnavailable(Invitation.State.ACCEPTED)
        user = User.objects.create_user(
            invitation.email,
            password,
            full_name=full_name,
            role=invitation.role,
            timezone=timezone_name,
            language=language,
        )
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        if invitation.organisation is not None:
            Membership.objects.create(
                user=user, organisation=invitation.organisation, is_admin=invitation.is_admin
            )
        invitation.accepted_at = timezone.now()
        invitation.accepted_user = user
        invitation.save(update_fields=["accepted_at", "accepted_user"])
        audit(
            "invitation.accept",
            actor=user,
            target=invitation,
            summary=user.email,
        )
    return user


def user_deactivate(*, user: User, actor: User) -> None:
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit("user.deactivate", actor=actor, target=user, summary=user.email)
