"""Page weight: what a participant's browser transfers for each page, cold and warm.

The crawl signs in as each demo role (`seed_demo`), follows the portal's own links from the home
page and weighs every HTML page it reaches, the way production serves it:

- the HTML through the whole middleware stack, compressed by Django's GZipMiddleware (the client
  sends `Accept-Encoding: gzip`), response headers included;
- every stylesheet, script, icon and image the page loads: static files as WhiteNoise serves them
  in production (the smaller of the file and its gzip at level 9, as `collectstatic` writes
  `.gz` files), pictures as their view serves them.

*Cold* is the page with all of that, an empty cache. *Warm* is the page once its assets are
cached: static files carry hashed names and a ten-year lifetime in production (and in
`make dev`), so only the HTML and any picture whose response may not be kept are fetched again.

Used by `tests/test_pageweight.py` (the limits) and `make pageweight` (the table in README.md).
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve

COLD_LIMIT = 100_000  # bytes
WARM_LIMIT = 20_000

# Downloads, actions and subresources: never crawled as pages.
SKIP = re.compile(
    r"^/(admin/|accounts/logout|accounts/.*(email|password/change|2fa|mfa|reauthenticate))"
    r"|\.(csv|ics|xlsx|pdf)$|/(download|thumbnail|picture|logo)/$|/calendar/"
)
SAMPLES_PER_VIEW = 2  # pages weighed for each URL name (two organisations, two sessions, …)
STATIC_TYPES = (".css", ".js", ".svg", ".ico", ".txt", ".json")


@dataclass
class Page:
    role: str
    path: str
    html: int  # compressed HTML with headers
    assets: dict[str, int] = field(default_factory=dict)  # url → bytes on a cold cache
    uncached: int = 0  # bytes of assets fetched again on a warm cache

    @property
    def cold(self) -> int:
        return self.html + sum(self.assets.values())

    @property
    def warm(self) -> int:
        return self.html + self.uncached


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.assets: list[str] = []
        self.has_icon = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").split()
            if "stylesheet" in rel or "icon" in rel:
                self.assets.append(a["href"])
                self.has_icon = self.has_icon or "icon" in rel
        elif tag in {"script", "img"} and a.get("src"):
            self.assets.append(a["src"])


def _header_bytes(response) -> int:
    lines = [f"HTTP/1.1 {response.status_code} {response.reason_phrase}"]
    lines += [f"{k}: {v}" for k, v in response.headers.items()]
    lines += [f"Set-Cookie: {c.output(header='').strip()}" for c in response.cookies.values()]
    return len("\r\n".join(lines).encode()) + 4


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _long_lived(response) -> bool:
    cache = response.headers.get("Cache-Control", "")
    if "no-store" in cache or "no-cache" in cache:
        return False
    match = re.search(r"max-age=(\d+)", cache)
    return match is not None and int(match.group(1)) >= 3600


def _asset_weight(client: Client, url: str) -> tuple[int, bool]:
    """Bytes of one asset as served in production, and whether a warm cache still has it."""
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    body = _body(response)
    if url.startswith(settings.STATIC_URL):
        # Production: hashed name, immutable, precompressed by collectstatic (WhiteNoise picks
        # the .gz only when it is smaller).
        if url.endswith(STATIC_TYPES):
            body = min(body, gzip.compress(body, compresslevel=9, mtime=0), key=len)
        return _header_bytes(response) + len(body), True
    return _header_bytes(response) + len(body), _long_lived(response)


def weigh(client: Client, role: str, path: str, response=None) -> tuple[Page, list[str]]:
    """Weigh one page; returns it and the same-site links it has."""
    response = response or client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    body = _body(response)
    html = gzip.decompress(body) if response.headers.get("Content-Encoding") == "gzip" else body
    parser = _Links()
    parser.feed(html.decode())
    page = Page(role=role, path=path, html=_header_bytes(response) + len(body))
    assets = list(dict.fromkeys(parser.assets))
    if not parser.has_icon:
        assets.append("/favicon.ico")  # what every browser asks for
    for url in assets:
        if not url.startswith("/") or url.startswith("//"):
            continue
        weight, cached = _asset_weight(client, url)
        page.assets[url] = weight
        if not cached:
            page.uncached += weight
    return page, parser.links


def _view_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client: Client, role: str, start: Iterable[str] = ("/",), limit: int = 80) -> list[Page]:
    """Every page reachable from `start` by the portal's own links, SAMPLES_PER_VIEW per view."""
    queue = list(start)
    seen: set[str] = set(queue)
    per_view: Counter[str] = Counter()
    pages: list[Page] = []
    while queue and len(pages) < limit:
        path = queue.pop(0)
        name = _view_name(path)
        if name is None or per_view[name] >= SAMPLES_PER_VIEW:
            continue
        response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
        if response.status_code != 200 or "text/html" not in response.headers.get(
            "Content-Type", ""
        ):
            continue
        per_view[name] += 1
        page, links = weigh(client, role, path, response)
        pages.append(page)
        for href in links:
            href = urldefrag(href).url
            local = href.startswith("/") and not href.startswith("//")
            if local and href not in seen and not SKIP.search(urlsplit(href).path):
                seen.add(href)
                queue.append(href)
    return pages


def table(pages: list[Page]) -> str:
    """A Markdown table of the pages, heaviest cold page first."""
    rows = ["| role | page | cold (KB) | warm (KB) |", "|---|---|---:|---:|"]
    for p in sorted(pages, key=lambda p: -p.cold):
        rows.append(f"| {p.role} | `{p.path}` | {p.cold / 1000:.1f} | {p.warm / 1000:.1f} |")
    return "\n".join(rows)
