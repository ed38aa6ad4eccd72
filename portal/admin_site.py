from functools import wraps

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from mentoring.http import safe_next


class PortalAdminSite(admin.AdminSite):
    """The Django admin, where programme leads correct data. Only leads reach it; people sign
    in through the portal's own login (with its rate limits and two-factor step)."""

    site_header = _("CA Mentoring Portal: data administration")
    site_title = _("CA Mentoring admin")
    index_title = _("Correct the programme's data")
    site_url = "/"

    def has_permission(self, request) -> bool:
        return bool(getattr(request.user, "is_lead", False))

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def guarded(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return guarded

    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(safe_next(request, "/admin/"))
