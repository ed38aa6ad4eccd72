"""Weekly: the action-item digest and the reminder to mentors of quiet mentorships.

Run it from cron once a week, e.g. `0 6 * * 1 python manage.py send_mentoring_reminders`;
it only enqueues tasks, which the task worker (`manage.py db_worker`) sends.
"""

from django.core.management.base import BaseCommand

from mentoring.models import quiet_days
from mentoring.tasks import send_action_item_digest, send_inactivity_reminders


class Command(BaseCommand):
    help = "Enqueue the weekly action-item digest and the no-session reminders to mentors."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days without a session before a mentor is reminded "
            "(default: PORTAL_MENTOR_REMINDER_DAYS).",
        )
        parser.add_argument(
            "--only",
            choices=["digest", "inactivity"],
            help="Enqueue only one of the two kinds of e-mail.",
        )

    def handle(self, *args, days=None, only=None, **options):
        days = days or quiet_days()
        if only in (None, "digest"):
            result = send_action_item_digest.enqueue()
            self.stdout.write(f"Action-item digest enqueued ({result.id}).")
        if only in (None, "inactivity"):
            result = send_inactivity_reminders.enqueue(days)
            self.stdout.write(f"No-session reminders ({days} days) enqueued ({result.id}).")
