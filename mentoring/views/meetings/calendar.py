"""Calendar files for one meeting and the private calendar feed."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ... import calendars, permissions
from ...models import (
    CalendarFeedToken,
)
from ...services import meetings as services
from .common import _get_meeting


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def meeting_ics(request: HttpRequest, uid) -> HttpResponse:
    meeting = _get_meeting(request, uid)
    body = calendars.meeting_download(
        meeting, include_link=permissions.is_meeting_invitee(request.user, meeting)
    )
    name = slugify(meeting.title)[:60] or "meeting"
    return _ics_response(body, f"{name}-{meeting.starts_at:%Y-%m-%d}.ics")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's private feed; the token is the only credential (no login: calendar programs
    cannot sign in). Forged or revoked tokens are a 404."""
    feed = (
        CalendarFeedToken.objects.select_related("user")
        .filter(token_hash=CalendarFeedToken.hash_token(token), user__is_active=True)
        .first()
    )
    if feed is None:
        raise Http404
    user = feed.user
    since = timezone.now() - timedelta(days=400)
    meetings = list(
        permissions.meetings_invited_to(user).filter(ends_at__gte=since).order_by("starts_at")
    )
    CalendarFeedToken.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
    body = calendars.feed_calendar(
        meetings,
        invited_ids={m.pk for m in meetings},
        extra=calendars.session_events(user, since=since),
    )
    return _ics_response(body, "ca-mentoring.ics")


FEED_SESSION_KEY = "calendar_feed_token"


@require_POST
@login_required
def calendar_feed_regenerate(request: HttpRequest) -> HttpResponse:
    """A new secret address (the previous one stops working), shown once on the next page."""
    token = services.calendar_feed_regenerate(user=request.user, request=request)
    request.session[FEED_SESSION_KEY] = token
    return redirect("mentoring:calendar_feed_created")


@login_required
def calendar_feed_created(request: HttpRequest) -> HttpResponse:
    token = request.session.pop(FEED_SESSION_KEY, None)
    if not token:
        return redirect(reverse("portal:profile") + "#calendar-feed")
    url = settings.SITE_URL + reverse("mentoring:calendar_feed", args=[token])
    response = render(request, "mentoring/meetings/calendar_feed_created.html", {"feed_url": url})
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def calendar_feed_revoke(request: HttpRequest) -> HttpResponse:
    if services.calendar_feed_revoke(user=request.user, request=request):
        messages.success(
            request, _("Your calendar feed is turned off; its address no longer works.")
        )
    return redirect("portal:profile")
