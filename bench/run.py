"""`make bench`: build the synthetic programme, serve it as production does, measure.

    uv run python -m bench.run --scale 1          # or SCALE=1 make bench
    uv run python -m bench.run --scale 10 --reuse # keep an already built database

Steps (each printed as it runs):
1. a fresh PostgreSQL database `portal_bench_<scale>` (BENCH_DATABASE_URL overrides), migrated
   and filled by bench/synth.py, then ANALYZEd;
2. SQL queries per page, counted in this process with Django's test client (deterministic);
3. the portal served by BENCH_SERVE_CMD (default `make serve`: gunicorn, DEBUG off, production
   settings) with the floor page switched on;
4. sign-in as a lead, a mentor of several organisations and a member, over HTTP;
5. locust headless: median and p95 at concurrency 1 (each page `--rounds` times, interleaved
   with the floor), then throughput at concurrency 8 for `--seconds` per page;
6. a Markdown table on stdout and bench/results/latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")  # this process only counts queries
    os.environ["DJANGO_ENV_FILE"] = ""
    os.environ["DJANGO_BENCH_FLOOR"] = "1"
    # The synthetic lead has no authenticator; every other role is measured as in production.
    os.environ["DJANGO_LEADS_REQUIRE_MFA"] = "0"
    import django

    django.setup()


def build_database(scale: float, database_url: str, reuse: bool) -> None:
    from django.core.management import call_command
    from django.db import connection

    from . import synth

    if reuse:
        from django.contrib.auth import get_user_model

        if get_user_model().objects.filter(email=synth.LEAD_EMAIL).exists():
            log("Reusing the built database.")
            return
    log("Migrating…")
    call_command("migrate", verbosity=0, interactive=False)
    log(f"Building the programme at scale {scale}…")
    started = time.monotonic()
    synth.build(scale, log=log)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    log(f"Built in {time.monotonic() - started:.0f} s.")


def recreate_database(database_url: str) -> None:
    parts = urllib.parse.urlparse(database_url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def count_queries(rows: list[dict]) -> dict[tuple[str, str], int]:
    """Queries per request, as each role, with the test client (no server, no timing)."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from .pages import ROLES

    users = {role: get_user_model().objects.get(email=email) for role, email in ROLES.items()}
    counts: dict[tuple[str, str], int] = {}
    clients = {}
    for role, user in users.items():
        clients[role] = Client(raise_request_exception=True, HTTP_HOST="127.0.0.1")
        clients[role].force_login(user)
    for row in rows:
        client = clients[row["role"]]
        with CaptureQueriesContext(connection) as ctx:
            if row.get("form"):
                response = client.post(row["path"], row["form"])
            else:
                response = client.get(row["path"])
        counts[(row["role"], row["name"])] = len(ctx.captured_queries)
        if response.status_code != 200:
            log(f"  ! {row['role']} {row['name']}: HTTP {response.status_code}")
    return counts


