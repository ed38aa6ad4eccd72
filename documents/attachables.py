"""Which mentoring objects documents may be attached to, and who may see and attach to them.

`mentoring` never imports `documents`, so the documents app describes mentoring's objects here.
A model is attachable when it is registered (`register(...)`) or, by convention, when it is a
mentoring model named like a session or a meeting; then:
- the objects a person may see come from `mentoring.permissions.<model>s_visible_to(user)`;
- its organisation is `obj.organisation`, or `obj.mentorship.organisation`, or None (a
  community meeting belongs to no organisation: only library documents attach to it);
- attaching is allowed by `mentoring.permissions.can_edit_<model>(user, obj)` when it exists,
  else to insiders of its organisation (leads for objects of no organisation).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Model, QuerySet

from mentoring import permissions as mp
from mentoring.models import Organisation


@dataclass(frozen=True)
class Attachable:
    model: type[Model]
    visible_to: Callable[[object], QuerySet]
    organisation_of: Callable[[Model], Organisation | None]
    can_attach: Callable[[object, Model], bool]


_REGISTRY: dict[str, Attachable] = {}


def register(label: str, **parts) -> None:
    model = apps.get_model(label)
    _REGISTRY[label.lower()] = Attachable(model=model, **parts)


def _organisation_of(obj) -> Organisation | None:
    if isinstance(getattr(obj, "organisation", None), Organisation):
        return obj.organisation
    mentorship = getattr(obj, "mentorship", None)
    if mentorship is not None:
        return mentorship.organisation
    return None


def _by_convention(label: str) -> Attachable | None:
    app_label, _, model_name = label.partition(".")
    if app_label != "mentoring" or not model_name.endswith(("session", "meeting")):
        return None
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    visible = getattr(mp, f"{model._meta.model_name}s_visible_to", None)
    if visible is None:
        return None
    can_edit = getattr(mp, f"can_edit_{model._meta.model_name}", None)

    def can_attach(user, obj) -> bool:
        if can_edit is not None:
            return bool(can_edit(user, obj))
        organisation = _organisation_of(obj)
        if organisation is None:
            return mp.is_lead(user)
        return mp.is_insider(user, organisation)

    return Attachable(
        model=model, visible_to=visible, organisation_of=_organisation_of, can_attach=can_attach
    )


def get(label: str) -> Attachable | None:
    label = label.lower()
    return _REGISTRY.get(label) or _by_convention(label)


def for_object(obj) -> Attachable | None:
    return get(obj._meta.label_lower)


def _register_defaults() -> None:
    register(
        "mentoring.mentorship",
        visible_to=mp.mentorships_visible_to,
        organisation_of=_organisation_of,
        can_attach=lambda user, obj: mp.is_insider(user, obj.organisation),
    )
