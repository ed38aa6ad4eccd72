"""French elision where a name is put after "de": "Documents de Alliance" → "Documents
d'Alliance". Translations can't do it themselves (the name is only known at run time), so
the rendered sentence goes through `elide` (in Python) or `{% elided %}…{% endelided %}`
(templates, `{% load ui %}`). Other languages pass through unchanged.

Only "de" before a vowel is elided: before "h" French depends on the word (d'Haïti but de
Hambourg), and "y" is a consonant in names such as Yaoundé.
"""

import re

from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

_DE_VOWEL = re.compile(r"\b([Dd])e (?=[AEIOUÀÂÄÆÉÈÊËÎÏÔÖŒÙÛÜaeiouàâäæéèêëîïôöœùûü])")


def elide(text: str) -> str:
    if not (translation.get_language() or "").startswith("fr"):
        return text
    elided = _DE_VOWEL.sub(r"\1'", str(text))
    # Only an apostrophe replaced "e " in text that was already safe: it stays safe.
    return mark_safe(elided) if isinstance(text, SafeString) else elided  # noqa: S308
