"""One spelling for a partner's name, so that two organisations naming the same partner meet.

"Chambre de Commerce et d'Industrie de Côte d'Ivoire" and "chambre de commerce et d’industrie
de cote d'ivoire" have the same key. The key is stored on the partner row (unique), so exact
matching costs one indexed lookup on every database; suggestions rank near misses on top.
"""

import re
import unicodedata

APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "´": "'"})
_NOT_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def partner_key(name: str) -> str:
    """NFKD, strip combining marks, casefold, unify apostrophes, drop punctuation, collapse
    spaces. Apostrophes and other punctuation become spaces, so "d'Ivoire" = "d Ivoire"."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = bare.casefold().translate(APOSTROPHES)
    words = _NOT_WORD.sub(" ", folded).replace("_", " ")
    return _SPACES.sub(" ", words).strip()
