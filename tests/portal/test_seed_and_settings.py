import base64
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from mentoring.models import Membership, Mentorship, Organisation
from portal.models import User

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_seed_demo_builds_the_programme_and_is_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    counts = (User.objects.count(), Organisation.objects.count(), Membership.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert counts == (
        User.objects.count(),
        Organisation.objects.count(),
        Membership.objects.count(),
    )
    mentee = User.objects.get(email="mentee@demo.example")
    assert mentee.language == "fr" and mentee.check_password("demo-portal-2026")
    assert mentee.memberships.get().organisation.acronym == "ANCE Togo"
    assert User.objects.get(email="lead@demo.example").is_lead
    mentor = User.objects.get(email="mentor@demo.example")
    assert set(
        Mentorship.objects.filter(mentors=mentor).values_list("organisation__slug", flat=True)
    ) >= {"cost-malawi", "ance-togo"}
    assert set(Organisation.objects.values_list("cohort__year", flat=True)) >= {2022, 2023}


@pytest.mark.django_db
def test_seed_demo_refuses_when_debug_is_off():
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()


MFA_KEY = base64.urlsafe_b64encode(b"k" * 32).decode()  # a valid Fernet key, for tests only


def _manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    base.pop("DATABASE_URL", None)
    base["DJANGO_ENV_FILE"] = ""
    base.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_requires_the_mfa_encryption_key():
    result = _manage(
        "check",
        "--deploy",
        DJANGO_SECRET_KEY="x" * 20 + "-production-like-secret-key-with-enough-entropy-1234567890",
        DJANGO_ALLOWED_HOSTS="portal.example.org",
        DJANGO_SETTINGS_MODULE="portal.settings",
    )
    assert result.returncode != 0
    assert "portal.E001" in result.stdout + result.stderr


PRODUCTION = {
    "DJANGO_SECRET_KEY": "x" * 20 + "-production-like-secret-key-with-enough-entropy-1234567890",
    "DJANGO_ALLOWED_HOSTS": "portal.example.org",
    "DJANGO_SETTINGS_MODULE": "portal.settings",
    "DJANGO_SITE_URL": "https://portal.example.org",
    "DATABASE_URL": "postgres://portal:portal@db.invalid:5432/portal",
    "DJANGO_CACHE_URL": "rediscache://cache.invalid:6379/0",
    "DJANGO_TASKS_BACKEND": "database",
    "DJANGO_DEFAULT_FROM_EMAIL": "CA Mentoring Portal <portal@example.org>",
    "DJANGO_MFA_ENCRYPTION_KEYS": MFA_KEY,
}


def test_deploy_check_refuses_the_development_defaults():
    env = {k: PRODUCTION[k] for k in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS")}
    result = _manage("check", "--deploy", DJANGO_SETTINGS_MODULE="portal.settings", **env)
    assert result.returncode != 0
    for code in ("portal.E101", "portal.E102", "portal.E103", "portal.E104", "portal.E105"):
        assert code in result.stderr


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off():
    result = _manage("check", DJANGO_SETTINGS_MODULE="portal.settings")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr
