"""Queue the community meeting reminders that are due (7 days and 24 hours before, by default).

Run it from cron every hour or so; it is idempotent: each person gets each reminder once.
"""

from django.core.management.base import BaseCommand

from mentoring.services.meetings import meeting_reminders_due
from mentoring.tasks_meetings import send_meeting_reminder


class Command(BaseCommand):
    help = (
        "Queue the meeting reminder e-mails that are due (setting PORTAL_MEETING_REMINDERS_HOURS)."
    )

    def handle(self, *args, **options):
        due = meeting_reminders_due()
        for meeting_id, hours in due:
            send_meeting_reminder.enqueue(meeting_id=meeting_id, hours=hours)
        self.stdout.write(f"{len(due)} meeting reminder(s) queued.")
