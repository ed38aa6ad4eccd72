"""`{% load mentoring_sessions %}{% mentoring_overview %}`: the home page's "next sessions and
open action items" block for mentors and members (nothing for leads or outsiders)."""

from django import template
from django.db.models import F
from django.utils import timezone

from mentoring import permissions
from mentoring.models import ActionItem

register = template.Library()


@register.inclusion_tag("mentoring/sessions/_overview.html", takes_context=True)
def mentoring_overview(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or permissions.is_lead(user):
        return {"show": False}
    mentors = bool(permissions.mentored_mentorship_ids(user))
    if not mentors and not permissions.member_organisation_ids(user):
        return {"show": False}
    upcoming = (
        permissions.sessions_visible_to(user)
        .filter(next_session_at__gte=timezone.now())
        .select_related("mentorship__organisation")
        .order_by("next_session_at")[:3]
    )
    side = ActionItem.Owner.MENTOR if mentors else ActionItem.Owner.ORGANISATION
    items = (
        permissions.action_items_visible_to(user)
        .filter(done_at__isnull=True, owner=side)
        .select_related("session__mentorship__organisation", "owner_person")
        .order_by(F("due_date").asc(nulls_last=True), "pk")[:5]
    )
    return {
        "show": True,
        "upcoming": upcoming,
        "items": items,
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }
