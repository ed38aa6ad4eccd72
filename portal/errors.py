"""Error reports that never carry what people typed.

A crash while saving a session log must not e-mail its private notes to ADMINS, nor send them
to an error tracker. Django's `SafeExceptionReporterFilter` only hides what a view marked
sensitive; `PortalExceptionReporterFilter` (DEFAULT_EXCEPTION_REPORTER_FILTER) drops every POST
value, the cookies, and, outside DEBUG, the values of local variables in the traceback. The
views that take confidential text are also marked with `sensitive_post_parameters` and
`sensitive_variables`, so any other filter still hides them.
Error tracking (Sentry) gets the same treatment in `portal.sentry`.
"""

from django.views.debug import SafeExceptionReporterFilter


class PortalExceptionReporterFilter(SafeExceptionReporterFilter):
    def get_post_parameters(self, request):
        if request is None:
            return {}
        cleansed = request.POST.copy()
        for key in cleansed:
            cleansed[key] = self.cleansed_substitute
        return cleansed

    def get_safe_cookies(self, request):
        return dict.fromkeys(getattr(request, "COOKIES", {}), self.cleansed_substitute)

    def get_safe_request_meta(self, request):
        meta = super().get_safe_request_meta(request)
        if "HTTP_COOKIE" in meta:
            meta["HTTP_COOKIE"] = self.cleansed_substitute
        return meta

    def get_traceback_frame_variables(self, request, tb_frame):
        frame_vars = super().get_traceback_frame_variables(request, tb_frame)
        if not self.is_active(request):  # DEBUG on a developer's machine
            return frame_vars
        return [(name, self.cleansed_substitute) for name, _value in frame_vars]
