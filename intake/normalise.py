"""One key per organisation name, so "Réseau  Ivoirien" and "reseau ivoirien" are one."""

import re
import unicodedata

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _PUNCT.sub(" ", plain.casefold())
    return _SPACES.sub(" ", plain).strip()[:200]
