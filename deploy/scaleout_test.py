"""Scale-out proof on one machine (`make scaleout-test`, docs/deployment.md).

Starts two gunicorn instances on two ports that share one PostgreSQL database, one Redis
database and one S3 endpoint (moto's server), one `db_worker`, and a tiny load balancer in
front (deploy/balancer.py); then checks what several web machines must get right:

1. a sign-in made through one instance is valid on the other (sessions in PostgreSQL);
2. a document uploaded through one instance downloads through the other (S3);
3. failed logins spread over both instances hit one shared limit (Redis);
4. the e-mails a request queues are sent by the one worker (file mail backend);
5. through the balancer, requests alternate between the instances and stay signed in.

Everything listens on 127.0.0.1; every wait is a bounded readiness poll; everything started is
stopped at the end, and the scratch database is dropped.

Environment: DATABASE_URL (PostgreSQL; a role that may create databases: the test uses
`<name>_scaleout`, created fresh), SCALEOUT_REDIS_URL (default redis://127.0.0.1:6379/0, the
database is emptied), SCALEOUT_PORT (default 8180: balancer; +1 and +2 the instances; +3 S3),
SCALEOUT_WORKERS (gunicorn workers per instance, default 2).
"""

from __future__ import annotations

import base64
import html
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from contextlib import suppress
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))

import balancer  # noqa: E402
import ensure_database  # noqa: E402

PASSWORD = "scale-out-Pa55word-2026"  # noqa: S105 (a throwaway account in a scratch database)
WORK = ROOT / "var" / "scaleout"
PYTHON = sys.executable


class Failed(AssertionError):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise Failed(message)


class Browser:
    """Just enough of a browser: a cookie jar (Secure cookies too: this is loopback http), CSRF
    tokens read from forms, no redirects followed unless asked."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}
        self.requests = 0

    def request(
        self,
        port: int,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict | None = None,
    ) -> tuple[int, dict, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = dict(headers or {})
        headers["Host"] = "127.0.0.1"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
        finally:
            conn.close()
        self.requests += 1
        for value in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(value)
            for key, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = morsel.value
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def get(self, port: int, path: str):
        return self.request(port, "GET", path)

    def csrf(self, port: int, path: str) -> str:
        status, _, page = self.get(port, path)
        check(status == 200, f"GET {path} on {port}: {status}")
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        check(found is not None, f"no CSRF token on {path}")
        assert found is not None  # check() raised otherwise
        return found.group(1).decode()

    def post_form(self, port: int, path: str, fields: dict, files: dict | None = None):
        token = self.csrf(port, path)
        fields = {**fields, "csrfmiddlewaretoken": token}
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        for name, (filename, content, mimetype) in (files or {}).items():
            parts.append(
                (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: {mimetype}\r\n\r\n'
                ).encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(
            port,
            "POST",
            path,
            body,
            {
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Referer": f"http://127.0.0.1:{port}{path}",
            },
        )

    def login(self, port: int, email: str, password: str = PASSWORD):
        return self.post_form(port, "/accounts/login/", {"login": email, "password": password})


def wait_until(what: str, probe, *, seconds: float) -> float:
    """Bounded readiness poll: probe() until it is true or `seconds` pass; returns the time."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        with suppress(OSError, http.client.HTTPException):
            if probe():
                return time.monotonic() - start
        time.sleep(0.25)
    raise Failed(f"{what} not ready after {seconds:.0f} s")


def answers(port: int, path: str = "/readyz") -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path)
        return conn.getresponse().status == 200
    finally:
        conn.close()


class Stack:
    """The processes of the test, each in its own process group, all stopped at the end."""

    def __init__(self) -> None:
        self.processes: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, args: list[str], env: dict) -> subprocess.Popen:
        log = open(WORK / f"{name}.log", "wb")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append((name, process))
        return process

    def stop(self) -> None:
        for _name, process in reversed(self.processes):
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for _name, process in reversed(self.processes):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


SETUP = """
from allauth.account.models import EmailAddress
from mentoring.models import Cohort, Membership, Mentorship, Organisation
from portal.models import User
cohort = Cohort.objects.create(year=2026, name="Scale-out cohort")
org = Organisation.objects.create(name="Scale-out Alliance", acronym="SOA", slug="scale-out",
    country="TG", city="Lome", timezone="Africa/Lome", kind=Organisation.Kind.CONSUMER,
    cohort=cohort, status=Organisation.Status.ACTIVE)
people = {}
for email, role in [("member@scaleout.example", "mentee"), ("colleague@scaleout.example", "mentee"),
                    ("target@scaleout.example", "mentee"), ("mentor@scaleout.example", "mentor")]:
    user = User.objects.create_user(email=email, password=PASSWORD, full_name=email.split("@")[0].title(),
                                    role=role, timezone="UTC", language="en")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    people[email] = user
for email in ("member@scaleout.example", "colleague@scaleout.example", "target@scaleout.example"):
    Membership.objects.create(user=people[email], organisation=org, is_admin=email.startswith("member"))
mentorship = Mentorship.objects.create(organisation=org, start_date="2026-01-05", status=Mentorship.Status.ACTIVE)
mentorship.mentors.set([people["mentor@scaleout.example"]])
"""


