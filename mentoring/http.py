"""Small request helpers every app may import (no app imports `portal`)."""

import unicodedata

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, default: str) -> str:
    """Where to go back to after a form: the `next` value (POST, then GET) when it is a path on
    this site, else `default`. Only a path is taken: "/…", never "//host", a scheme, a view name
    (`redirect()` would try to reverse it and fail with a 500) or a control character."""
    value = request.POST.get("next") or request.GET.get("next") or ""
    if (
        value.startswith("/")
        and not value.startswith(("//", "/\\"))
        and not any(unicodedata.category(c)[0] in "CZ" for c in value)  # controls, spaces
        and url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return value
    return default
