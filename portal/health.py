"""`/healthz` (the process answers) and `/readyz` (database, cache and storage reachable), for
load balancers and systemd.

`HealthCheckMiddleware` sits first in MIDDLEWARE and answers these two paths before anything
else runs: no SSL redirect (the balancer probes plain http on the loopback or private network),
no host check (it probes by address), no session, no MFA redirect. The answer is one word and a
status code; which component failed goes to the log, never to the caller.
"""

import logging

from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

PROBE_KEY = "portal:readyz"


def _plain(text: str, status: int = 200) -> HttpResponse:
    response = HttpResponse(f"{text}\n", content_type="text/plain; charset=utf-8", status=status)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def healthz(request) -> HttpResponse:
    return _plain("ok")


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    cache.set(PROBE_KEY, "1", 10)
    if cache.get(PROBE_KEY) != "1":
        raise RuntimeError("the cache did not keep a value")


def _storage() -> None:
    for alias in ("default", "documents"):
        storages[alias].exists("readyz-probe")


CHECKS = {"database": _database, "cache": _cache, "storage": _storage}


@require_safe
def readyz(request) -> HttpResponse:
    failed = []
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("Readiness check failed: %s", name)
            failed.append(name)
    return _plain("not ready", 503) if failed else _plain("ready")


PATHS = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = PATHS.get(request.path_info)
        if view is not None and request.method in ("GET", "HEAD"):
            return view(request)
        return self.get_response(request)
