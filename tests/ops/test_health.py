"""/healthz and /readyz: answered before the SSL redirect, host check and MFA redirect, and
telling nothing but ready or not."""

import pytest
from django.test import override_settings

from portal import health


@override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["portal.example.org"])
@pytest.mark.parametrize(("path", "body"), [("/healthz", b"ok\n"), ("/readyz", b"ready\n")])
def test_probes_answer_over_http_by_address(client, db, path, body):
    response = client.get(path, HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200
    assert response.content == body
    assert response["Cache-Control"] == "no-store"
    # Everything else is still redirected or refused.
    assert client.get("/", HTTP_HOST="portal.example.org").status_code == 301
    assert client.get("/", HTTP_HOST="10.0.0.5:8000", secure=True).status_code == 400


@override_settings(PORTAL_LEADS_REQUIRE_MFA=True)
def test_probes_skip_the_mfa_redirect(cast, client_for):
    lead = client_for("lead")
    assert lead.get("/").status_code == 302
    assert lead.get("/readyz").status_code == 200


def test_not_ready_says_nothing_about_why(client, db, monkeypatch, caplog):
    def broken():
        raise ConnectionError("redis://secret-host:6379 refused")

    monkeypatch.setitem(health.CHECKS, "cache", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"not ready\n"
    assert "Readiness check failed: cache" in caplog.text


def test_post_is_not_a_probe(client, db):
    assert client.post("/healthz").status_code == 405