def environment(database_url: str, redis_url: str, port: int) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SENTRY_"))}
    redis = urlsplit(redis_url)
    env.update(
        DJANGO_ENV_FILE="",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        # Two-factor secrets are encrypted at rest (docs/accounts.md): one key for both instances.
        DJANGO_MFA_ENCRYPTION_KEYS=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        DATABASE_URL=database_url,
        DJANGO_CACHE_URL=f"rediscache://{redis.netloc}{redis.path}",
        DJANGO_TASKS_BACKEND="database",
        DJANGO_STORAGE="s3",
        DJANGO_S3_BUCKET="portal-scaleout",
        DJANGO_S3_ENDPOINT_URL=f"http://127.0.0.1:{port + 3}",
        DJANGO_S3_REGION="us-east-1",
        DJANGO_S3_ACCESS_KEY_ID="scaleout",
        DJANGO_S3_SECRET_ACCESS_KEY="scaleout",  # noqa: S106 (moto accepts any key)
        DJANGO_EMAIL_URL=f"filemail:///{WORK / 'mail'}",
        DJANGO_DEFAULT_FROM_EMAIL="CA Mentoring Portal <portal@example.org>",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SITE_URL=f"http://127.0.0.1:{port}",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_HSTS_SECONDS="0",
        DJANGO_TRUSTED_PROXY_COUNT="1",
        DJANGO_DEPLOY_ALLOW="http-site-url",
        DJANGO_LOG_LEVEL="WARNING",
    )
    return env


def mails_to(address: str) -> int:
    return sum(
        f"To: {address}" in path.read_text(errors="replace")
        for path in (WORK / "mail").glob("*.log")
    )


