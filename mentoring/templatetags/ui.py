"""Presentation helpers shared by every app's templates: times with their zone, Markdown."""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from mentoring.elision import elide
from mentoring.markdown import render_markdown
from mentoring.zones import zone_label

register = template.Library()


@register.filter
def when(value: datetime | None, fmt: str = "DATETIME_FORMAT"):
    """A moment in the viewer's timezone, with the zone named, its abbreviation and offset
    at that moment ("America/Toronto, EDT, UTC−4"): never a bare clock time."""
    if not value:
        return ""
    local = timezone.localtime(value)
    zone = timezone.get_current_timezone_name()
    return format_html(
        '<time datetime="{}">{} <span class="tz">({})</span></time>',
        value.isoformat(timespec="seconds"),
        date_format(local, fmt),
        zone_label(zone, value),
    )


@register.filter
def zone_at(zone_name: str, moment: datetime | None = None) -> str:
    """`{{ person.timezone|zone_at:meeting.starts_at }}` → "America/Toronto, EDT, UTC−4"
    (the abbreviation and offset of that moment; of now without one)."""
    return zone_label(zone_name or "UTC", moment)


@register.filter
def day(value):
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return format_html(
        '<time datetime="{}">{}</time>', value.isoformat()[:10], date_format(value, "DATE_FORMAT")
    )


@register.filter(name="markdown")
def markdown_filter(value: str):
    return render_markdown(value)


@register.simple_tag
def current_zone() -> str:
    """The viewer's zone as it is now, e.g. "Europe/Zurich, CET, UTC+1"."""
    return zone_label(timezone.get_current_timezone_name())


class _ElidedNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return elide(self.nodelist.render(context))


@register.tag
def elided(parser, token):
    """`{% elided %}{% blocktranslate with org=… %}Documents of {{ org }}…{% endelided %}`:
    French elision after "de" once the name is in (mentoring/elision.py)."""
    nodelist = parser.parse(("endelided",))
    parser.delete_first_token()
    return _ElidedNode(nodelist)
