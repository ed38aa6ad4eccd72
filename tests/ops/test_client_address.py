"""The client's address behind a simulated proxy: per-client login limits, the audit log, and
no forged header believed when no proxy is configured."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings
from django.urls import reverse

from mentoring.audit import audit
from mentoring.clientaddr import client_ip, trusted_request_id
from mentoring.roles import Role
from tests.factories import PASSWORD, UserFactory

PROXY = "127.0.0.1"
ATTACKER = "198.51.100.7"
VICTIM = "203.0.113.9"
LIMITED = {
    "ACCOUNT_RATE_LIMITS": {"login_failed": "3/m/ip"},
    "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
}


def _request(remote: str, forwarded: str | None = None, **meta):
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", REMOTE_ADDR=remote, **meta)


@pytest.mark.parametrize(
    ("count", "remote", "forwarded", "expected"),
    [
        (0, VICTIM, None, VICTIM),
        (0, VICTIM, ATTACKER, VICTIM),  # no proxy: the header is the client's own words
        (1, PROXY, VICTIM, VICTIM),
        (1, PROXY, f"10.9.9.9, {VICTIM}", VICTIM),  # the left part was forged by the client
        (2, PROXY, f"10.9.9.9, {VICTIM}, 192.0.2.1", VICTIM),
        (2, PROXY, VICTIM, PROXY),  # fewer hops than proxies: did not come through them
        (1, PROXY, "not-an-address", PROXY),
        (1, PROXY, "[2001:db8::1]:443", "2001:db8::1"),
    ],
)
def test_client_ip(settings, count, remote, forwarded, expected):
    settings.PORTAL_TRUSTED_PROXY_COUNT = count
    assert client_ip(_request(remote, forwarded)) == expected


def test_request_id_is_trusted_only_from_our_proxy(settings):
    request = _request(PROXY, VICTIM, HTTP_X_REQUEST_ID="abc-123")
    settings.PORTAL_TRUSTED_PROXY_COUNT = 0
    assert trusted_request_id(request) is None
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    assert trusted_request_id(request) == "abc-123"
    assert trusted_request_id(_request(PROXY, VICTIM, HTTP_X_REQUEST_ID="<script>")) is None


def test_allauth_counts_the_same_proxies():
    from django.conf import settings

    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == settings.PORTAL_TRUSTED_PROXY_COUNT


@pytest.mark.django_db
def test_audit_log_records_the_client_behind_the_proxy(settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    from mentoring.audit import AuditContextMiddleware

    entries = []
    middleware = AuditContextMiddleware(lambda request: entries.append(audit("test.action")))
    middleware(_request(PROXY, f"10.0.0.1, {VICTIM}"))
    assert entries[0].ip_address == VICTIM


def _fail_logins(client, forwarded: str, times: int):
    for _ in range(times):
        client.post(
            reverse("account_login"),
            {"login": "target@example.org", "password": "wrong"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded,
        )


@override_settings(PORTAL_TRUSTED_PROXY_COUNT=1, ALLAUTH_TRUSTED_PROXY_COUNT=1, **LIMITED)
def test_one_attacker_behind_the_proxy_does_not_lock_out_the_others(client, db):
    cache.clear()  # local-memory caches of one name share their contents across tests
    UserFactory(email="target@example.org", role=Role.MENTEE)
    UserFactory(email="victim@example.org", role=Role.MENTEE)
    _fail_logins(client, ATTACKER, 3)
    # The attacker is limited, even when forging an extra address on the left.
    blocked = client.post(
        reverse("account_login"),
        {"login": "target@example.org", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=f"192.0.2.44, {ATTACKER}",
    )
    assert b"Too many failed login attempts" in blocked.content
    assert "_auth_user_id" not in client.session
    # Someone else coming through the same proxy signs in.
    response = client.post(
        reverse("account_login"),
        {"login": "victim@example.org", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=VICTIM,
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@override_settings(PORTAL_TRUSTED_PROXY_COUNT=0, ALLAUTH_TRUSTED_PROXY_COUNT=0, **LIMITED)
def test_without_a_proxy_a_forged_header_does_not_escape_the_limit(client, db):
    cache.clear()
    UserFactory(email="target@example.org", role=Role.MENTEE)
    for n in range(3):  # a new forged address each time, from the same peer
        _fail_logins(client, f"192.0.2.{n}", 1)
    response = client.post(
        reverse("account_login"),
        {"login": "target@example.org", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="192.0.2.200",
    )
    assert "_auth_user_id" not in client.session
    assert b"Too many failed login attempts" in response.content
