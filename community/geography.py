"""Organisations and projects by country, drawn as an accessible SVG grid (no tiles, no
JavaScript): one square per country with its code and counts, shaded by the number of
projects, named by `<title>`/`<desc>`, with the same numbers as a table beside it.

Counts come from what every participant may see: listed organisations, and only shareable
projects (never a confidential or trashed one, whoever looks)."""

from collections import Counter
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries as country_names

from mentoring.models import Organisation

from .models import Project

COLUMNS = 6
CELL = 100
GAP = 6
SHADES = 4


@dataclass
class CountryCount:
    code: str
    name: str
    organisations: int
    projects: int

    @property
    def text(self) -> str:
        organisations = ngettext(
            "%(n)d organisation", "%(n)d organisations", self.organisations
        ) % {"n": self.organisations}
        projects = ngettext("%(n)d project", "%(n)d projects", self.projects) % {"n": self.projects}
        return f"{organisations}, {projects}"


def country_counts(projects, *, filtered: bool) -> list[CountryCount]:
    """`projects` is a queryset of shareable projects (already filtered by the form). Without a
    filter every listed organisation counts in its country; with one, only organisations with a
    matching project there."""
    project_count: Counter[str] = Counter()
    active: dict[str, set[int]] = {}
    for org_id, codes in projects.values_list("organisation_id", "countries"):
        for code in filter(None, (codes or "").split(",")):
            project_count[code] += 1
            active.setdefault(code, set()).add(org_id)
    if filtered:
        organisations = {code: len(ids) for code, ids in active.items()}
    else:
        organisations = Counter(Organisation.objects.listed().values_list("country", flat=True))
    codes = set(project_count) | {c for c, n in organisations.items() if n}
    rows = [
        CountryCount(
            code, str(country_names.name(code)), organisations.get(code, 0), project_count[code]
        )
        for code in codes
    ]
    return sorted(rows, key=lambda r: r.name)


def shareable_projects():
    return Project.objects.shareable()


def grid_svg(rows: list[CountryCount], *, link=None) -> SafeString:
    if not rows:
        return mark_safe("")  # noqa: S308 - a constant empty string
    top = max(r.projects for r in rows) or 1
    width = COLUMNS * (CELL + GAP)
    height = ((len(rows) + COLUMNS - 1) // COLUMNS) * (CELL + GAP)
    cells = []
    for index, row in enumerate(rows):
        x, y = (index % COLUMNS) * (CELL + GAP), (index // COLUMNS) * (CELL + GAP)
        shade = 0 if not row.projects else 1 + (SHADES - 1) * row.projects // top
        cells.append(
            format_html(
                '<g><title>{}: {}</title><rect x="{}" y="{}" width="{}" height="{}" rx="6" '
                'class="map-cell map-shade-{}"></rect>'
                '<text x="{}" y="{}" class="map-code">{}</text>'
                '<text x="{}" y="{}" class="map-count">{} · {}</text></g>',
                row.name,
                row.text,
                x,
                y,
                CELL,
                CELL,
                min(shade, SHADES),
                x + 10,
                y + 40,
                row.code,
                x + 10,
                y + 75,
                row.organisations,
                row.projects,
            )
        )
    summary = "; ".join(f"{r.name}: {r.text}" for r in rows)
    return format_html(
        '<svg class="country-map" viewBox="0 0 {} {}" role="img" aria-labelledby="map-title map-desc">'
        '<title id="map-title">{}</title><desc id="map-desc">{}</desc>{}</svg>',
        width,
        height,
        _("Organisations and projects by country"),
        summary,
        format_html_join("", "{}", ((c,) for c in cells)),
    )
