from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from mentoring.audit import audit

from ..models import Partner, Project
from ..normalise import partner_key
from ..versioning import versioned_update


def partners_for_names(names: Iterable[str], *, country: str = "") -> list[Partner]:
    """The shared partner record for each name: an existing one with the same key, else a new
    one (kind "other", the project's first country). Names are validated by the form."""
    partners: dict[str, Partner] = {}
    for name in names:
        key = partner_key(name)
        if not key or key in partners:
            continue
        partner = Partner.objects.filter(key=key).first()
        if partner is None:
            try:
                with transaction.atomic():
                    partner = Partner.objects.create(name=name.strip(), country=country)
            except IntegrityError:  # someone created the same partner a moment ago
                partner = Partner.objects.get(key=key)
        partners[key] = partner
    return list(partners.values())


def partner_update(*, partner: Partner, actor, version: int | None, data: dict):
    key = partner_key(data["name"])
    if Partner.objects.filter(key=key).exclude(pk=partner.pk).exists():
        raise ValidationError(
            _("Another partner already has this name; merge the two instead."), code="duplicate"
        )
    with transaction.atomic():
        versioned_update(
            Partner.objects, pk=partner.pk, version=version, fields={**data, "key": key}
        )
        partner.refresh_from_db()
        audit("partner.edit", actor=actor, target=partner, summary=partner.name)
    return partner


def partner_merge(*, keep: Partner, duplicate: Partner, actor) -> int:
    """Move every project from `duplicate` to `keep` and delete `duplicate`, in one step.
    Returns the number of projects moved (a project naming both keeps one link)."""
    if keep.pk == duplicate.pk:
        raise ValidationError(_("Choose two different partners to merge."), code="same")
    with transaction.atomic():
        links = Project.partners.through.objects
        moved = list(links.filter(partner=duplicate).values_list("project_id", flat=True))
        already = set(
            links.filter(partner=keep, project_id__in=moved).values_list("project_id", flat=True)
        )
        links.filter(partner=duplicate, project_id__in=already).delete()
        links.filter(partner=duplicate).update(partner=keep)
        audit(
            "partner.merge",
            actor=actor,
            target=keep,
            summary=f"{duplicate.name} → {keep.name}",
            merged_id=duplicate.pk,
            merged_name=duplicate.name,
            projects=sorted(moved),
        )
        duplicate.delete()
    return len(moved)
