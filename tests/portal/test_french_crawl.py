"""Every page a French demo member and a French programme lead can reach, crawled from the
home page: no English UI string may show outside what people wrote themselves.

Two nets, both over the visible text and the attributes people read (title, aria-label,
placeholder, alt, button values):
- the catalogues' English msgids (ours and allauth's) whose French differs: a text equal to
  one of them (placeholders matching anything) means a string was shown untranslated;
- English function words ("the", "your", "with"...) in text that is not user content, for
  strings nobody marked for translation.
User content is every text value stored in the demo database (names, titles, summaries...),
except the lead-managed lists that have a French name (topics, focus areas). Proper names
the portal itself writes are on ALLOWED.
"""

from __future__ import annotations

import io
import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, cast
from urllib.parse import urldefrag, urlsplit

import allauth
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

MAX_PAGES = 220
MAX_PER_PATH = 2  # the same path with different queries (filters, pages): twice is enough
SKIP = re.compile(
    r"^/(static|media|admin|language|accounts/logout|calendar)/|"
    r"\.(ics|csv|xlsx|pdf|png|jpe?g|webp|gif|svg|ico)$|/(download|raw|thumbnail|export)"
    r"|/reports/funder/(csv|xlsx)/"
)
ALLOWED = {
    "CA Mentoring Portal",
    "Collective Action",
    "Collective Action Mentoring Portal",
    "Markdown",
    "UTC",
    "English",  # the language switcher names each language in itself
}
ENGLISH_WORDS = re.compile(
    r"\b(the|your|you|with|this|these|from|and|of|to|is|are|has|have|for|not|no one|"
    r"yet|been|will|when|which|what|who|shown|here|there|there's|it's)\b",
    re.IGNORECASE,
)
SEPARATORS = re.compile(r" · |\s*:\s+| – | \| ")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{[^}]*\}\}")
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.links: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in {"script", "style", "template"}:
            self._skip += 1
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        for name in READ_ATTRIBUTES:
            if attributes.get(name):
                self.texts.append(attributes[name])
        if tag == "input" and attributes.get("type") in {"submit", "button"}:
            self.texts.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"} and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(data)


