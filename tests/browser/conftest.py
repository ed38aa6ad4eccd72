"""Browser journeys: Playwright driving Debian's chromium against pytest-django's live_server.

Every page a journey visits is checked three ways:
- axe-core (vendored in tests/vendor/) at desktop width and at 360 px, where the page must also
  fit (no sideways scrolling): call `axe_check(page)` after each navigation, or use
  `visit(page, url)` which does both;
- the Nu HTML Checker: every HTML document the browser receives is kept, and all of them are
  validated in one vnu run when the test session ends (`make vnu` installs vnu-jar; the run
  fails at that teardown, listing each page's errors and the test that visited it).
"""

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

# Playwright's sync API keeps an event loop in this thread; the ORM calls made by the test
# itself (creating fixtures) are safe, since live_server runs in its own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"
ROOT = Path(__file__).resolve().parents[2]
# make vnu installs it (the Makefile sets PORTAL_VNU_JAR for make test).
VNU_JAR = Path(
    os.environ.get(
        "PORTAL_VNU_JAR",
        ROOT / "var/tools/vnu-26.9.27/node_modules/vnu-jar/build/dist/vnu.jar",
    )
)
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
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


class HtmlCollector:
    """The HTML documents the browser received, validated together by vnu at the end."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.pages: dict[str, tuple[str, str]] = {}  # file name → (url, test)
        self.test = ""

    def add(self, response) -> None:
        if response.request.resource_type != "document" or 300 <= response.status < 400:
            return
        if not response.headers.get("content-type", "").startswith("text/html"):
            return
        body = response.body()
        name = hashlib.sha1(body).hexdigest()[:16] + ".html"
        if name not in self.pages:
            (self.folder / name).write_bytes(body)
            self.pages[name] = (response.url, self.test)

    def validate(self) -> str:
        """vnu's errors, page by page; "" when every page is valid."""
        if not self.pages:
            return ""
        java = shutil.which("java")
        assert java and VNU_JAR.is_file(), (
            f"The Nu HTML Checker needs java and {VNU_JAR}: run make vnu "
            "(apt-get install default-jre-headless if java is missing)."
        )
        run = subprocess.run(  # noqa: S603 - our own files, a pinned validator
            [java, "-Xss8m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
            + ["--exit-zero-always", *sorted(str(self.folder / n) for n in self.pages)],
            capture_output=True,
            text=True,
            check=True,
        )
        errors: dict[str, list[str]] = {}
        for message in json.loads(run.stderr or '{"messages": []}')["messages"]:
            name = Path(message.get("url", "?").removeprefix("file:")).name
            errors.setdefault(name, []).append(
                f"  line {message.get('lastLine', '?')}: {message['message']}"
                f"\n    {message.get('extract', '').strip()}"
            )
        return "\n".join(
            f"{self.pages.get(n, (n, ''))[0]} (visited by {self.pages.get(n, ('', '?'))[1]}):\n"
            + "\n".join(lines)
            for n, lines in sorted(errors.items())
        )


@pytest.fixture(scope="session")
def html_pages(tmp_path_factory):
    collector = HtmlCollector(tmp_path_factory.mktemp("html"))
    yield collector
    report = collector.validate()
    assert not report, f"Nu HTML Checker errors on {report.count('(visited by')} pages:\n{report}"


@pytest.fixture
def new_context(browser, live_server, html_pages, request):
    """new_context(user=None, javascript=True, locale="en-GB", viewport=DESKTOP) -> a fresh
    browser context,
    signed in as `user` when given (by a real session cookie, not the login form)."""
    contexts = []
    html_pages.test = request.node.nodeid

    def make(user=None, *, javascript: bool = True, locale: str = "en-GB", viewport=DESKTOP):
        context = browser.new_context(
            base_url=live_server.url,
            java_script_enabled=javascript,
            locale=locale,
            viewport=viewport,
            # axe is injected as a script; the portal's CSP (rightly) forbids that.
            bypass_csp=True,
            # No colour transitions: axe must not sample a button halfway through its hover.
            reduced_motion="reduce",
        )
        context.set_default_timeout(int(os.environ.get("PORTAL_BROWSER_TIMEOUT_MS", "10000")))
        context.portal_javascript = javascript
        context.on("response", html_pages.add)
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
        for open_page in context.pages:
            open_page.title()  # lets the last responses reach html_pages
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


def axe_check(page, *, context: str = "") -> None:
    """Fail on any axe-core violation (WCAG 2.1 A and AA rules) on the current page, at
    desktop width and at 360 px, where the page must not scroll sideways either.

    With JavaScript off, the same page is opened in a scripted twin of the context (same
    cookies), since axe itself needs JavaScript."""
    if not getattr(page.context, "portal_javascript", True):
        twin = page.context.browser.new_context(
            storage_state=page.context.storage_state(),
            bypass_csp=True,
            reduced_motion="reduce",
            viewport=page.viewport_size or DESKTOP,
        )
        try:
            twin_page = twin.new_page()
            twin_page.goto(page.url)
            axe_check(twin_page, context=context or page.url)
        finally:
            twin.close()
        return
    where = context or page.url
    page.add_script_tag(path=str(AXE_JS))
    viewport = page.viewport_size or DESKTOP
    try:
        _axe_run(page, f"{where} at {viewport['width']} px")
        page.set_viewport_size(PHONE)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{where} is {width} px wide on a 360 px phone"
        _axe_run(page, f"{where} at 360 px")
    finally:
        page.set_viewport_size(viewport)


def _axe_run(page, where: str) -> None:
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
