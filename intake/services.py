"""Writes for intake: submitting, confirming, reviewing, accepting and declining.

Invariants:
- An attachment's bytes are stored first under a random key (prefix `applications/`), the row
  in one transaction after; if the transaction fails the bytes are removed again.
- Tokens (confirmation, reading) are e-mailed and stored only as hashes.
- Accepting is idempotent: under a row lock, an accepted application returns the organisation
  it created; exactly one organisation and one invitation exist per accepted application.
- Portal owns invitations (and no app imports portal), so portal registers the inviter here
  at start-up (`register_inviter`); accepting without one refuses rather than half-accepting.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from documents import storage as doc_storage
from mentoring.audit import audit
from mentoring.conflicts import versioned_update
from mentoring.models import Organisation

from . import mail
from .models import Application, Call, ProgrammeText, Review, hash_token, new_token
from .normalise import name_key

logger = logging.getLogger(__name__)
CONFIRM_DAYS = 7


class IntakeError(Exception):
    """A refusal with a message for the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Inviter:
    create: Callable  # (actor, email, full_name, organisation, language) -> (invitation, token)
    send: Callable  # (invitation, token) -> bool


_inviter: Inviter | None = None


def register_inviter(inviter: Inviter) -> None:
    global _inviter
    _inviter = inviter


def application_submit(*, call: Call, data: dict, answers: list[dict], inspected=None) -> str:
    """Store a new, unconfirmed application and e-mail its confirmation link; return the
    raw confirmation token (for the caller's tests; never stored)."""
    if not call.is_open():
        raise IntakeError(_("This call is not open for applications."))
    key = name_key(data["organisation_name"])
    if Application.objects.filter(call=call, name_key=key).exists():
        raise IntakeError(
            _("%(name)s has already applied to this call. Check your e-mail for the link.")
            % {"name": data["organisation_name"]}
        )
    stored_key = ""
    if inspected is not None:
        stored_key = doc_storage.new_key("applications")
        content = File(inspected.upload, name=stored_key)
        cast(Any, content).content_type = inspected.content_type  # read by documents.storage
        doc_storage.get_storage().save(stored_key, content)
    confirm, confirm_hash = new_token()
    _read, read_hash = new_token()
    try:
        with transaction.atomic():
            application = Application.objects.create(
                call=call,
                name_key=key,
                answers=answers,
                confirm_token_hash=confirm_hash,
                read_token_hash=read_hash,
                attachment_key=stored_key,
                attachment_name=inspected.name if inspected else "",
                attachment_size=inspected.size if inspected else None,
                attachment_type=inspected.content_type if inspected else "",
                **data,
            )
            audit("application.submit", target=application, summary=application.organisation_name)
    except IntegrityError as exc:
        _forget(stored_key)
        raise IntakeError(
            _("%(name)s has already applied to this call. Check your e-mail for the link.")
            % {"name": data["organisation_name"]}
        ) from exc
    except Exception:
        _forget(stored_key)
        raise
    mail.send_confirmation(application, confirm)
    return confirm


def _forget(key: str) -> None:
    if key:
        try:
            doc_storage.get_storage().delete(key)
        except Exception:  # noqa: BLE001 - logged; nothing refers to it
            logger.exception("Could not delete application bytes %s", key)


def application_for_token(token: str, *, field: str) -> Application | None:
    return Application.objects.filter(**{field: hash_token(token)}).select_related("call").first()


def application_confirm(*, token: str) -> Application:
    """Confirm the address; a second use, an expired or an unknown token is refused."""
    with transaction.atomic():
        application = (
            Application.objects.select_for_update()
            .filter(confirm_token_hash=hash_token(token))
            .first()
        )
        if application is None:
            raise IntakeError(_("This confirmation link is not valid."))
        if application.confirmed_at:
            raise IntakeError(_("This address is already confirmed: your application counts."))
        if application.submitted_at < timezone.now() - timedelta(days=CONFIRM_DAYS):
            raise IntakeError(_("This confirmation link has expired. Please apply again."))
        read, read_hash = new_token()
        application.confirmed_at = timezone.now()
        application.read_token_hash = read_hash
        application.save(update_fields=["confirmed_at", "read_token_hash"])
        audit("application.confirm", target=application, summary=application.organisation_name)
    mail.send_receipt(application, read)
    return application


