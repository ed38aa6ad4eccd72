"""E-mail subjects: one line of plain text.

A subject is a header: a CR or LF in it (an organisation named with a line break) makes Django
refuse the whole message (`BadHeaderError`), so every notification for that organisation
silently stopped. And it is not HTML: the `*_subject.txt` templates render with autoescape off,
so "l'Intégrité" does not arrive as "l&#x27;Intégrité".
"""

import re

# C0 and C1 controls (CR, LF, tab included), line and paragraph separators, direction
# embeddings, overrides and isolates.
INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Long enough for any real subject; a header stays bounded whatever a title holds.
MAX_LENGTH = 250


def subject_line(text: str) -> str:
    """The rendered subject as one line: controls and runs of whitespace become single
    spaces, ends trimmed, at most MAX_LENGTH characters. Never escapes anything."""
    line = " ".join(INVISIBLE.sub(" ", text).split())
    return line if len(line) <= MAX_LENGTH else line[: MAX_LENGTH - 1].rstrip() + "…"
