"""Charts drawn on the server as accessible SVG: no JavaScript, readable in print.

Each chart is an `<svg role="img">` named by its `<title>` and described by its `<desc>`
(`aria-labelledby`), and comes with the same numbers as a table (templates render `rows`).
Colours come from CSS classes in portal.css / print.css; only geometry is in attributes.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# Drawn for a phone: 360 units wide, shown at most 28rem wide (portal.css), so the 13-unit
# labels never render below 12 px on a 360 px screen. Each label sits on its own line(s) above
# its bar, wrapped at LABEL_CHARS, rather than squeezed beside it.
WIDTH = 360
PADDING = 8
VALUE_WIDTH = 84
LINE_HEIGHT = 16
BAR_HEIGHT = 14
ROW_GAP = 10
LABEL_CHARS = 40
LABEL_LINES = 2


@dataclass
class Bar:
    label: str
    value: float
    text: str = ""  # how the value is written; defaults to the value
    url: str = ""  # where the row's table cell links to, if anywhere

    @property
    def shown(self) -> str:
        return self.text or _number(self.value)


@dataclass
class Chart:
    """A horizontal bar chart: one bar per row, the same rows as a table."""

    id: str
    title: str
    description: str
    bars: list[Bar]
    value_heading: str
    label_heading: str

    @property
    def empty(self) -> bool:
        return not self.bars

    @property
    def summary(self) -> str:
        """The text alternative: what the chart shows, then every bar's value."""
        values = "; ".join(f"{bar.label}: {bar.shown}" for bar in self.bars)
        return f"{self.description} {values}".strip()

    @property
    def svg(self) -> SafeString:
        if not self.bars:
            return mark_safe("")  # noqa: S308 - a constant empty string
        top = max((bar.value for bar in self.bars), default=0) or 1
        span = WIDTH - VALUE_WIDTH - 2 * PADDING
        parts = []
        y = PADDING
        for bar in self.bars:
            lines = _wrap(bar.label)
            labels = format_html_join(
                "",
                '<text class="chart-label" x="{}" y="{}">{}</text>',
                ((PADDING, y + (n + 1) * LINE_HEIGHT - 4, line) for n, line in enumerate(lines)),
            )
            y += len(lines) * LINE_HEIGHT
            length = round(span * bar.value / top, 1) if bar.value > 0 else 0
            parts.append(
                format_html(
                    '<g>{}<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}"></rect>'
                    '<text class="chart-value" x="{}" y="{}">{}</text></g>',
                    labels,
                    PADDING,
                    y,
                    length,
                    BAR_HEIGHT,
                    PADDING + length + 6,
                    y + BAR_HEIGHT - 2,
                    bar.shown,
                )
            )
            y += BAR_HEIGHT + ROW_GAP
        height = y - ROW_GAP + PADDING
        return format_html(
            '<svg class="chart" role="img" aria-labelledby="{id}-title {id}-desc" '
            'viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMinYMin meet" '
            'xmlns="http://www.w3.org/2000/svg">'
            '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
            '<line class="chart-axis" x1="{x}" y1="0" x2="{x}" y2="{h}"></line>{body}</svg>',
            id=self.id,
            w=WIDTH,
            h=height,
            title=self.title,
            desc=self.summary,
            x=PADDING - 1,
            body=mark_safe("".join(parts)),  # noqa: S308 - each part built by format_html
        )


def _wrap(label: str) -> list[str]:
    """The label on at most LABEL_LINES lines of LABEL_CHARS, broken between words; what does
    not fit is cut with an ellipsis (the table and the text alternative keep it whole)."""
    lines: list[str] = []
    words = label.split()
    while words and len(lines) < LABEL_LINES:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= LABEL_CHARS:
            line += " " + words.pop(0)
        lines.append(_short(line, LABEL_CHARS))
    if words:
        lines[-1] = _short(lines[-1] + " " + " ".join(words), LABEL_CHARS)
    return lines or [""]


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
