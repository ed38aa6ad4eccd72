"""Load the demo programme (see the `demo` package). Idempotent."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

import demo


class Command(BaseCommand):
    help = "Load the demo programme (only with DJANGO_DEBUG=1). Safe to run again."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo refuses to run when DEBUG is off: it sets known passwords."
            )
        with transaction.atomic():
            demo.seed()
        self.stdout.write(self.style.SUCCESS("Demo programme ready. Demo logins:"))
        for email, what in demo.DEMO_LOGINS:
            self.stdout.write(f"  {email:<24} {demo.DEMO_PASSWORD}   ({what})")
