"""The client's address, the one way every app reads it (audit log, rate limits, allauth).

Behind `DJANGO_TRUSTED_PROXY_COUNT` proxies that each append the address they saw to
`X-Forwarded-For` (nginx's `$proxy_add_x_forwarded_for`), the client is the entry that many
places from the right: everything further left was written by the client and can be forged.
With no proxy configured the header is ignored and the peer's address (`REMOTE_ADDR`) is the
client. This is the rule allauth applies with `ALLAUTH_TRUSTED_PROXY_COUNT`, which the settings
set to the same number; the portal's account adapter calls this helper so both agree.
"""

import ipaddress
import re

from django.conf import settings
from django.http import HttpRequest

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "198.51.100.7:443"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def behind_trusted_proxy() -> bool:
    """True when the deployment says every request arrives through our own proxies."""
    return settings.PORTAL_TRUSTED_PROXY_COUNT > 0


def client_ip(request: HttpRequest | None) -> str | None:
    """The address of the person making the request, never taken from a header they control."""
    if request is None:
        return None
    peer = _clean(request.META.get("REMOTE_ADDR"))
    count = settings.PORTAL_TRUSTED_PROXY_COUNT
    if count <= 0:
        return peer
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < count:
        # Fewer hops than proxies: the request did not come through all of them.
        return peer
    return _clean(hops[-count]) or peer


def trusted_request_id(request: HttpRequest) -> str | None:
    """An `X-Request-ID` set by our own proxy (nginx's `$request_id`), or None: a client's own
    header is not trusted when no proxy is configured."""
    if not behind_trusted_proxy():
        return None
    value = request.META.get("HTTP_X_REQUEST_ID", "")
    return value if _REQUEST_ID.match(value) else None
