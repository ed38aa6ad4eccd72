"""A synthetic programme at a chosen scale, written with bulk inserts.

`SCALE=1` is a hundred times today's programme: 200 organisations, 1,000 people, 20,000 session
logs, ~100,000 action items, 50,000 documents with versions, 500 meetings, 20,000 answers and
500,000 audit entries. `SCALE=10` is ten times that; fractions (e.g. 0.01) give the tiny
programme the test suite builds so the harness never rots.

Rows get explicit primary keys, so foreign keys are known without reading back, and are written
with PostgreSQL's COPY (or executemany on other databases). Every column a model has is filled:
values we do not set come from the field's default, `auto_now` fields from the build time. The
sequences are reset at the end so the portal can insert after us.

The figures are deterministic for a given scale (a seeded random generator), so two runs at the
same scale measure the same data.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

PASSWORD = "bench-portal-2026"  # noqa: S105 - a throwaway database the benchmark builds
LEAD_EMAIL = "lead@bench.example"
MENTOR_EMAIL = "mentor@bench.example"
MEMBER_EMAIL = "member@bench.example"

COUNTRIES = [
    ("MW", "Africa/Blantyre"),
    ("TG", "Africa/Lome"),
    ("MU", "Indian/Mauritius"),
    ("LK", "Asia/Colombo"),
    ("CI", "Africa/Abidjan"),
    ("CA", "America/Toronto"),
    ("NG", "Africa/Lagos"),
    ("CH", "Europe/Zurich"),
    ("KE", "Africa/Nairobi"),
    ("GH", "Africa/Accra"),
]
WORDS = [
    "integrity",
    "procurement",
    "infrastructure",
    "collective",
    "action",
    "pact",
    "customs",
    "health",
    "extractives",
    "réseau",
    "intégrité",
    "transparence",
    "marchés",
    "publics",
    "chambre",
    "commerce",
    "PME",
    "conformité",
    "whistleblowing",
    "beneficial",
    "ownership",
    "sector",
    "code",
    "conduct",
    "certification",
    "monitoring",
    "stakeholders",
    "agreement",
    "training",
    "dialogue",
    "municipality",
    "tender",
    "contract",
    "audit",
    "budget",
]


@dataclass(frozen=True)
class Sizes:
    organisations: int
    people: int
    sessions: int
    items_per_session: int
    documents: int
    meetings: int
    answers: int
    audit: int

    @classmethod
    def at(cls, scale: float) -> Sizes:
        def n(base: int, floor: int = 1) -> int:
            return max(floor, round(base * scale))

        return cls(
            organisations=n(200, 4),
            people=n(1000, 24),
            sessions=n(20_000, 40),
            items_per_session=5,
            documents=n(50_000, 30),
            meetings=n(500, 4),
            answers=n(20_000, 20),
            audit=n(500_000, 100),
        )


class Writer:
    """Writes rows of one model: a dict per row, missing columns filled as the model would."""

    def __init__(self, label: str, now: datetime) -> None:
        self.model = apps.get_model(label)
        self.now = now
        self.fields = list(self.model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]

    def _value(self, field: models.Field, row: dict[str, Any]) -> Any:
        if field.attname in row:
            value = row[field.attname]
        elif field.name in row:
            value = row[field.name]
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = self.now
        else:
            value = field.get_default()
        return field.get_db_prep_save(value, connection)

    def write(self, rows: Iterable[dict[str, Any]]) -> int:
        table = connection.ops.quote_name(self.model._meta.db_table)
        cols = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        count = 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:  # noqa: S608
                    for row in rows:
                        copy.write_row([self._value(f, row) for f in self.fields])
                        count += 1
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"  # noqa: S608
                batch: list[list[Any]] = []
                for row in rows:
                    batch.append([self._value(f, row) for f in self.fields])
                    count += 1
                    if len(batch) >= 2000:
                        cursor.executemany(sql, batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
        return count


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _spread(rng: random.Random, now: datetime, days: int) -> datetime:
    return now - timedelta(seconds=rng.randrange(days * 86400))


def build(scale: float, *, log: Callable[[str], None] = print) -> dict[str, int]:
    """Fill an empty, migrated database with the programme at `scale`; return the row counts."""
    rng = random.Random(f"portal-bench-{scale}")  # noqa: S311 - reproducible data, not secrets
    size = Sizes.at(scale)
    now = timezone.now().replace(microsecond=0)
    counts: dict[str, int] = {}

    def put(label: str, rows: Iterable[dict[str, Any]]) -> None:
        started = datetime.now(UTC)
        n = Writer(label, now).write(rows)
        counts[label] = counts.get(label, 0) + n
        log(f"  {label:<28} {n:>9} rows  {(datetime.now(UTC) - started).total_seconds():6.1f} s")

    with transaction.atomic():
        _fast_load()
        _build(rng, size, now, put)
        _reset_sequences()
    return counts


def _build(rng: random.Random, size: Sizes, now: datetime, put) -> None:  # noqa: C901
    from mentoring.roles import Role

    password = make_password(PASSWORD)
    years = [now.year - 2, now.year - 1, now.year]
    put(
        "mentoring.Cohort",
        ({"id": i + 1, "year": y, "name": f"Cohort {y}"} for i, y in enumerate(years)),
    )
    put("mentoring.Topic", ({"id": i + 1, "name": f"Topic {i + 1}"} for i in range(12)))

    # Organisations: slugs org-1..; their timezone from the country.
    orgs = []
    for i in range(size.organisations):
        country, zone = COUNTRIES[i % len(COUNTRIES)]
        orgs.append(
            {
                "id": i + 1,
                "name": f"Bench organisation {i + 1}",
                "slug": f"org-{i + 1}",
                "country": country,
                "timezone": zone,
                "kind": "consumer",
                "description": _text(rng, 40),
                "cohort_id": (i % len(years)) + 1,
                "status": "active",
            }
        )
    put("mentoring.Organisation", orgs)

    # People: a handful of leads, a tenth mentors, the rest members of organisations.
    leads = max(2, size.people // 200)
    mentors = max(3, size.people // 10)
    people = []
    for i in range(size.people):
        pk = i + 1
        if i < leads:
            role, email = Role.LEAD, (LEAD_EMAIL if i == 0 else f"lead{pk}@bench.example")
        elif i < leads + mentors:
            role = Role.MENTOR
            email = MENTOR_EMAIL if i == leads else f"mentor{pk}@bench.example"
        else:
            role = Role.MENTEE
            email = MEMBER_EMAIL if i == leads + mentors else f"member{pk}@bench.example"
        people.append(
            {
                "id": pk,
                "email": email,
                "full_name": f"Person {pk}",
                "role": role,
                "timezone": COUNTRIES[i % len(COUNTRIES)][1],
                "language": "fr" if i % 3 == 0 else "en",
                "password": password,
                "is_active": True,
                "is_staff": role == Role.LEAD,
                "is_superuser": role == Role.LEAD,
                "date_joined": now - timedelta(days=400),
            }
        )
    put(settings.AUTH_USER_MODEL, people)
    put(
        "account.EmailAddress",
        (
            {
                "id": p["id"],
                "user_id": p["id"],
                "email": p["email"],
                "verified": True,
                "primary": True,
            }
            for p in people
        ),
    )
    mentor_ids = list(range(leads + 1, leads + mentors + 1))
    member_ids = list(range(leads + mentors + 1, size.people + 1))
    org_members: dict[int, list[int]] = {o["id"]: [] for o in orgs}
    memberships = []
    for n, uid in enumerate(member_ids):
        org = (n % len(orgs)) + 1
        org_members[org].append(uid)
        memberships.append(
            {
                "id": n + 1,
                "user_id": uid,
                "organisation_id": org,
                "is_admin": len(org_members[org]) == 1,
            }
        )
    put("mentoring.Membership", memberships)

    # One mentorship per organisation; the first mentor has several organisations.
    mentorships = []
    mentor_links = []
    for o in orgs:
        mentorships.append(
            {
                "id": o["id"],
                "organisation_id": o["id"],
                "start_date": (now - timedelta(days=600)).date(),
                "planned_end_date": (now + timedelta(days=200)).date(),
                "status": "active",
            }
        )
        mentor = mentor_ids[0] if o["id"] % 40 == 1 else mentor_ids[o["id"] % len(mentor_ids)]
        mentor_links.append({"id": o["id"], "mentorship_id": o["id"], "user_id": mentor})
    put("mentoring.Mentorship", mentorships)
    put("mentoring.Mentorship_mentors", mentor_links)
    mentor_of = {m["mentorship_id"]: m["user_id"] for m in mentor_links}

    put(
        "mentoring.Goal",
        (
            {
                "id": o["id"] * 3 + k,
                "mentorship_id": o["id"],
                "title": _text(rng, 5),
                "status": "open",
            }
            for o in orgs
            for k in range(3)
        ),
    )

    # Sessions, spread over two years, with attendees, topics and action items.
    def sessions() -> Iterator[dict[str, Any]]:
        for sid in range(1, size.sessions + 1):
            ms = (sid % len(orgs)) + 1
            yield {
                "id": sid,
                "mentorship_id": ms,
                "author_id": mentor_of[ms],
                "started_at": _spread(rng, now, 730),
                "duration_minutes": 60,
                "format": "video",
                "summary": _text(rng, 60),
                "private_notes": _text(rng, 20),
            }

    put("mentoring.Session", sessions())
    put(
        "mentoring.Session_attendees",
        (
            {"id": sid, "session_id": sid, "user_id": org_members[(sid % len(orgs)) + 1][0]}
            for sid in range(1, size.sessions + 1)
            if org_members[(sid % len(orgs)) + 1]
        ),
    )
    put(
        "mentoring.Session_topics",
        (
            {"id": sid, "session_id": sid, "topic_id": (sid % 12) + 1}
            for sid in range(1, size.sessions + 1)
        ),
    )

    def items() -> Iterator[dict[str, Any]]:
        pk = 0
        for sid in range(1, size.sessions + 1):
            for k in range(size.items_per_session):
                pk += 1
                done = rng.random() < 0.7
                yield {
                    "id": pk,
                    "session_id": sid,
                    "text": _text(rng, 8),
                    "owner": "",
                    "due_date": (now + timedelta(days=rng.randrange(-300, 60))).date(),
                    "done_at": now - timedelta(days=rng.randrange(1, 300)) if done else None,
                    "position": k,
                }

    put("mentoring.ActionItem", items())

    # Documents: each with one version (an empty object key; lists never read the bytes).
    def documents() -> Iterator[dict[str, Any]]:
        for did in range(1, size.documents + 1):
            org = (did % len(orgs)) + 1
            yield {
                "id": did,
                "organisation_id": org,
                "title": _text(rng, 4),
                "description": _text(rng, 25),
                "category": "other",
                "tags": " ".join(rng.sample(WORDS, 3)),
                "language": "fr" if did % 3 == 0 else "en",
                "current_version_id": did,
                "created_by_id": org_members[org][0] if org_members[org] else 1,
                "created_at": _spread(rng, now, 730),
            }

    # Versions first would need documents; write documents with the version id, then versions,
    # inside one transaction with deferred foreign keys (PostgreSQL checks at commit).
    put("documents.Document", documents())
    put(
        "documents.Version",
        (
            {
                "id": did,
                "document_id": did,
                "number": 1,
                "storage_key": f"bench/{did:08d}",
                "original_name": f"document-{did}.pdf",
                "size": 120_000,
                "content_type": "application/pdf",
                "sha256": hashlib.sha256(str(did).encode()).hexdigest(),
            }
            for did in range(1, size.documents + 1)
        ),
    )

    meetings = []
    for mid in range(1, size.meetings + 1):
        start = now + timedelta(days=(mid - size.meetings * 0.8) * 3)
        meetings.append(
            {
                "id": mid,
                "uid": uuid.UUID(int=mid),
                "title": f"Community meeting {mid}",
                "starts_at": start,
                "ends_at": start + timedelta(hours=2),
                "timezone": "Europe/Zurich",
                "audience": "community",
                "created_by_id": 1,
            }
        )
    put("mentoring.Meeting", meetings)
    put(
        "mentoring.MeetingResponse",
        (
            {
                "id": n + 1,
                "meeting_id": (n % size.meetings) + 1,
                "user_id": member_ids[(n // size.meetings) % len(member_ids)],
                "answer": "yes",
                "answered_at": now,
            }
            for n in range(min(size.answers, size.meetings * len(member_ids)))
        ),
    )

    actions = ["session.logged", "session.edited", "document.uploaded", "document.downloaded"]
    put(
        "mentoring.AuditEntry",
        (
            {
                "id": n + 1,
                "at": _spread(rng, now, 730),
                "actor_id": (n % size.people) + 1,
                "action": actions[n % len(actions)],
                "organisation_id": (n % len(orgs)) + 1,
                "target_type": "session",
                "target_id": str((n % size.sessions) + 1),
                "summary": _text(rng, 6),
                "ip_address": "192.0.2.1",
            }
            for n in range(size.audit)
        ),
    )


def _fast_load() -> None:
    """On PostgreSQL, skip the foreign-key triggers for this transaction (the generator keeps
    every reference valid by construction) and do not wait for the WAL on commit. Replica mode
    needs a superuser; without one the load is only slower."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SAVEPOINT bench_replica")
        try:
            cursor.execute("SET LOCAL session_replication_role = replica")
        except Exception:  # noqa: BLE001 - not a superuser: keep the triggers
            cursor.execute("ROLLBACK TO SAVEPOINT bench_replica")


def _reset_sequences() -> None:
    models_ = list(apps.get_models(include_auto_created=True))
    statements = connection.ops.sequence_reset_sql(no_style(), models_)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
