"""Writes about people and invitations: atomic, audited."""

import logging
import smtplib
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from mentoring.audit import audit
from mentoring.models import Membership, Organisation
from mentoring.roles import Role

from .models import Invitation, User

logger = logging.getLogger(__name__)


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
    request=None,
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
            organisation=invitation.organisation,
            summary=f"{invitation.email} ({invitation.role})",
            request=request,
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


def invitation_resend(*, invitation: Invitation, actor: User, request=None) -> str:
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
            organisation=invitation.organisation,
            summary=invitation.email,
            request=request,
        )
    return token


def invitation_revoke(*, invitation: Invitation, actor: User, request=None) -> None:
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
            organisation=invitation.organisation,
            summary=invitation.email,
            request=request,
        )


def invitation_send(*, invitation: Invitation, token: str) -> bool:
    """E-mail the link in the invitee's language. Returns False if the mail server refused."""
    link = settings.SITE_URL + reverse("portal:invitation_accept", args=[token])
    context = {"invitation": invitation, "link": link, "site_url": settings.SITE_URL}
    # The e-mail names its expiry date in UTC, so it is rendered in UTC (not the inviter's zone).
    with translation.override(invitation.language), timezone.override("UTC"):
        subject = render_to_string("portal/email/invitation_subject.txt", context).strip()
        text = render_to_string("portal/email/invitation.txt", context)
        html = render_to_string("portal/email/invitation.html", context)
    message = EmailMultiAlternatives(subject, text, to=[invitation.email])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send the invitation to %s", invitation.email)
        return False
    Invitation.objects.filter(pk=invitation.pk).update(
        sent_at=timezone.now(), send_count=invitation.send_count + 1
    )
    return True


def invitation_accept(
    *,
    token: str,
    full_name: str,
    password: str,
    timezone_name: str,
    language: str,
    request=None,
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
        if invitation.organisation_id:
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
            organisation=invitation.organisation,
            summary=user.email,
            request=request,
        )
    return user


def user_deactivate(*, user: User, actor: User, request=None) -> None:
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit("user.deactivate", actor=actor, target=user, summary=user.email, request=request)
