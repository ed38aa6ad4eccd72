"""Create the PostgreSQL database named in DATABASE_URL if it does not exist yet (the role
must be allowed to create databases). Used by `make serve` and the scale-out test."""

import os
import sys
from urllib.parse import unquote, urlsplit

import psycopg
from psycopg import sql


def ensure(url: str, *, fresh: bool = False) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise SystemExit(f"DATABASE_URL must be a PostgreSQL URL, not {parts.scheme!r}.")
    name = unquote(parts.path.lstrip("/"))
    admin = (
        parts._replace(path="/postgres").geturl().replace(f"{parts.scheme}://", "postgresql://", 1)
    )
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return name


def drop(url: str) -> None:
    parts = urlsplit(url)
    name = unquote(parts.path.lstrip("/"))
    admin = (
        parts._replace(path="/postgres").geturl().replace(f"{parts.scheme}://", "postgresql://", 1)
    )
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


if __name__ == "__main__":
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        sys.exit("Set DATABASE_URL=postgres://user:password@host:5432/name.")
    print(f"Database {ensure(url)} is there.")
