"""Text that can be trusted to display as it reads.

Names and titles are one line of visible text: a CR/LF in an organisation's name broke every
e-mail subject built from it, and direction overrides make "invoice\u202efdp.exe" read as
"invoice.exe.pdf". Multi-line text (descriptions, notes, Markdown) keeps tabs and line breaks
but no other control character.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C0 and C1 controls and DEL, line and paragraph separators, and the direction embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069). Marks such as U+200E and joiners such
# as U+200D (needed by Sinhala and other scripts) are allowed.
SINGLE_LINE_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
MULTI_LINE_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def validate_single_line(value: str) -> None:
    if value and SINGLE_LINE_FORBIDDEN.search(value):
        raise ValidationError(
            _(
                "Remove the line breaks, tabs and invisible control characters: this must be "
                "one line of plain text."
            ),
            code="control_characters",
        )


def validate_multi_line(value: str) -> None:
    if value and MULTI_LINE_FORBIDDEN.search(value):
        raise ValidationError(
            _("Remove the invisible control characters from this text."),
            code="control_characters",
        )
