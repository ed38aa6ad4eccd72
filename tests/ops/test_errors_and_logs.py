"""Error reports carry no form data nor private fields; log lines name time, level, logger and
the request id; Sentry's hook strips request bodies."""

import json
import logging

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from mentoring.services import sessions as session_services
from portal.logs import JsonFormatter, RequestIdFilter, logging_config
from portal.sentry import before_send, init_sentry
from tests.mentoring.test_sessions import PRIVATE, payload

pytestmark = pytest.mark.django_db


@override_settings(ADMINS=[("Ops", "ops@example.org")], DEBUG=False)
def test_a_crash_while_logging_a_session_mails_no_private_notes(cast, client_for, monkeypatch):
    def crash(**kwargs):
        notes = kwargs["data"]["private_notes"]  # a local variable holding the secret
        raise RuntimeError(f"boom after {len(notes)} characters")

    monkeypatch.setattr(session_services, "session_log", crash)
    client = client_for("mentor_a")
    client.raise_request_exception = False
    response = client.post(
        reverse("mentoring:session_create", args=[cast.mentorship_a.pk]), payload(cast)
    )
    assert response.status_code == 500
    [report] = [m for m in mail.outbox if m.to == ["ops@example.org"]]
    text = report.body + "".join(str(alt[0]) for alt in report.alternatives)
    assert "RuntimeError" in text and "boom after" in text
    assert PRIVATE not in text
    assert "integrity pact" not in text
    assert "sessionid" not in text or "********" in text


def test_every_response_has_a_request_id_and_log_lines_carry_it(client, caplog):
    caplog.handler.addFilter(RequestIdFilter())
    response = client.get("/healthz")
    first = response["X-Request-ID"]
    assert len(first) == 32
    assert client.get("/healthz")["X-Request-ID"] != first
    # A client cannot choose its id when no proxy is configured.
    assert client.get("/healthz", HTTP_X_REQUEST_ID="chosen")["X-Request-ID"] != "chosen"


@override_settings(PORTAL_TRUSTED_PROXY_COUNT=1)
def test_the_proxy_request_id_is_kept(client, monkeypatch, caplog):
    from portal import health

    def broken():
        raise ConnectionError("down")

    monkeypatch.setitem(health.CHECKS, "cache", broken)
    caplog.handler.addFilter(RequestIdFilter())
    response = client.get("/readyz", HTTP_X_REQUEST_ID="nginx-42", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert response["X-Request-ID"] == "nginx-42"
    assert [r.request_id for r in caplog.records if r.name == "portal.health"] == ["nginx-42"]


def _record(message: str = "hello %s") -> logging.LogRecord:
    record = logging.LogRecord("portal.test", logging.WARNING, __file__, 1, message, ("x",), None)
    RequestIdFilter().filter(record)
    return record


def test_text_log_lines_name_time_level_logger_and_request_id():
    config = logging_config(fmt="text", level="INFO")
    formatter = logging.Formatter(config["formatters"]["portal"]["format"])
    line = formatter.format(_record())
    date, time, level, logger, request_id, message = line.split(" ", 5)
    assert (level, logger, request_id, message) == ("WARNING", "portal.test", "[-]", "hello x")
    assert len(date) == 10 and ":" in time


def test_json_log_lines():
    assert logging_config(fmt="json", level="INFO")["formatters"]["portal"]["()"] is JsonFormatter
    entry = json.loads(JsonFormatter().format(_record()))
    assert entry["level"] == "WARNING" and entry["logger"] == "portal.test"
    assert entry["message"] == "hello x" and entry["request_id"] == "-"
    assert entry["time"].endswith("Z")


def test_sentry_before_send_strips_bodies_cookies_and_variables():
    event = {
        "request": {
            "url": "https://portal.example.org/sessions/new/",
            "method": "POST",
            "data": {"private_notes": PRIVATE},
            "cookies": {"sessionid": "abc"},
            "query_string": "q=secret",
            "headers": {"Cookie": "sessionid=abc", "User-Agent": "x", "X-Forwarded-For": "1.2.3.4"},
        },
        "user": {"email": "mentor@example.org"},
        "exception": {"values": [{"stacktrace": {"frames": [{"vars": {"notes": PRIVATE}}]}}]},
    }
    cleaned = before_send(event, {})
    assert PRIVATE not in json.dumps(cleaned)
    assert "abc" not in json.dumps(cleaned) and "1.2.3.4" not in json.dumps(cleaned)
    assert cleaned["request"]["url"].endswith("/sessions/new/")
    assert cleaned["request"]["headers"] == {"User-Agent": "x"}


def test_sentry_is_optional(caplog):
    assert init_sentry("") is False
    try:
        import sentry_sdk  # noqa: F401
    except ImportError:
        assert init_sentry("https://key@sentry.example.org/1") is False
        assert "sentry-sdk is not installed" in caplog.text
