"""Which objects documents may be attached to, and who may see and attach to them.

`mentoring` never imports `documents`, so the documents app describes mentoring's objects here.
Every attachable kind is registered explicitly, by its model label, with:
- `visible_to(user)`: the scoped queryset its objects are looked up in (404 outside it);
- `can_attach(user, obj)`: the edit predicate that allows attaching and detaching (403);
- `organisation_of(obj)`: whose documents may be attached (None: library documents only).
A kind that is not registered is refused (404): nothing is found by a function's name and
there is no fallback, so renaming a permission function can never widen access.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet
from django.http import Http404

from mentoring import permissions as mp
from mentoring.models import Organisation
from mentoring.typing import Viewer


@dataclass(frozen=True)
class Attachable:
    model: type[Model]
    visible_to: Callable[[Viewer], QuerySet]
    organisation_of: Callable[[Any], Organisation | None]
    can_attach: Callable[[Viewer, Any], bool]


_REGISTRY: dict[str, Attachable] = {}


def register(
    label: str,
    *,
    visible_to: Callable[[Viewer], QuerySet],
    can_attach: Callable[[Viewer, Any], bool],
    organisation_of: Callable[[Any], Organisation | None],
) -> None:
    """Make a model attachable; registering a kind twice is a configuration error."""
    label = label.lower()
    if label in _REGISTRY:
        raise ImproperlyConfigured(f"{label} is already attachable")
    _REGISTRY[label] = Attachable(
        model=apps.get_model(label),
        visible_to=visible_to,
        organisation_of=organisation_of,
        can_attach=can_attach,
    )


def get(label: str) -> Attachable | None:
    """The registered kind, or None: an unregistered kind is never attachable."""
    return _REGISTRY.get(label.lower())


def for_object(obj) -> Attachable | None:
    return get(obj._meta.label_lower)


def target_for(user, label: str, object_id: str) -> tuple[Attachable, Model]:
    """The kind and the object a person asks to attach to: 404 for an unregistered kind and
    for an object outside the kind's scope."""
    spec = get(label)
    if spec is None:
        raise Http404
    try:
        return spec, mp.get_object_for_user(spec.visible_to(user), pk=object_id)
    except (ValueError, TypeError) as exc:
        raise Http404 from exc


def _register_defaults() -> None:
    register(
        "mentoring.mentorship",
        visible_to=mp.mentorships_visible_to,
        organisation_of=lambda mentorship: mentorship.organisation,
        can_attach=lambda user, mentorship: mp.is_insider(user, mentorship.organisation),
    )
    # Mentors log sessions and attach to them; members read the attachments.
    register(
        "mentoring.session",
        visible_to=mp.sessions_visible_to,
        organisation_of=lambda session: session.mentorship.organisation,
        can_attach=mp.can_edit_session,
    )
    # A meeting belongs to no organisation: only library documents attach to it, by leads.
    register(
        "mentoring.meeting",
        visible_to=mp.meetings_visible_to,
        organisation_of=lambda meeting: None,
        can_attach=mp.can_edit_meeting,
    )