def _catalogue(path: Path) -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs of a .po file, plural msgid included; enough of a parser for
    the files gettext writes."""
    pairs: list[tuple[str, str]] = []
    entry: dict[str, Any] = {}  # msgid/msgstr texts, and "plural": True
    key = None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith(("msgid ", "msgid_plural ", "msgstr ", "msgstr[0] ", "msgctxt ")):
            key, _, rest = line.partition(" ")
            if key == "msgid" and "msgid" in entry:
                pairs.append((entry.get("msgid", ""), entry.get("msgstr", "")))
                entry = {}
            if key == "msgid_plural":
                entry["plural"] = True
            entry[key.replace("[0]", "")] = rest[1:-1]
        elif line.startswith('"') and key:
            entry[key.replace("[0]", "")] = entry.get(key.replace("[0]", ""), "") + line[1:-1]
        elif not line.strip() and "msgid" in entry:
            pairs.append((entry.get("msgid", ""), entry.get("msgstr", "")))
            entry, key = {}, None
    return [(i.replace('\\"', '"').replace("\\n", "\n"), s) for i, s in pairs if i]


def _english_msgids() -> tuple[set[str], list[tuple[str, re.Pattern]]]:
    ours = Path(settings.BASE_DIR) / "locale/fr/LC_MESSAGES/django.po"
    theirs = Path(allauth.__file__).parent / "locale/fr/LC_MESSAGES/django.po"
    exact, patterns = set(), []
    entries = [
        (" ".join(i.split()), " ".join(s.split())) for i, s in _catalogue(ours) + _catalogue(theirs)
    ]
    # The same in French in some context ("Documents", "Format", "Active" for a status).
    same = {msgid for msgid, msgstr in entries if msgstr == msgid}
    for text, msgstr in entries:
        if not msgstr or text in same or len(text) < 4:
            continue
        if PLACEHOLDER.search(text):
            parts = re.split(f"({PLACEHOLDER.pattern})", text)
            longest = max(parts[::2], key=len).strip()
            if len(longest) >= 8:
                regex = "".join(".+?" if i % 2 else re.escape(p) for i, p in enumerate(parts))
                patterns.append((longest, re.compile(regex)))
        else:
            exact.add(text)
    return exact, patterns


def _user_content() -> str:
    """Every text value stored in the database, one per line, as a haystack."""
    values: list[str] = []
    for model in apps.get_models():
        if model._meta.app_label not in {"mentoring", "documents", "portal", "community", "intake"}:
            continue
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField))
            and not f.choices
            and not (f.name == "name" and hasattr(model, "label"))  # lists with a French name
        ]
        manager = cast(Any, model).objects  # every model of these apps has `objects`
        for row in manager.values_list(*fields) if fields else ():
            values.extend(str(v) for v in row if v)
    return "\n".join(values)


def _crawl(client: Client) -> dict[str, list[str]]:
    pages: dict[str, list[str]] = {}
    seen: set[str] = set()
    per_path: dict[str, int] = {}
    queue = deque(["/"])
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        path = urlsplit(url).path
        if url in seen or SKIP.search(path) or per_path.get(path, 0) >= MAX_PER_PATH:
            continue
        seen.add(url)
        per_path[path] = per_path.get(path, 0) + 1
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Page()
        parser.feed(response.content.decode())
        pages[url] = parser.texts
        for link in parser.links:
            link = urldefrag(link).url
            if link.startswith("/") and not link.startswith("//"):
                queue.append(link)
    return pages


def _english(pages: dict[str, list[str]], haystack: str) -> list[str]:
    exact, patterns = _english_msgids()
    lines = {
        piece.strip(" #*-:·–|,;()")
        for line in haystack.splitlines()
        for piece in [" ".join(line.split()), *SEPARATORS.split(" ".join(line.split()))]
    }
    flat = " ".join(haystack.split())
    # Longest first: a title holding a city's name is taken out whole, not the city first.
    longest_first = sorted((line for line in lines if len(line) >= 8), key=len, reverse=True)
    found = set()
    for url, texts in pages.items():
        # Labels and user content share a text node ("Titre · Portail", "Objectif : …").
        pieces = (p for raw in texts for p in SEPARATORS.split(" ".join(raw.split())))
        for text in pieces:
            text = text.strip(" :·–|,;()")
            if len(text) < 3 or text in ALLOWED or text in lines:
                continue
            if len(text) >= 25 and text in flat:
                continue  # part of something someone wrote (rendered Markdown)
            if len(ENGLISH_WORDS.findall(text)) >= 2:
                # A translated sentence around a name: take out what people wrote.
                for line in longest_first:
                    if line in text:
                        text = text.replace(line, " ")
            if text in exact or any(
                chunk in text and pattern.fullmatch(text) for chunk, pattern in patterns
            ):
                found.add(f"{url}: {text!r} (untranslated)")
            elif len(ENGLISH_WORDS.findall(text)) >= 2:
                found.add(f"{url}: {text!r} (English words)")
    return sorted(found)


@pytest.fixture
def demo(settings):
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())


@pytest.mark.parametrize("email", ["mentee@demo.example", "lead@demo.example"])
def test_a_french_participant_sees_no_english(demo, email):
    from portal.models import User

    person = User.objects.get(email=email)
    person.language = "fr"
    person.save(update_fields=["language"])
    client = Client()
    client.force_login(person)
    pages = _crawl(client)
    assert len(pages) > 15, "the crawl did not get far"
    english = _english(pages, _user_content())
    assert not english, f"{len(english)} English strings on French pages:\n" + "\n".join(english)
