"""Confidential pages are never cached, powerful browser features are off, and the server does
not announce itself."""

import io
from wsgiref.handlers import SimpleHandler
from wsgiref.simple_server import software_version

import pytest
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from portal.headers import PERMISSIONS_POLICY, PrivateByDefaultMiddleware
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def _confidential_urls(cast, session):
    return [
        reverse("mentoring:session_detail", args=[session.pk]),
        reverse("mentoring:session_edit", args=[session.pk]),
        reverse("portal:timeline", args=[cast.org_a.slug]),
        reverse("mentoring:session_list"),
        reverse("portal:home"),
    ]


def test_signed_in_html_pages_are_not_stored(cast, client_for):
    session = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    client = client_for("mentor_a")
    for url in _confidential_urls(cast, session):
        response = client.get(url)
        assert response.status_code == 200, url
        cache_control = response["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, url
        assert response["Permissions-Policy"] == PERMISSIONS_POLICY


@pytest.mark.parametrize("feature", ["camera", "microphone", "geolocation", "payment", "usb"])
def test_permissions_policy_denies_powerful_features(client, feature):
    response = client.get(reverse("account_login"))
    assert f"{feature}=()" in response["Permissions-Policy"]
    assert client.get("/no-such-page/")["Permissions-Policy"] == PERMISSIONS_POLICY


def _through_middleware(user, **headers):
    def view(request):
        response = HttpResponse("<p>page</p>")
        for name, value in headers.items():
            response[name] = value
        return response

    request = RequestFactory().get("/")
    request.user = user
    return PrivateByDefaultMiddleware(view)(request)


def test_explicit_caching_is_kept_and_anonymous_pages_without_cookies_stay_cacheable(cast):
    from django.contrib.auth.models import AnonymousUser

    static = _through_middleware(cast.mentor_a, **{"Cache-Control": "max-age=315360000, public"})
    assert static["Cache-Control"] == "max-age=315360000, public"
    assert "Cache-Control" not in _through_middleware(AnonymousUser())
    varies = _through_middleware(AnonymousUser(), Vary="Accept-Language, Cookie")
    assert varies["Cache-Control"] == "private, no-store"


def test_the_development_server_does_not_announce_itself(db):
    """runserver's handler is wsgiref's, which adds "Server: WSGIServer/0.2 CPython/…" unless the
    response has a Server header of its own (wsgiref.handlers.BaseHandler.send_preamble)."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/accounts/login/",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8800",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
    }
    out = io.BytesIO()
    handler = SimpleHandler(io.BytesIO(), out, io.StringIO(), environ)
    handler.server_software = software_version
    handler.run(get_wsgi_application())
    head = out.getvalue().split(b"\r\n\r\n", 1)[0].decode("latin-1")
    assert head.startswith("HTTP/1.0 200")  # wsgiref speaks HTTP/1.0
    assert "WSGIServer" not in head and "CPython" not in head