def main() -> int:
    database_url = os.environ.get("DATABASE_URL", "")
    if urlsplit(database_url).scheme not in ("postgres", "postgresql", "pgsql"):
        sys.exit(
            "make scaleout-test needs DATABASE_URL=postgres://... (a role that may create databases)"
        )
    parts = urlsplit(database_url)
    database_url = parts._replace(path=parts.path.rstrip("/") + "_scaleout").geturl()
    redis_url = os.environ.get("SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/0")
    port = int(os.environ.get("SCALEOUT_PORT", "8180"))
    web = [port + 1, port + 2]
    workers = os.environ.get("SCALEOUT_WORKERS", "2")

    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "mail").mkdir(parents=True)
    figures: dict[str, float | int | str] = {}
    started = time.monotonic()
    stack = Stack()
    balancer_server = None
    results: list[tuple[str, bool, str]] = []
    env = environment(database_url, redis_url, port)
    try:
        ensure_database.ensure(database_url, fresh=True)
        import redis as redis_client

        redis_client.Redis.from_url(redis_url).flushdb()
        manage = [PYTHON, "manage.py"]
        subprocess.run([*manage, "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run(
            [*manage, "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
        )
        subprocess.run(
            [*manage, "check", "--deploy", "--fail-level", "ERROR"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [*manage, "shell", "--no-imports", "-c", f"PASSWORD={PASSWORD!r}\n{SETUP}"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        figures["prepare_s"] = round(time.monotonic() - started, 1)

        moto = str(Path(PYTHON).with_name("moto_server"))
        stack.start("s3", [moto, "-H", "127.0.0.1", "-p", str(port + 3)], env)
        wait_until("S3", lambda: answers(port + 3, "/moto-api/"), seconds=60)
        import boto3

        boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{port + 3}",
            region_name="us-east-1",
            aws_access_key_id="scaleout",
            aws_secret_access_key="scaleout",  # noqa: S106
        ).create_bucket(Bucket="portal-scaleout")

        t0 = time.monotonic()
        for n, web_port in enumerate(web, 1):
            stack.start(
                f"web{n}",
                [
                    str(Path(PYTHON).with_name("gunicorn")),
                    "portal.wsgi:application",
                    "--config",
                    "deploy/gunicorn.conf.py",
                    "--bind",
                    f"127.0.0.1:{web_port}",
                    "--workers",
                    workers,
                ],
                env,
            )
        stack.start("worker", [*manage, "db_worker", "--interval", "0.5"], env)
        for web_port in web:
            wait_until(f"web on {web_port}", lambda p=web_port: answers(p), seconds=120)
        figures["web_ready_s"] = round(time.monotonic() - t0, 1)
        balancer_server = balancer.make_server(port, [f"127.0.0.1:{p}" for p in web])
        threading.Thread(target=balancer_server.serve_forever, daemon=True).start()
        wait_until("balancer", lambda: answers(port), seconds=10)

        a, b = web
        browsers: list[Browser] = []

        def step(name: str, body) -> None:
            t = time.monotonic()
            try:
                body()
            except Failed as exc:
                results.append((name, False, str(exc)))
            else:
                results.append((name, True, f"{time.monotonic() - t:.2f} s"))

        member = Browser()
        browsers.append(member)

        def signed_in_on_both():
            status, headers, _ = member.login(a, "member@scaleout.example")
            check(status == 302, f"sign-in on {a} answered {status}")
            status, _, page = member.get(b, "/")
            check(status == 200, f"home on {b} answered {status} (not signed in there?)")
            check(b"Member" in page, "the other instance does not know who is signed in")

        state: dict[str, str] = {}
        content = b"%PDF-1.4\n% scale-out test " + secrets.token_hex(16).encode() + b"\n%%EOF\n"

        def upload_and_download():
            status, headers, page = member.post_form(
                a,
                "/documents/spaces/scale-out/upload/",
                {
                    "title": "Scale-out plan",
                    "description": "Shared storage",
                    "category": "working",
                    "tags": "",
                    "language": "en",
                },
                files={"files": ("plan.pdf", content, "application/pdf")},
            )
            check(
                status == 302,
                f"upload on {a} answered {status}: {html.unescape(page.decode()[:300])}",
            )
            public_id = headers["location"].rstrip("/").split("/")[-1]
            state["document"] = public_id
            status, headers, _ = member.get(b, f"/documents/{public_id}/download/")
            check(status == 302, f"download on {b} answered {status}")
            link = urlsplit(headers["location"])
            check(link.port == port + 3, f"download not sent to S3: {headers['location']}")
            s3 = http.client.HTTPConnection("127.0.0.1", link.port, timeout=30)
            s3.request("GET", f"{link.path}?{link.query}")
            got = s3.getresponse().read()
            s3.close()
            check(got == content, "the bytes downloaded differ from those uploaded")

        def worker_sends_the_emails():
            figures["mail_wait_s"] = round(
                wait_until(
                    "the e-mail to the colleague",
                    lambda: mails_to("colleague@scaleout.example") >= 1,
                    seconds=60,
                ),
                2,
            )
            check(mails_to("member@scaleout.example") == 0, "the uploader was e-mailed too")

        def shared_login_limit():
            attacker = Browser()
            browsers.append(attacker)
            # allauth allows 5 failures per account in 5 minutes: spread them over both.
            for n in range(5):
                status, _, _ = attacker.login(
                    web[n % 2], "target@scaleout.example", "wrong-password"
                )
                check(status == 200, f"failed login {n + 1} answered {status}")
            status, _, page = attacker.login(b, "target@scaleout.example")
            check(
                status == 200 and b"Too many failed login attempts" in page,
                "the sixth attempt, on the other instance, was not limited: limits not shared",
            )

        def through_the_balancer():
            colleague = Browser()
            browsers.append(colleague)
            status, _, _ = colleague.login(port, "colleague@scaleout.example")
            check(status == 302, f"sign-in through the balancer answered {status}")
            served = set()
            for _ in range(4):
                status, headers, _ = colleague.get(port, f"/documents/{state['document']}/")
                check(status == 200, f"document page through the balancer answered {status}")
                served.add(headers.get("x-served-by"))
            check(len(served) == 2, f"the balancer used only {served}")
            check("x-request-id" in headers, "no request id in the answer")

        step("sign in on one instance, continue on the other", signed_in_on_both)
        step("upload on one instance, download from the other (S3)", upload_and_download)
        step("the worker sends the e-mails the upload queued", worker_sends_the_emails)
        step("the login limit is shared by both instances (Redis)", shared_login_limit)
        step("through the balancer: both instances, one sign-in", through_the_balancer)
        figures["requests"] = sum(browser.requests for browser in browsers)
    finally:
        if balancer_server is not None:
            balancer_server.shutdown()
            balancer_server.server_close()
        stack.stop()
        with suppress(Exception):
            ensure_database.drop(database_url)
    figures["total_s"] = round(time.monotonic() - started, 1)
    figures["instances"] = len(web)
    figures["workers_per_instance"] = int(workers)
    for name, ok, detail in results:
        print(f"{'PASS' if ok else 'FAIL'}  {name}  ({detail})")
    print("figures: " + json.dumps(figures))
    passed = sum(ok for _, ok, _ in results)
    print(f"scale-out: {passed} passed, {len(results) - passed} failed")
    return 0 if results and passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
