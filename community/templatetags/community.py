"""`{% load community %}{% community_home %}`: on a member's home page, the organisations
their organisation could talk to (with the reasons) and introductions awaiting an answer."""

from django import template

from mentoring import permissions as core
from mentoring.models import Organisation

from ..selectors import introductions_awaiting, suggestions_for

register = template.Library()


@register.inclusion_tag("community/_home.html", takes_context=True)
def community_home(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or core.is_lead(user):
        return {"show": False}
    organisations = Organisation.objects.filter(pk__in=core.member_organisation_ids(user)).listed()
    return {
        "show": True,
        "blocks": [(org, suggestions_for(user, org)) for org in organisations],
        "awaiting": introductions_awaiting(user).select_related("from_organisation").count(),
    }
