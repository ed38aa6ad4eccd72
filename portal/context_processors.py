from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mentoring import permissions as mentoring_permissions

from . import permissions


def navigation(request) -> dict:
    """The navigation a person sees depends on their role."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [
        ("portal:home", _("Home")),
        ("mentoring:organisation_list", _("Organisations")),
        ("community:project_list", _("Projects")),
        ("documents:index", _("Documents")),
        ("mentoring:meeting_list", _("Meetings")),
    ]
    if mentoring_permissions.has_mentoring(user):
        items.append(("mentoring:mentorship_list", _("Mentoring")))
    if permissions.can_invite(user):
        items.append(("portal:invitation_list", _("Invitations")))
    nav = [
        {"url": url, "label": label, "active": _is_active(request.path, url)}
        for url, label in ((reverse(name), label) for name, label in items)
    ]
    if permissions.can_see_dashboard(user):
        url = reverse("portal:dashboard")
        nav.append({"url": url, "label": _("Dashboard"), "active": _is_active(request.path, url)})
        nav.append({"url": reverse("admin:index"), "label": _("Admin"), "active": False})
    return {"nav_items": nav}


def _is_active(path: str, url: str) -> bool:
    return path == url or (url != "/" and path.startswith(url))
