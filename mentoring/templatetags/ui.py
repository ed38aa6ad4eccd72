"""Presentation helpers shared by every app's templates: times with their zone, Markdown."""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from mentoring.markdown import render_markdown

register = template.Library()


@register.filter
def when(value: datetime | None, fmt: str = "DATETIME_FORMAT"):
    """A moment in the viewer's timezone, with the zone named: never a bare clock time."""
    if not value:
        return ""
    local = timezone.localtime(value)
    zone = timezone.get_current_timezone_name()
    return format_html(
        '<time datetime="{}">{} <span class="tz">({})</span></time>',
        value.isoformat(timespec="seconds"),
        date_format(local, fmt),
        zone,
    )


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
    return timezone.get_current_timezone_name()
