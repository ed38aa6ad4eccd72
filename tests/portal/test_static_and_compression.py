"""Production-like serving: compressed HTML, hashed static names under DEBUG, a favicon."""

import pytest
from django.urls import reverse

from portal.staticfiles import StaticStorage


def test_static_urls_stay_hashed_under_debug_once_collected(settings):
    settings.DEBUG = True
    storage = StaticStorage()
    storage.hashed_files = {"portal/portal.css": "portal/portal.0123456789ab.css"}
    assert storage.url("portal/portal.css") == "/static/portal/portal.0123456789ab.css"
    assert storage.url("portal/added-since.css") == "/static/portal/added-since.css"


@pytest.mark.django_db
def test_pages_are_compressed_when_the_browser_accepts_it(client):
    plain = client.get(reverse("account_login"))
    compressed = client.get(reverse("account_login"), HTTP_ACCEPT_ENCODING="gzip")
    assert compressed["Content-Encoding"] == "gzip" and "Accept-Encoding" in compressed["Vary"]
    assert len(compressed.content) < len(plain.content) // 2


@pytest.mark.django_db
def test_favicon_is_served_small_and_cached(client):
    response = client.get("/favicon.ico")
    body = b"".join(response.streaming_content)
    assert response["Content-Type"] == "image/x-icon" and body[:4] == b"\x00\x00\x01\x00"
    assert len(body) < 4000 and "max-age=604800" in response["Cache-Control"]