def wait_ready(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status < 500:
                    return
        except OSError:
            pass
        time.sleep(0.2)  # polling a server that is starting; bounded by the deadline
    raise SystemExit(f"The server did not answer at {url} within {timeout:.0f} s.")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
        return None


def sign_in(host: str, email: str, password: str) -> dict[str, str]:
    """Sign in through allauth's form like a browser; return the cookies."""
    opener = urllib.request.build_opener(_NoRedirect)
    cookies: dict[str, str] = {}

    def remember(response) -> None:  # noqa: ANN001
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            cookies[name.strip()] = rest.split(";", 1)[0]

    def call(path: str, data: dict | None = None):  # noqa: ANN202
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(host + path, data=body)  # noqa: S310 - loopback
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
        request.add_header("Referer", host + path)
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as exc:  # redirects arrive here without a handler
            response = exc
        remember(response)
        return response

    page = call("/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    call("/accounts/login/", {"login": email, "password": password, "csrfmiddlewaretoken": token})
    if "sessionid" not in cookies:
        raise SystemExit(f"Signing in as {email} failed.")
    return cookies


def run_locust(plan: dict, users: int, seconds: int | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        plan_file, out_file = Path(tmp) / "plan.json", Path(tmp) / "out.json"
        plan_file.write_text(json.dumps(plan))
        cmd = [
            sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"),
            "--headless", "--only-summary", "--loglevel", "ERROR", "-u", str(users), "-r", str(users),
        ]  # fmt: skip
        if seconds:
            cmd += ["--run-time", f"{seconds}s"]
        else:
            cmd += ["--run-time", "30m"]  # a bound; the latency user quits when it is done
        env = {**os.environ, "BENCH_PLAN": str(plan_file), "BENCH_OUT": str(out_file)}
        subprocess.run(cmd, env=env, check=False, stdout=subprocess.DEVNULL, timeout=3600)  # noqa: S603
        return json.loads(out_file.read_text()) if out_file.exists() else {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=float(os.environ.get("SCALE", "1")))
    parser.add_argument("--reuse", action="store_true", help="keep an already built database")
    parser.add_argument("--rounds", type=int, default=30, help="requests per page at concurrency 1")
    parser.add_argument("--seconds", type=int, default=5, help="seconds per page at concurrency 8")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8910")))
    parser.add_argument(
        "--queries-only", action="store_true", help="build and count queries; no server"
    )
    args = parser.parse_args(argv)

    label = f"{args.scale:g}".replace(".", "_")
    database_url = os.environ.get(
        "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/portal_bench_{label}"
    )
    if not args.reuse and database_url.startswith("postgres"):
        recreate_database(database_url)
    setup_django(database_url)
    build_database(args.scale, database_url, args.reuse)

    from . import pages, synth

    rows, notes = pages.plan(pages.context())
    for note in notes:
        log(note)
    floor = {"name": "floor", "role": "member", "path": pages.FLOOR.path({})}
    log("Counting queries…")
    queries = count_queries([floor, *rows])
    result = {
        "scale": args.scale,
        "machine": f"{platform.node()} {platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
        "floor_ms": None,
        "pages": [],
        "transfer": {},
    }
    if not args.queries_only:
        host = f"http://127.0.0.1:{args.port}"
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "PORT": str(args.port),
            "DJANGO_BENCH_FLOOR": "1",
            "DJANGO_DEBUG": "0",
            "DJANGO_LEADS_REQUIRE_MFA": "0",
        }
        command = os.environ.get("BENCH_SERVE_CMD", "make --no-print-directory serve")
        log(f"Serving with: {command}")
        server = subprocess.Popen(command, shell=True, env=env, cwd=ROOT, start_new_session=True)  # noqa: S602
        try:
            wait_ready(host + "/accounts/login/")
            cookies = {
                role: sign_in(host, email, synth.PASSWORD) for role, email in pages.ROLES.items()
            }
            plan = {"host": host, "cookies": cookies, "floor": floor, "rounds": args.rounds}
            log("Latency at concurrency 1…")
            latency = run_locust({**plan, "mode": "latency", "pages": rows}, 1, None)
            floor_ms = latency.get("floor", {}).get("median_ms") or 1
            result["floor_ms"] = floor_ms
            for row in rows:
                key = f"{row['role']}|{row['name']}"
                log(f"Throughput at concurrency 8: {key}")
                busy = run_locust({**plan, "mode": "throughput", "pages": [row]}, 8, args.seconds)
                one = latency.get(key, {})
                result["pages"].append(
                    {
                        "name": row["name"],
                        "role": row["role"],
                        "median_ms": one.get("median_ms"),
                        "p95_ms": one.get("p95_ms"),
                        "ratio": round((one.get("median_ms") or 0) / floor_ms, 1),
                        "queries": queries.get((row["role"], row["name"])),
                        "rps": round(busy.get(key, {}).get("rps", 0), 1),
                        "errors": one.get("errors", 0) + busy.get(key, {}).get("errors", 0),
                    }
                )
        finally:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)
    else:
        for row in rows:
            result["pages"].append(
                {
                    "name": row["name"],
                    "role": row["role"],
                    "queries": queries[(row["role"], row["name"])],
                }
            )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=2, default=str))
    print(table(result))
    return 0


def table(result: dict) -> str:
    lines = [
        f"Scale {result['scale']:g} on {result['machine']}; floor {result['floor_ms']} ms",
        "",
        "| page | role | median ms | p95 ms | × floor | queries | req/s at 8 | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for p in result["pages"]:
        lines.append(
            f"| {p['name']} | {p['role']} | {p.get('median_ms', '')} | {p.get('p95_ms', '')} | "
            f"{p.get('ratio', '')} | {p['queries']} | {p.get('rps', '')} | {p.get('errors', '')} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
