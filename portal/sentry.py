"""Optional error tracking: with `SENTRY_DSN` set and sentry-sdk installed (it is not a
dependency of the portal: `uv pip install sentry-sdk` on the server that wants it),
`init_sentry` starts it with PII off, no local variables, no request bodies, and `before_send`
stripping what is left that could identify someone or carry what they typed.

Imported by the settings module, so it imports nothing from Django at module level.
"""

import importlib
import logging

logger = logging.getLogger(__name__)


def before_send(event: dict, hint: dict | None = None) -> dict:
    """Sentry's hook: keep the URL and method, drop body, cookies, query and headers that can
    identify someone; drop local variables in every frame."""
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("data", "cookies", "query_string", "env"):
            request.pop(key, None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                k: v
                for k, v in headers.items()
                if k.lower() not in {"cookie", "authorization", "x-forwarded-for", "x-real-ip"}
            }
    event.pop("user", None)
    for exception in (event.get("exception") or {}).get("values") or []:
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    return event


def init_sentry(dsn: str, *, environment: str = "production") -> bool:
    """Start sentry-sdk if it is installed; False (and a warning) when it is not."""
    if not dsn:
        return False
    try:
        sentry_sdk = importlib.import_module("sentry_sdk")
        django_integration = importlib.import_module("sentry_sdk.integrations.django")
    except ImportError:
        logger.warning("SENTRY_DSN is set but sentry-sdk is not installed: no error tracking.")
        return False
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[django_integration.DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        before_send=before_send,
    )
    return True
