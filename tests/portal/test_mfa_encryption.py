"""Two-factor secrets are stored encrypted, sign-in with TOTP still works, keys rotate, and
production refuses to run without its own key."""

import importlib
import io

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from portal import mfa
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

KEY_A, KEY_B = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def test_the_stored_totp_secret_is_not_the_plain_one_and_sign_in_still_works(client):
    user = UserFactory(email="two@example.org")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    stored = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]
    assert stored != secret and secret not in stored and stored.startswith("gAAAAA")

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_recovery_codes_seed_is_encrypted_and_codes_still_work():
    user = UserFactory()
    codes = RecoveryCodes.activate(user)
    instance = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    assert mfa.is_encrypted(instance.data["seed"])
    assert RecoveryCodes(instance).validate_code(codes.get_unused_codes()[0])


def test_keys_rotate_first_encrypts_all_decrypt(settings):
    settings.PORTAL_MFA_ENCRYPTION_KEYS = [KEY_A]
    user = UserFactory()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    settings.PORTAL_MFA_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    instance = Authenticator.objects.get(user=user)
    assert TOTP(instance).validate_code(_code(secret))
    call_command("rotate_mfa_keys", stdout=io.StringIO())
    settings.PORTAL_MFA_ENCRYPTION_KEYS = [KEY_B]
    instance.refresh_from_db()
    assert mfa.decrypt_text(instance.data["secret"]) == secret
    settings.PORTAL_MFA_ENCRYPTION_KEYS = [KEY_A]
    with pytest.raises(mfa.UndecryptableSecret):
        mfa.decrypt_text(instance.data["secret"])


def test_the_data_migration_encrypts_existing_plain_secrets():
    user = UserFactory()
    plain = Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    codes = Authenticator.objects.create(
        user=user,
        type=Authenticator.Type.RECOVERY_CODES,
        data={"seed": "abcdef0123", "used_mask": 0, "migrated_codes": ["1234-5678"]},
    )
    migration = importlib.import_module("portal.migrations.0003_encrypt_mfa_secrets")
    migration.encrypt(apps, None)
    migration.encrypt(apps, None)  # idempotent: never encrypted twice
    plain.refresh_from_db()
    codes.refresh_from_db()
    assert mfa.decrypt_text(plain.data["secret"]) == "JBSWY3DPEHPK3PXP"
    assert mfa.decrypt_text(codes.data["seed"]) == "abcdef0123"
    assert [mfa.decrypt_text(c) for c in codes.data["migrated_codes"]] == ["1234-5678"]
    migration.decrypt(apps, None)
    plain.refresh_from_db()
    assert plain.data["secret"] == "JBSWY3DPEHPK3PXP"


def test_the_deploy_check_requires_valid_keys(settings):
    settings.PORTAL_MFA_ENCRYPTION_KEYS = []
    assert [e.id for e in mfa.check_mfa_keys(None)] == ["portal.E001"]
    settings.PORTAL_MFA_ENCRYPTION_KEYS = ["not-a-key"]
    assert [e.id for e in mfa.check_mfa_keys(None)] == ["portal.E002"]
    settings.PORTAL_MFA_ENCRYPTION_KEYS = [KEY_A, KEY_B]
    assert mfa.check_mfa_keys(None) == []
