from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mentoring.audit import audit

from ..models import Introduction
from ..tasks import notify_introduction_accepted, notify_introduction_asked


class IntroductionRefused(Exception):
    """The introduction was answered meanwhile (by a colleague), so this answer is not saved."""


def _check_pair(from_organisation, to_organisation) -> None:
    if from_organisation.pk == to_organisation.pk:
        raise ValidationError(
            _("Choose another organisation than your own."), code="own_organisation"
        )
    pending = Introduction.objects.filter(status=Introduction.Status.PENDING).filter(
        Q(from_organisation=from_organisation, to_organisation=to_organisation)
        | Q(from_organisation=to_organisation, to_organisation=from_organisation)
    )
    if pending.exists():
        raise ValidationError(
            _("An introduction between these two organisations is already waiting for an answer."),
            code="pending",
        )


def introduction_request(
    *, from_organisation, to_organisation, actor, from_contact, note: str = ""
) -> Introduction:
    """A member asks to meet another organisation; its admins get an e-mail to answer."""
    _check_pair(from_organisation, to_organisation)
    try:
        with transaction.atomic():
            introduction = Introduction.objects.create(
                from_organisation=from_organisation,
                to_organisation=to_organisation,
                requested_by=actor,
                from_contact=from_contact,
                note=note,
            )
            audit(
                "introduction.request",
                actor=actor,
                target=introduction,
                organisation=from_organisation,
                summary=f"{from_organisation.short_name} → {to_organisation.short_name}",
            )
            transaction.on_commit(lambda: notify_introduction_asked.enqueue(introduction.pk))
    except IntegrityError as exc:  # a colleague asked the same a moment ago
        raise ValidationError(
            _("An introduction between these two organisations is already waiting for an answer."),
            code="pending",
        ) from exc
    return introduction


def _answer(introduction: Introduction, *, actor, status: str, to_contact=None):
    with transaction.atomic():
        current = Introduction.objects.select_for_update().get(pk=introduction.pk)
        if current.status != Introduction.Status.PENDING:
            raise IntroductionRefused
        current.status = status
        current.to_contact = to_contact
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.save(update_fields=["status", "to_contact", "decided_by", "decided_at"])
        audit(
            f"introduction.{status}",
            actor=actor,
            target=current,
            organisation=current.to_organisation,
            summary=f"{current.from_organisation.short_name} → {current.to_organisation.short_name}",
        )
        if status == Introduction.Status.ACCEPTED:
            transaction.on_commit(lambda: notify_introduction_accepted.enqueue(current.pk))
    return current


def introduction_accept(*, introduction: Introduction, actor, to_contact):
    """Both sides get each other's contact, on the page and by e-mail."""
    return _answer(
        introduction,
        actor=actor,
        status=Introduction.Status.ACCEPTED,
        to_contact=to_contact,
    )


def introduction_decline(*, introduction: Introduction, actor):
    return _answer(introduction, actor=actor, status=Introduction.Status.DECLINED)


def introduction_make(
    *,
    from_organisation,
    to_organisation,
    from_contact,
    to_contact,
    actor,
    note: str = "",
) -> Introduction:
    """A lead introduces two organisations: accepted at once, both contacts get an e-mail."""
    _check_pair(from_organisation, to_organisation)
    with transaction.atomic():
        introduction = Introduction.objects.create(
            from_organisation=from_organisation,
            to_organisation=to_organisation,
            requested_by=actor,
            introduced_by_lead=True,
            from_contact=from_contact,
            to_contact=to_contact,
            note=note,
            status=Introduction.Status.ACCEPTED,
            decided_by=actor,
            decided_at=timezone.now(),
        )
        audit(
            "introduction.make",
            actor=actor,
            target=introduction,
            organisation=from_organisation,
            summary=f"{from_organisation.short_name} → {to_organisation.short_name}",
        )
        transaction.on_commit(lambda: notify_introduction_accepted.enqueue(introduction.pk))
    return introduction
