from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from mentoring.audit import audit

from ..models import Project, Sector
from ..versioning import versioned_update
from .partners import partners_for_names


def project_create(
    *,
    organisation,
    actor,
    data: dict,
    sectors: Iterable[Sector] = (),
    partner_names: Iterable[str] = (),
) -> Project:
    with transaction.atomic():
        project = Project.objects.create(organisation=organisation, updated_by=actor, **data)
        project.sectors.set(sectors)
        project.partners.set(partners_for_names(partner_names, country=_first(project)))
        audit(
            "project.create",
            actor=actor,
            target=project,
            organisation=organisation,
            summary=project.title,
            confidential=project.is_confidential,
        )
    return project


def project_update(
    *,
    project: Project,
    actor,
    version: int | None,
    data: dict,
    sectors: Iterable[Sector] = (),
    partner_names: Iterable[str] = (),
) -> Project:
    """Save an edit only if nobody saved since `version` was read (EditConflict otherwise)."""
    with transaction.atomic():
        versioned_update(
            Project.objects,
            pk=project.pk,
            version=version,
            fields={**data, "updated_by": actor, "updated_at": timezone.now()},
        )
        project = Project.objects.select_related("organisation").get(pk=project.pk)
        project.sectors.set(sectors)
        project.partners.set(partners_for_names(partner_names, country=_first(project)))
        audit(
            "project.edit",
            actor=actor,
            target=project,
            organisation=project.organisation,
            summary=f"{project.title}, version {project.version}",
            confidential=project.is_confidential,
        )
    return project


def project_trash(*, project: Project, actor) -> None:
    with transaction.atomic():
        Project.objects.filter(pk=project.pk).update(
            deleted_at=timezone.now(), deleted_by=actor, version=F("version") + 1
        )
        audit(
            "project.trash",
            actor=actor,
            target=project,
            organisation=project.organisation,
            summary=project.title,
        )


def project_restore(*, project: Project, actor) -> None:
    with transaction.atomic():
        Project.objects.filter(pk=project.pk).update(
            deleted_at=None, deleted_by=None, version=F("version") + 1
        )
        audit(
            "project.restore",
            actor=actor,
            target=project,
            organisation=project.organisation,
            summary=project.title,
        )


def _first(project: Project) -> str:
    return str(project.countries[0]) if project.countries else ""
