"""Suggest existing partners for what someone types, accent-, case- and punctuation-blind.

Exact matches are the stored `Partner.key` (see normalise.py), the same on every database.
Near misses:
- PostgreSQL: `similarity(unaccent(name), unaccent(query))` from pg_trgm (trigrams ignore case
  and punctuation; unaccent removes the accents), above `MIN_SIMILARITY`, or a key containing
  the typed key.
- SQLite: candidates whose key starts with or contains the typed key or one of its words, ranked
  in Python by difflib's ratio on the keys (the same idea as trigram similarity, in Python).
"""

from difflib import SequenceMatcher

from django.db import connection
from django.db.models import F, Func, Q, QuerySet, Value

from .models import Partner
from .normalise import partner_key

MIN_SIMILARITY = 0.3
MAX_CANDIDATES = 200
MIN_WORD = 3


def suggest_partners(query: str, partners: QuerySet[Partner], *, limit: int = 8) -> list[Partner]:
    key = partner_key(query)
    if len(key) < 2:
        return []
    if connection.vendor == "postgresql":
        return _postgresql(query, key, partners, limit)
    return _python(key, partners, limit)


def _postgresql(query: str, key: str, partners: QuerySet[Partner], limit: int) -> list[Partner]:
    from django.contrib.postgres.search import TrigramSimilarity

    unaccented = Func(F("name"), function="unaccent")
    typed = Func(Value(query), function="unaccent")
    return list(
        partners.annotate(similarity=TrigramSimilarity(unaccented, typed))  # type: ignore[arg-type]  # the stubs want a field name; an expression works
        .filter(Q(similarity__gte=MIN_SIMILARITY) | Q(key__contains=key))
        .order_by("-similarity", "name")[:limit]
    )


def _python(key: str, partners: QuerySet[Partner], limit: int) -> list[Partner]:
    words = [w for w in key.split() if len(w) >= MIN_WORD]
    match = Q(key__startswith=key) | Q(key__contains=key)
    for word in words:
        match |= Q(key__contains=word)
    candidates = list(partners.filter(match).order_by("name")[:MAX_CANDIDATES])
    for partner in candidates:
        partner.similarity = _score(key, partner.key)  # type: ignore[attr-defined]  # as PostgreSQL's annotation
    candidates.sort(key=lambda p: (-p.similarity, p.name))  # type: ignore[attr-defined]
    return candidates[:limit]


def _score(typed: str, stored: str) -> float:
    """Exact key first, then a prefix, then how alike the two keys are."""
    if typed == stored:
        return 2.0
    bonus = 0.5 if stored.startswith(typed) else 0.0
    return bonus + SequenceMatcher(None, typed, stored).ratio()
