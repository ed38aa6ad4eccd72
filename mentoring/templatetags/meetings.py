"""Template helpers for community meetings: times in the viewer's zone with the meeting's own
zone beside it, the next meeting on the home page, the calendar feed on the profile."""

from __future__ import annotations

import zoneinfo

from django import template
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from mentoring.models import CalendarFeedToken, Meeting, MeetingResponse
from mentoring.permissions.meetings import meetings_visible_to

register = template.Library()


def _range(start, end) -> str:
    same_day = start.date() == end.date()
    return format_html(
        '<time datetime="{}">{} {}</time>–<time datetime="{}">{}</time>',
        start.isoformat(timespec="seconds"),
        date_format(start, "l"),
        date_format(start, "DATETIME_FORMAT"),
        end.isoformat(timespec="seconds"),
        date_format(end, "TIME_FORMAT" if same_day else "DATETIME_FORMAT"),
    )


@register.simple_tag
def meeting_time(meeting: Meeting):
    """The meeting's start and end in the viewer's zone, named, and in the meeting's own zone
    when that differs (so that a lead in Zurich and a mentee in Colombo agree)."""
    viewer_zone = timezone.get_current_timezone()
    viewer_name = timezone.get_current_timezone_name()
    viewer = _range(
        meeting.starts_at.astimezone(viewer_zone), meeting.ends_at.astimezone(viewer_zone)
    )
    html = format_html('{} <span class="tz">({})</span>', viewer, viewer_name)
    try:
        own_zone = zoneinfo.ZoneInfo(meeting.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return html
    if meeting.timezone != viewer_name:
        start_own = meeting.starts_at.astimezone(own_zone)
        html = format_html(
            '{} <span class="meeting-zone">· {} <span class="tz">({})</span></span>',
            html,
            _range(start_own, meeting.ends_at.astimezone(own_zone)),
            _("the meeting's time in %(zone)s") % {"zone": meeting.timezone},
        )
    return html


@register.simple_tag
def next_meeting_for(user):
    """The next meeting a person may open (not cancelled), with their answer, or None."""
    if not user.is_authenticated:
        return None
    return (
        meetings_visible_to(user)
        .active()
        .upcoming()
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=MeetingResponse.objects.filter(user=user),
                to_attr="my_responses",
            )
        )
        .order_by("starts_at")
        .first()
    )


@register.simple_tag
def calendar_feed_for(user):
    if not user.is_authenticated:
        return None
    return CalendarFeedToken.objects.filter(user=user).first()
