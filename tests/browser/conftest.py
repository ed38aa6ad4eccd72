"""Browser journeys: Playwright driving Debian's chromium against pytest-django's live_server.

Every page a journey visits is checked with axe-core (vendored in tests/vendor/): call
`axe_check(page)` after each navigation, or use `visit(page, url)` which does both.
"""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

# Playwright's sync API keeps an event loop in this thread; the ORM calls made by the test
# itself (creating fixtures) are safe, since live_server runs in its own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser, live_server):
    """new_context(user=None, javascript=True, locale="en-GB") -> a fresh browser context,
    signed in as `user` when given (by a real session cookie, not the login form)."""
    contexts = []

    def make(user=None, *, javascript: bool = True, locale: str = "en-GB"):
        context = browser.new_context(
            base_url=live_server.url,
            java_script_enabled=javascript,
            locale=locale,
            # axe is injected as a script; the portal's CSP (rightly) forbids that.
            bypass_csp=True,
            # No colour transitions: axe must not sample a button halfway through its hover.
            reduced_motion="reduce",
        )
        context.set_default_timeout(10_000)
        context.portal_javascript = javascript
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies(
                [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
            )
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


def axe_check(page, *, context: str = "") -> None:
    """Fail on any axe-core violation (WCAG 2.1 A and AA rules) on the current page.

    With JavaScript off, the same page is opened in a scripted twin of the context (same
    cookies), since axe itself needs JavaScript."""
    if not getattr(page.context, "portal_javascript", True):
        twin = page.context.browser.new_context(
            storage_state=page.context.storage_state(), bypass_csp=True, reduced_motion="reduce"
        )
        try:
            twin_page = twin.new_page()
            twin_page.goto(page.url)
            axe_check(twin_page, context=context or page.url)
        finally:
            twin.close()
        return
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations'],
        })"""
    )
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
    where = context or page.url
    assert not violations, f"axe violations on {where}:\n{json.dumps(violations, indent=2)}"


def visit(page, path: str):
    """Go to a page, check it answered, and check its accessibility."""
    response = page.goto(path)
    assert response is not None and response.status < 400, f"{path}: {response and response.status}"
    axe_check(page)
    return response


@pytest.fixture
def axe():
    return axe_check
