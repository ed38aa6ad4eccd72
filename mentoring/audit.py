"""One way to write the audit log, shared by every app's services.

`audit(action, actor=…, target=…)` works out the organisation (the tenant whose log the entry
belongs to) from the target, as pretix's `log_action` does, and takes the client address from
`AuditContextMiddleware`, which puts it in a context variable for the length of each request.
So services never take the request; outside a request (commands, tasks) there is no address.
"""

from contextvars import ContextVar
from typing import Any

from django.db import models

from .clientaddr import client_ip
from .models import AuditEntry, Organisation

_client_address: ContextVar[str | None] = ContextVar("audit_client_address", default=None)

# Where each kind of audited object keeps its organisation: a dotted attribute path from the
# object ("" for the organisation itself), or None for objects of no organisation (community
# meetings, people). Listed explicitly: a new kind of target must be placed here, never
# logged without its tenant by accident.
ORGANISATION_OF: dict[str, str | None] = {
    "mentoring.organisation": "",
    "mentoring.membership": "organisation",
    "mentoring.mentorship": "organisation",
    "mentoring.goal": "mentorship.organisation",
    "mentoring.session": "mentorship.organisation",
    "mentoring.actionitem": "session.mentorship.organisation",
    "mentoring.checkin": "mentorship.organisation",
    "mentoring.meeting": None,
    "documents.document": "organisation",  # None for the community library
    "portal.invitation": "organisation",  # None for mentors and leads
    "portal.user": None,
    # Intake (leads only): an application belongs to no organisation until it is accepted.
    "intake.call": None,
    "intake.application": "organisation",
    "intake.programmetext": None,
    "intake.subscriber": None,
    "intake.newsletterissue": None,
    # Community: a project is its organisation's; a partner is shared; an introduction is
    # logged with the organisation that asked for it.
    "community.project": "organisation",
    "community.partner": None,
    "community.sector": None,
    "community.introduction": "from_organisation",
}

_UNSET = object()


def client_address(request) -> str | None:
    """The address a request came from, as the audit log records it: the trusted-proxy rule
    of `mentoring.clientaddr.client_ip`, the same one every rate limit uses."""
    return client_ip(request)


class AuditContextMiddleware:
    """Make the client address of the current request available to `audit`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _client_address.set(client_address(request))
        try:
            return self.get_response(request)
        finally:
            _client_address.reset(token)


def organisation_of(target: models.Model | None) -> Organisation | None:
    """The organisation whose audit log an entry about `target` belongs to."""
    if target is None:
        return None
    label = target._meta.label_lower
    if label not in ORGANISATION_OF:
        raise LookupError(f"{label} is not placed in mentoring.audit.ORGANISATION_OF")
    path = ORGANISATION_OF[label]
    if path is None:
        return None
    value: Any = target  # the organisation at the end of the path
    for name in filter(None, path.split(".")):
        value = getattr(value, name)
        if value is None:
            return None
    return value


def audit(
    action: str,
    *,
    actor=None,
    target: models.Model | None = None,
    organisation=_UNSET,
    summary: str = "",
    **data,
) -> AuditEntry:
    """Write one entry. `organisation` is worked out from `target`; pass it only for an entry
    whose tenant is not the target's (an export filtered to one organisation has no target)."""
    if organisation is _UNSET:
        organisation = organisation_of(target)
    return AuditEntry.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        organisation=organisation,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        summary=summary[:300],
        ip_address=_client_address.get(),
        data=data,
    )
