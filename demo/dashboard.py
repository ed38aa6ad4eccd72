"""Demo content of the dashboard: a few session summaries chosen as highlights of their year.

Runs after the demo sessions are seeded; idempotent (a highlight is kept once per session)."""

from mentoring.models import Session
from mentoring.roles import Role
from portal.models import Highlight, User

PER_YEAR = 3


def seed(*, now) -> None:
    lead = User.objects.filter(email="lead@demo.example", role=Role.LEAD).first()
    if lead is None:
        return
    sessions = (
        Session.objects.exclude(summary="")
        .filter(started_at__lte=now, started_at__year__gte=now.year - 1)
        .order_by("-duration_minutes", "started_at")
    )
    chosen: dict[int, int] = {}
    for year in Highlight.objects.values_list("year", flat=True):
        chosen[year] = chosen.get(year, 0) + 1
    for session in sessions[:50]:
        year = session.started_at.year
        if chosen.get(year, 0) >= PER_YEAR:
            continue
        _, created = Highlight.objects.get_or_create(
            session=session, year=year, defaults={"chosen_by": lead}
        )
        chosen[year] = chosen.get(year, 0) + int(created)
