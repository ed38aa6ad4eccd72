"""Deployment checks (`manage.py check --deploy`): a misconfigured production refuses to pass.

Each refusal names the variable to fix. For a trial on one machine (`make serve`), an operator
may accept a refusal explicitly with `DJANGO_DEPLOY_ALLOW`, a comma-separated list of the names
in `ALLOWABLE` (e.g. `DJANGO_DEPLOY_ALLOW=http-site-url,localhost-sender`).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

ALLOWABLE = {
    "sqlite": "portal.E101",
    "locmem-cache": "portal.E102",
    "immediate-tasks": "portal.E103",
    "http-site-url": "portal.E104",
    "localhost-sender": "portal.E105",
}
PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)
LOCAL_DOMAINS = ("localhost", "localhost.localdomain", "127.0.0.1", "[::1]")


def _hint(fix: str, name: str) -> str:
    return f"{fix} For a trial on one machine only: DJANGO_DEPLOY_ALLOW={name}."


def database_engine() -> str:
    return settings.DATABASES["default"]["ENGINE"]


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].strip(" >").lower()


@register(Tags.security, deploy=True)
def production_services(app_configs=None, **kwargs) -> list:
    if settings.DEBUG:
        return []
    allowed = set(settings.PORTAL_DEPLOY_ALLOW)
    found: list[CheckMessage] = []
    unknown = allowed - set(ALLOWABLE)
    if unknown:
        found.append(
            Warning(
                f"DJANGO_DEPLOY_ALLOW has unknown names: {', '.join(sorted(unknown))}.",
                hint=f"Known names: {', '.join(sorted(ALLOWABLE))}.",
                id="portal.W100",
            )
        )

    def refuse(name: str, message: str, fix: str) -> None:
        if name not in allowed:
            found.append(Error(message, hint=_hint(fix, name), id=ALLOWABLE[name]))

    if database_engine() == "django.db.backends.sqlite3":
        refuse(
            "sqlite",
            "The database is SQLite: one file that several web processes or machines cannot "
            "share safely, and that locks under concurrent writes.",
            "Set DATABASE_URL to PostgreSQL, e.g. postgres://portal:…@db.internal:5432/portal.",
        )
    if settings.CACHES["default"]["BACKEND"] in PER_PROCESS_CACHES:
        refuse(
            "locmem-cache",
            "The cache is local to each process: login and password-reset limits are counted "
            "per process, so every extra worker multiplies them.",
            "Set DJANGO_CACHE_URL to Redis, e.g. rediscache://127.0.0.1:6379/0.",
        )
    if settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend"):
        refuse(
            "immediate-tasks",
            "Background tasks run inside the web request: e-mails are sent while the person "
            "waits, and a failed e-mail is not retried.",
            "Set DJANGO_TASKS_BACKEND=database and run `manage.py db_worker` (deploy/).",
        )
    if urlsplit(settings.SITE_URL).scheme != "https":
        refuse(
            "http-site-url",
            f"DJANGO_SITE_URL is {settings.SITE_URL!r}: links in e-mails would not use https.",
            "Set DJANGO_SITE_URL to the portal's public https address.",
        )
    senders = {settings.DEFAULT_FROM_EMAIL, settings.SERVER_EMAIL}
    if any(_domain(sender) in LOCAL_DOMAINS for sender in senders):
        refuse(
            "localhost-sender",
            "The portal's e-mails would be sent from a localhost address, which mail servers "
            "reject or mark as spam.",
            "Set DJANGO_DEFAULT_FROM_EMAIL, e.g. 'CA Mentoring Portal <portal@example.org>'.",
        )
    return found
