"""Empty the trash: documents deleted more than PORTAL_TRASH_DAYS ago lose their rows and
stored bytes (every version, every thumbnail); stored bytes no row refers to are removed too."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from documents.services import documents_purge


class Command(BaseCommand):
    help = "Purge documents trashed longer than the retention, and orphan stored files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Retention in days (default: DJANGO_TRASH_DAYS)."
        )
        parser.add_argument(
            "--orphan-grace-minutes",
            type=int,
            default=60,
            help="Leave stored files younger than this alone (an upload may be in progress).",
        )

    def handle(self, *args, days=None, orphan_grace_minutes=60, **options):
        report = documents_purge(days=days, orphan_grace=timedelta(minutes=orphan_grace_minutes))
        self.stdout.write(
            f"Purged {report.documents} document(s), {report.files} stored file(s), "
            f"{len(report.orphans)} orphan file(s)."
        )
