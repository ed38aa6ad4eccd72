"""The demo programme for `make dev` and for newcomers: every feature populated, fictitious
people, dates relative to today. One package, so the apps carry no demo code.

`seed()` is idempotent: running it again updates the same rows instead of adding new ones.
Only `manage.py seed_demo` calls it, and that command refuses to run with DEBUG off.
"""

from django.utils import timezone

from . import community, dashboard, documents, intake, meetings, programme, sessions

DEMO_PASSWORD = programme.DEMO_PASSWORD
DEMO_LOGINS = programme.DEMO_LOGINS


def seed() -> None:
    """Build (or bring up to date) the whole demo, in dependency order."""
    programme.seed()
    now = timezone.now()
    sessions.seed(now=now)
    documents.seed(now=now)
    dashboard.seed(now=now)
    meetings.seed(now=now)
    intake.seed(now=now)
    community.seed(now=now)
