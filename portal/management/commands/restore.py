"""`manage.py restore DIRECTORY`: checks every checksum, then restores into an empty instance."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, restore, verify


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into an empty, migrated instance."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument(
            "--check", action="store_true", help="Only verify the checksums; change nothing."
        )

    def handle(self, *args, directory, check=False, **options):
        try:
            manifest = verify(Path(directory)) if check else restore(Path(directory))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["rows"].values())
        files = sum(len(entries) for entries in manifest["files"].values())
        verb = "verified" if check else "restored"
        self.stdout.write(f"Backup {verb}: {rows} rows, {files} files ({directory}).")
