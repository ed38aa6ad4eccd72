"""Encrypt the two-factor secrets that allauth stored in plain text (see portal/mfa.py)."""

from django.db import migrations

from portal.mfa import decrypt_text, encrypt_if_plain, is_encrypted, transform_secrets


def _apply(apps, change):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.order_by("pk"):
        data = transform_secrets(authenticator.type, authenticator.data, change)
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


def encrypt(apps, schema_editor):
    _apply(apps, encrypt_if_plain)


def decrypt(apps, schema_editor):
    _apply(apps, lambda text: decrypt_text(text) if is_encrypted(text) else text)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_highlights"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt, decrypt)]
