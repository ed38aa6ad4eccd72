"""Counting attempts in the shared cache, so limits hold across web processes (with Redis)."""

import hashlib
import ipaddress

from django.core.cache import cache


def network_of(address: str | None) -> str:
    """The client's network: a /24 for IPv4, a /48 for IPv6 (one household or office)."""
    if not address:
        return "unknown"
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def hit(scope: str, value: str, *, limit: int, window: int) -> bool:
    """Count one attempt; False once `limit` attempts were made within `window` seconds."""
    digest = hashlib.sha256(f"{scope}:{value}".lower().encode()).hexdigest()[:32]
    key = f"intake:{scope}:{digest}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit
