"""Charts drawn on the server as accessible SVG: no JavaScript, readable in print.

Each chart is an `<svg role="img">` named by its `<title>` and described by its `<desc>`
(`aria-labelledby`), and comes with the same numbers as a table (templates render `rows`).
Colours come from CSS classes in portal.css / print.css; only geometry is in attributes.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
LABEL_WIDTH = 200
VALUE_WIDTH = 150
BAR_HEIGHT = 18
ROW_HEIGHT = 26
PADDING = 8


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
        span = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 2 * PADDING
        height = len(self.bars) * ROW_HEIGHT + 2 * PADDING
        rows = []
        for index, bar in enumerate(self.bars):
            y = PADDING + index * ROW_HEIGHT
            length = round(span * bar.value / top, 1) if bar.value > 0 else 0
            rows.append(
                (
                    LABEL_WIDTH - PADDING,
                    y + BAR_HEIGHT - 4,
                    _short(bar.label),
                    LABEL_WIDTH,
                    y,
                    length,
                    BAR_HEIGHT,
                    LABEL_WIDTH + length + 6,
                    y + BAR_HEIGHT - 4,
                    bar.shown,
                )
            )
        body = format_html_join(
            "",
            '<g><text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>'
            '<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}"></rect>'
            '<text class="chart-value" x="{}" y="{}">{}</text></g>',
            rows,
        )
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
            x=LABEL_WIDTH,
            body=body,
        )


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