def review_save(*, application: Application, lead, score: int | None, notes: str) -> Review:
    with transaction.atomic():
        review, _created = Review.objects.update_or_create(
            application=application, lead=lead, defaults={"score": score, "notes": notes}
        )
        audit(
            "application.review",
            actor=lead,
            target=application,
            summary=f"{application.organisation_name}: {score or '-'}",
        )
    return review


def application_set_status(*, application: Application, actor, status: str) -> None:
    allowed = {Application.Status.NEW, Application.Status.SHORTLISTED, Application.Status.WITHDRAWN}
    if status not in allowed:
        raise IntakeError(_("Use accept or decline for a decision."))
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status in {Application.Status.ACCEPTED, Application.Status.DECLINED}:
            raise IntakeError(_("This application is already decided."))
        locked.status = status
        locked.version += 1
        locked.save(update_fields=["status", "version"])
        audit("application.status", actor=actor, target=locked, summary=status)


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "organisation"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def application_accept(*, application: Application, actor) -> Organisation:
    """One organisation (active, in the call's cohort) and one invitation for the contact
    person as its admin, in the application's language, in one transaction."""
    if _inviter is None:
        raise IntakeError(_("Invitations are not available right now; nothing was changed."))
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update().select_related("call").get(pk=application.pk)
        )
        if locked.status == Application.Status.ACCEPTED and locked.organisation_id:
            organisation = locked.organisation
            assert organisation is not None  # organisation_id is set
            return organisation
        if locked.status in {Application.Status.DECLINED, Application.Status.WITHDRAWN}:
            raise IntakeError(_("This application is declined or withdrawn."))
        if Organisation.objects.filter(name__iexact=locked.organisation_name).exists():
            raise IntakeError(
                _("An organisation named %(name)s already exists: rename one of them first.")
                % {"name": locked.organisation_name}
            )
        organisation = Organisation.objects.create(
            name=locked.organisation_name,
            slug=_unique_slug(locked.organisation_name),
            country=locked.country,
            website=locked.website,
            kind=locked.kind,
            cohort=locked.call.cohort,
            status=Organisation.Status.ACTIVE,
        )
        invitation, token = _inviter.create(
            actor=actor,
            email=locked.contact_email,
            full_name=locked.contact_name,
            organisation=organisation,
            language=locked.language,
        )
        locked.status = Application.Status.ACCEPTED
        locked.organisation = organisation
        locked.decided_at = timezone.now()
        locked.decided_by = actor
        locked.version += 1
        locked.save(update_fields=["status", "organisation", "decided_at", "decided_by", "version"])
        audit(
            "application.accept",
            actor=actor,
            target=locked,
            organisation=organisation,
            summary=locked.organisation_name,
        )
        transaction.on_commit(lambda: _inviter.send(invitation=invitation, token=token))
    return organisation


def application_decline(*, application: Application, actor, message: str) -> None:
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status in {Application.Status.ACCEPTED, Application.Status.DECLINED}:
            raise IntakeError(_("This application is already decided."))
        locked.status = Application.Status.DECLINED
        locked.decided_at = timezone.now()
        locked.decided_by = actor
        locked.version += 1
        locked.save(update_fields=["status", "decided_at", "decided_by", "version"])
        audit("application.decline", actor=actor, target=locked, summary=locked.organisation_name)
        transaction.on_commit(lambda: mail.send_decline(locked, message))


def programme_text_for(language: str) -> ProgrammeText:
    """The programme page's text in one language (created empty the first time)."""
    text, _created = ProgrammeText.objects.get_or_create(language=language)
    return text


def programme_text_save(*, text: ProgrammeText, actor, version: int | None, data: dict) -> None:
    """Save the page's text unless someone saved since `version` (EditConflict then)."""
    with transaction.atomic():
        versioned_update(
            ProgrammeText.objects,
            pk=text.pk,
            version=version,
            fields={**data, "updated_by": actor, "updated_at": timezone.now()},
        )
        audit("programme_text.save", actor=actor, target=text, summary=text.language)
