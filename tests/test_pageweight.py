"""Every page the demo roles reach weighs ≤ 100 KB on a cold cache and ≤ 20 KB warm.

Weights are bytes, not timings: the crawl (tests/pageweight.py) is deterministic up to the
≤ 100 random bytes GZipMiddleware adds against BREACH. `make pageweight` prints the table that
README.md's "Page weight" section shows.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from portal.models import User

from . import pageweight

ROLES = {
    "lead": "lead@demo.example",
    "mentor": "mentor@demo.example",
    "mentee": "mentee@demo.example",
}


@pytest.fixture
def demo(db):
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())


def _anonymous_pages() -> list[pageweight.Page]:
    client = Client()
    return pageweight.crawl(client, "anonymous", start=["/accounts/login/"], limit=10)


def test_every_page_is_light_on_cold_and_warm_caches(demo):
    pages = _anonymous_pages()
    for role, email in ROLES.items():
        client = Client()
        client.force_login(User.objects.get(email=email))
        pages += pageweight.crawl(client, role)
    assert len(pages) > 40, "the crawl should reach the portal's pages"
    report = pageweight.table(pages)
    if os.environ.get("PORTAL_PAGEWEIGHT_REPORT"):
        Path(os.environ["PORTAL_PAGEWEIGHT_REPORT"]).write_text(report + "\n")
    heavy = [p for p in pages if p.cold > pageweight.COLD_LIMIT or p.warm > pageweight.WARM_LIMIT]
    assert not heavy, "Pages over the limits:\n" + pageweight.table(heavy)
