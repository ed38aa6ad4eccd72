"""Re-encrypt every two-factor secret under the first key of DJANGO_MFA_ENCRYPTION_KEYS.

Rotation: put the new key first (keep the old one after it), deploy, run this command, then
remove the old key. Secrets still stored in plain text are encrypted on the way.
"""

from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.mfa import rotate_text, transform_secrets


class Command(BaseCommand):
    help = "Re-encrypt two-factor secrets under the first DJANGO_MFA_ENCRYPTION_KEYS key."

    def handle(self, *args, **options):
        count = 0
        with transaction.atomic():
            for authenticator in Authenticator.objects.select_for_update().order_by("pk"):
                data = transform_secrets(authenticator.type, authenticator.data, rotate_text)
                if data != authenticator.data:
                    authenticator.data = data
                    authenticator.save(update_fields=["data"])
                    count += 1
        self.stdout.write(f"{count} two-factor secret(s) re-encrypted.")
