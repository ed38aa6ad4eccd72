"""Two-factor secrets encrypted at rest.

allauth's default MFA adapter stores the TOTP key and the recovery-code seed as they are, so
anyone reading the database (a backup, a replica, a leaked dump) could produce a lead's codes.
`MFAAdapter` encrypts them with Fernet (AES-128-CBC with an HMAC-SHA256, from `cryptography`)
under keys from `DJANGO_MFA_ENCRYPTION_KEYS`: comma-separated, the first one encrypts, every one
decrypts (MultiFernet), so a key is rotated by putting a new one first, running
`python manage.py rotate_mfa_keys`, then removing the old one (docs/accounts.md).

Without the variable (development and tests only: the deploy check refuses it) the key is
derived from SECRET_KEY.
"""

import base64
import hashlib

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.checks import Error, Tags, register

# Every Fernet token starts with its version byte 0x80, "gAAAAA" once base64-encoded; allauth's
# plain secrets are base32 (upper case) or hexadecimal, so they never look like one.
TOKEN_PREFIX = "gAAAAA"


class UndecryptableSecret(Exception):
    """A stored secret that none of the configured keys decrypts: refuse rather than guess."""


def _derived_key() -> bytes:
    digest = hashlib.sha256(b"portal.mfa.encryption:" + settings.SECRET_KEY.encode()).digest()
    return base64.urlsafe_b64encode(digest)


def keys() -> list[bytes]:
    configured = [key.strip() for key in settings.PORTAL_MFA_ENCRYPTION_KEYS if key.strip()]
    return [key.encode() for key in configured] or [_derived_key()]


def cipher() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys()])


def is_encrypted(text: str) -> bool:
    return text.startswith(TOKEN_PREFIX)


def encrypt_text(text: str) -> str:
    return cipher().encrypt(text.encode()).decode("ascii")


def decrypt_text(token: str) -> str:
    try:
        return cipher().decrypt(token.encode("ascii")).decode()
    except (InvalidToken, UnicodeError) as exc:
        raise UndecryptableSecret(
            "A two-factor secret cannot be decrypted: is DJANGO_MFA_ENCRYPTION_KEYS missing "
            "the key it was encrypted with?"
        ) from exc


def rotate_text(token: str) -> str:
    """The same secret under the first key (plain values are encrypted)."""
    if not is_encrypted(token):
        return encrypt_text(token)
    return cipher().rotate(token.encode("ascii")).decode("ascii")


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return encrypt_text(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt_text(encrypted_text)


def transform_secrets(authenticator_type: str, data: dict, change) -> dict:
    """`data` of an allauth Authenticator with `change` applied to each value allauth passes
    through encrypt(): the TOTP secret, the recovery-code seed and any migrated codes."""
    data = dict(data)
    if authenticator_type == "totp" and "secret" in data:
        data["secret"] = change(data["secret"])
    elif authenticator_type == "recovery_codes":
        if "seed" in data:
            data["seed"] = change(data["seed"])
        if isinstance(data.get("migrated_codes"), list):
            data["migrated_codes"] = [change(code) for code in data["migrated_codes"]]
    return data


def encrypt_if_plain(text: str) -> str:
    return text if is_encrypted(text) else encrypt_text(text)


@register(Tags.security, deploy=True)
def check_mfa_keys(app_configs, **kwargs):
    """In production the keys must be set, and apart from SECRET_KEY (rotating that must not
    lock every lead out); each must be a valid Fernet key."""
    errors = []
    configured = [key.strip() for key in settings.PORTAL_MFA_ENCRYPTION_KEYS if key.strip()]
    if not configured:
        errors.append(
            Error(
                "DJANGO_MFA_ENCRYPTION_KEYS is not set: two-factor secrets would be encrypted "
                "with a key derived from SECRET_KEY.",
                hint="Generate one with: python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'",
                id="portal.E001",
            )
        )
    for key in configured:
        try:
            Fernet(key.encode())
        except ValueError:
            errors.append(
                Error(
                    "A key in DJANGO_MFA_ENCRYPTION_KEYS is not a Fernet key "
                    "(32 bytes, URL-safe base64).",
                    id="portal.E002",
                )
            )
    return errors
