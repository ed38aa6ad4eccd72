"""Log lines an operator can search: time, level, logger, request id, message; JSON lines
when `DJANGO_LOG_FORMAT=json` (for a log shipper).

`RequestIdMiddleware` (first in MIDDLEWARE) gives each request an id, keeps it in a context
variable for the `RequestIdFilter` below, and returns it as `X-Request-ID`. An incoming
`X-Request-ID` is kept only behind our own proxies (`mentoring.clientaddr`), so nginx's
`$request_id` ties its access log to ours, while a client cannot choose the id.
"""

import contextvars
import json
import logging
import uuid
from datetime import UTC, datetime

from mentoring.clientaddr import trusted_request_id

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def current_request_id() -> str:
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    """Adds `record.request_id` ("-" outside a request: tasks, commands)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, request_id, message."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)

    def formatTime(self, record, datefmt=None) -> str:  # noqa: N802 (logging's name)
        moment = datetime.fromtimestamp(record.created, tz=UTC)
        return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def logging_config(*, fmt: str, level: str) -> dict:
    """The LOGGING setting: everything to stderr (systemd's journal keeps it)."""
    formatter = {"()": JsonFormatter} if fmt == "json" else {"format": TEXT_FORMAT}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"portal": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request_id"],
                "formatter": "portal",
            },
        },
        "root": {"handlers": ["console"], "level": level},
        # Django's own "django" logger still mails errors to ADMINS (with the reporter filter
        # of portal.errors) and propagates here.
        "loggers": {"django.request": {"level": "ERROR"}},
    }


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = trusted_request_id(request) or uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response
