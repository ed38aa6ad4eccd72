"""Writes of the dashboard: leads feature and unfeature session summaries for the year in
review. Atomic and audited, like every write that matters."""

from django.db import transaction

from mentoring.audit import audit
from mentoring.models import Session

from ..models import Highlight


@transaction.atomic
def highlight_feature(*, session: Session, year: int, actor) -> Highlight:
    """Idempotent: featuring a session twice keeps the first choice."""
    highlight, created = Highlight.objects.get_or_create(
        session=session, year=year, defaults={"chosen_by": actor}
    )
    if created:
        audit(
            "highlight.feature",
            actor=actor,
            target=session,
            summary=f"Featured in the {year} year in review",
        )
    return highlight


@transaction.atomic
def highlight_unfeature(*, session: Session, year: int, actor) -> bool:
    deleted, _ = Highlight.objects.filter(session=session, year=year).delete()
    if deleted:
        audit(
            "highlight.unfeature",
            actor=actor,
            target=session,
            summary=f"No longer featured in the {year} year in review",
        )
    return bool(deleted)
