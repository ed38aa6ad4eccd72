"""Session histories as CSV, plain or for spreadsheets (`spreadsheets.py`). Cells that a
spreadsheet would run as a formula are defused."""

from collections.abc import Callable, Iterable

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Session
from .spreadsheets import CsvWriter


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _items(session: Session) -> str:
    lines = []
    for item in session.action_items.all():
        state = _("done") if item.is_done else _("open")
        due = f", {_('due')} {item.due_date:%Y-%m-%d}" if item.due_date else ""
        lines.append(f"[{state}] {item.text} ({item.owner_label}{due})")
    return "\n".join(lines)


def session_row(session: Session, *, private: bool | None) -> list:
    row = [
        _local(session.started_at),
        session.duration_minutes,
        session.mentorship.organisation.name,
        session.author.full_name,
        session.get_format_display(),
        session.location,
        "; ".join(p.full_name for p in session.attendees.all()),
        "; ".join(t.label for t in session.topics.all()),
        "; ".join(g.title for g in session.goals.all()),
        session.summary,
        _items(session),
        _local(session.next_session_at),
    ]
    if private is not None:
        row.append(session.private_notes if private else "")
    return row


def sessions_csv(
    sessions: Iterable[Session],
    *,
    private_notes: Callable[[Session], bool] | None,
    layout: str = "plain",
) -> HttpResponse:
    """`private_notes` is None for people who may never read them: the column is then left
    out entirely; otherwise it says, per session, whether this person may read its notes."""
    zone = timezone.get_current_timezone_name()
    header = [
        _("Start (%(zone)s)") % {"zone": zone},
        _("Duration (minutes)"),
        _("Organisation"),
        _("Mentor"),
        _("Format"),
        _("Place or call link"),
        _("Attended"),
        _("Topics"),
        _("Goals"),
        _("Shared summary"),
        _("Action items"),
        _("Next session (%(zone)s)") % {"zone": zone},
    ]
    if private_notes is not None:
        header.append(_("Private mentor notes"))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Cache-Control"] = "private, no-store"
    suffix = "-spreadsheet" if layout == "spreadsheet" else ""
    response["Content-Disposition"] = f'attachment; filename="sessions-{stamp}{suffix}.csv"'
    writer = CsvWriter(layout)
    writer.row(header)
    for session in sessions:
        private = private_notes(session) if private_notes is not None else None
        writer.row(session_row(session, private=private))
    response.write(writer.text())
    return response
