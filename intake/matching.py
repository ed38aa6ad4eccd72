"""Mentor matching with reasons: a pure function, no database.

A lead pairing an accepted organisation with mentors sees the mentors ranked by what fits, each
with its reasons in words. The lead decides; the ranking only orders and explains.

What counts, and why each weight:
- **shared languages** (4 each): a mentorship runs in a language both sides speak, so a mentor
  without one is shown last whatever else fits;
- **working-hours overlap** (0.5 per hour of 08:00–18:00 the two zones share on the day in
  question): calls happen in both sides' working day; Toronto and Colombo share none;
- **expertise** (2 per sector in common, 0.5 per shared keyword of the challenge, at most 3
  keywords): what the mentor knows against what the organisation faces;
- **current load** (−1.5 per active mentorship): a busy mentor has less time.
"""

from __future__ import annotations

import re
import unicodedata
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

WORK_START, WORK_END = 8, 18
LANGUAGE_WEIGHT = 4.0
HOUR_WEIGHT = 0.5
SECTOR_WEIGHT = 2.0
KEYWORD_WEIGHT = 0.5
MAX_KEYWORDS = 3
LOAD_WEIGHT = 1.5
STOPWORDS = frozenset(
    [
        "about",
        "after",
        "avec",
        "avoir",
        "because",
        "being",
        "between",
        "cette",
        "comme",
        "dans",
        "depuis",
        "donc",
        "elles",
        "entre",
        "faire",
        "from",
        "have",
        "leur",
        "leurs",
        "mais",
        "more",
        "nous",
        "other",
        "pour",
        "sans",
        "their",
        "there",
        "these",
        "they",
        "this",
        "those",
        "under",
        "vous",
        "what",
        "when",
        "where",
        "which",
        "while",
        "with",
        "would",
    ]
)


@dataclass(frozen=True)
class Mentor:
    key: object
    name: str
    languages: frozenset[str]
    timezone: str
    sectors: frozenset[str] = frozenset()
    expertise: str = ""
    active_mentorships: int = 0


@dataclass(frozen=True)
class Needs:
    languages: frozenset[str]
    timezone: str
    sectors: frozenset[str] = frozenset()
    challenge: str = ""


@dataclass(frozen=True)
class Reason:
    """One reason, as data; `portal`/templates put it into words in the reader's language."""

    kind: str  # languages, hours, sectors, keywords, load, no_language
    values: tuple = ()
    count: int = 0


@dataclass(frozen=True)
class Match:
    mentor: Mentor
    score: float
    reasons: tuple[Reason, ...] = field(default=())


def _words(text: str) -> set[str]:
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    )
    return {w for w in re.findall(r"[a-z]{5,}", plain) if w not in STOPWORDS}


def shared_working_hours(zone_a: str, zone_b: str, on: date) -> int:
    """Whole hours of the day `on` that fall in both zones' 08:00–18:00."""

    def hours(zone: str) -> set[datetime]:
        tz = zoneinfo.ZoneInfo(zone)
        start = datetime.combine(on, time(WORK_START), tzinfo=tz)
        return {
            (start + timedelta(hours=h)).astimezone(zoneinfo.ZoneInfo("UTC"))
            for h in range(WORK_END - WORK_START)
        }

    return len(hours(zone_a) & hours(zone_b))


def rank(needs: Needs, mentors: Iterable[Mentor], *, on: date) -> list[Match]:
    """Mentors best first; ties keep the order given (e.g. by name)."""
    challenge_words = _words(needs.challenge)
    matches = []
    for mentor in mentors:
        reasons: list[Reason] = []
        score = 0.0
        languages = needs.languages & mentor.languages
        if languages:
            score += LANGUAGE_WEIGHT * len(languages)
            reasons.append(Reason("languages", tuple(sorted(languages))))
        else:
            score -= 100  # listed, but last: the two sides could not talk
            reasons.append(Reason("no_language"))
        hours = shared_working_hours(needs.timezone, mentor.timezone, on)
        score += HOUR_WEIGHT * hours
        reasons.append(Reason("hours", count=hours))
        sectors = needs.sectors & mentor.sectors
        if sectors:
            score += SECTOR_WEIGHT * len(sectors)
            reasons.append(Reason("sectors", tuple(sorted(sectors))))
        keywords = sorted(challenge_words & _words(mentor.expertise))[:MAX_KEYWORDS]
        if keywords:
            score += KEYWORD_WEIGHT * len(keywords)
            reasons.append(Reason("keywords", tuple(keywords)))
        score -= LOAD_WEIGHT * mentor.active_mentorships
        reasons.append(Reason("load", count=mentor.active_mentorships))
        matches.append(Match(mentor=mentor, score=round(score, 2), reasons=tuple(reasons)))
    return sorted(matches, key=lambda m: -m.score)
