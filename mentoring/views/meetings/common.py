"""Shared lookups for the meeting views: the scoped meeting and each reader's answer."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q

from ... import permissions
from ...models import (
    MeetingResponse,
)

PER_PAGE = 20


def _get_meeting(request, uid, queryset=None):
    return permissions.get_object_for_user(
        queryset if queryset is not None else permissions.meetings_visible_to(request.user),
        uid=uid,
    )


def _with_my_answer(queryset, user):
    return queryset.prefetch_related(
        Prefetch(
            "responses", queryset=MeetingResponse.objects.filter(user=user), to_attr="my_responses"
        )
    ).annotate(
        coming=Count(
            "responses",
            filter=Q(responses__answer=MeetingResponse.Answer.YES, responses__waitlisted=False),
        )
    )
