"""`check --deploy` refuses what breaks a real deployment, each refusal overridable by name."""

import pytest
from django.core.checks import run_checks

from portal import checks

GOOD = {
    "DEBUG": False,
    "ENGINE": "django.db.backends.postgresql",
    "CACHES": {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}},
    "TASKS": {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    "SITE_URL": "https://portal.example.org",
    "DEFAULT_FROM_EMAIL": "CA Mentoring Portal <portal@example.org>",
    "SERVER_EMAIL": "portal@example.org",
    "PORTAL_DEPLOY_ALLOW": [],
}
BAD = {
    "sqlite": {"ENGINE": "django.db.backends.sqlite3"},
    "locmem-cache": {
        "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    },
    "immediate-tasks": {
        "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    },
    "http-site-url": {"SITE_URL": "http://127.0.0.1:8000"},
    "localhost-sender": {"DEFAULT_FROM_EMAIL": "CA Mentoring Portal <noreply@localhost>"},
}


@pytest.fixture
def configure(settings, monkeypatch):
    """Sets the given settings; ENGINE stands for the default database's engine (DATABASES
    cannot be overridden in a test)."""

    def apply(**changes):
        values = {**GOOD, **changes}
        engine = values.pop("ENGINE")
        monkeypatch.setattr(checks, "database_engine", lambda: engine)
        for name, value in values.items():
            setattr(settings, name, value)

    return apply


@pytest.fixture
def _ids(configure):
    def ids(**changes) -> set[str]:
        configure(**changes)
        return {message.id for message in checks.production_services()}

    return ids


def test_a_production_configuration_passes(_ids):
    assert _ids() == set()


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_configuration_is_refused_with_its_override_named(_ids, name):
    assert _ids(**BAD[name]) == {checks.ALLOWABLE[name]}
    [message] = checks.production_services()
    assert f"DJANGO_DEPLOY_ALLOW={name}" in message.hint
    assert _ids(**BAD[name], PORTAL_DEPLOY_ALLOW=[name]) == set()


def test_development_is_not_checked(_ids):
    assert _ids(DEBUG=True, **BAD["sqlite"], **BAD["http-site-url"]) == set()


def test_an_unknown_override_is_reported(_ids):
    assert _ids(PORTAL_DEPLOY_ALLOW=["sqllite"]) == {"portal.W100"}


def test_the_checks_run_with_check_deploy(configure):
    configure(**BAD["sqlite"])
    found = run_checks(include_deployment_checks=True)
    assert "portal.E101" in {message.id for message in found}
    assert "portal.E101" not in {message.id for message in run_checks()}
