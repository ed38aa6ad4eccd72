"""Writes about organisations: profile edits are atomic, audited and versioned."""

from django.db import transaction

from ..audit import audit
from ..conflicts import versioned_update
from ..forms.organisations import OrganisationForm
from ..models import Organisation


def organisation_create(*, actor, form: OrganisationForm) -> Organisation:
    """Add an organisation from a valid profile form (which also stores the processed logo)."""
    with transaction.atomic():
        organisation = form.save()
        audit("organisation.create", actor=actor, target=organisation, summary=organisation.name)
    return organisation


def organisation_update(*, actor, form: OrganisationForm, version: int | None) -> Organisation:
    """Save a valid profile form over `version` only (EditConflict when someone else saved
    first); the form then writes the fields and the logo in the same transaction."""
    organisation = form.instance
    with transaction.atomic():
        organisation.version = versioned_update(
            Organisation.objects, pk=organisation.pk, version=version
        )
        organisation = form.save()
        audit(
            "organisation.edit",
            actor=actor,
            target=organisation,
            summary=", ".join(form.changed_data),
        )
    return organisation
