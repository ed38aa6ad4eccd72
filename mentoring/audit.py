"""One way to write the audit log, shared by every app's services."""

from django.db import models

from .clientaddr import client_ip
from .models import AuditEntry, Organisation

__all__ = ["audit", "client_ip"]


def audit(
    action: str,
    *,
    actor=None,
    target: models.Model | None = None,
    organisation: Organisation | None = None,
    summary: str = "",
    request=None,
    **data,
) -> AuditEntry:
    return AuditEntry.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        organisation=organisation,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        summary=summary[:300],
        ip_address=client_ip(request),
        data=data,
    )
