"""`manage.py backup [DIRECTORY]`: database rows, stored files and a manifest of checksums."""

from pathlib import Path

from django.core.management.base import BaseCommand

from portal.backups import backup


class Command(BaseCommand):
    help = "Back up every row and every stored file into a new directory (default var/backups)."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default="var/backups")

    def handle(self, *args, directory, **options):
        target = backup(Path(directory))
        self.stdout.write(f"Backup written to {target}")
