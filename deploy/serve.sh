#!/usr/bin/env bash
# `make serve`: the portal as production runs it, on one machine, from a clean clone.
# PostgreSQL from DATABASE_URL, Redis as the cache, gunicorn, whitenoise with compressed and
# hashed static files, the db_worker task worker, DEBUG off. Plain http on 127.0.0.1, so the
# checks that a TLS deployment needs are accepted explicitly (DJANGO_DEPLOY_ALLOW below).
# Variables (all optional except DATABASE_URL): see docs/deployment.md, "make serve".
set -euo pipefail
cd "$(dirname "$0")/.."
UV=${UV:-$(command -v uv 2>/dev/null || echo var/tools/bin/uv)}
RUN="$UV run --frozen"

: "${DATABASE_URL:?make serve needs DATABASE_URL=postgres://user:password@127.0.0.1:5432/portal}"
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
# gunicorn's usual advice: 2 × cores + 1 synchronous workers.
WEB_CONCURRENCY=${WEB_CONCURRENCY:-$((2 * $(nproc) + 1))}
mkdir -p var
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
  # Kept between runs, so sign-ins survive a restart; readable by the owner only.
  [ -s var/serve-secret-key ] || (umask 077; python3 -c 'import secrets; print(secrets.token_urlsafe(50))' > var/serve-secret-key)
  DJANGO_SECRET_KEY=$(cat var/serve-secret-key)
fi
if [ -z "${DJANGO_MFA_ENCRYPTION_KEYS:-}" ]; then
  # The key that encrypts two-factor secrets at rest (docs/accounts.md), kept like the above.
  [ -s var/serve-mfa-key ] || (umask 077; python3 -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())' > var/serve-mfa-key)
  DJANGO_MFA_ENCRYPTION_KEYS=$(cat var/serve-mfa-key)
fi
export DATABASE_URL DJANGO_SECRET_KEY DJANGO_MFA_ENCRYPTION_KEYS WEB_CONCURRENCY
export DJANGO_ENV_FILE=""   # a developer's .env (DJANGO_DEBUG=1) must not apply here
export DJANGO_DEBUG=0
export DJANGO_CACHE_URL=${DJANGO_CACHE_URL:-rediscache://127.0.0.1:6379/0}
export DJANGO_TASKS_BACKEND=database
export DJANGO_ALLOWED_HOSTS=${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}
export DJANGO_SITE_URL=${DJANGO_SITE_URL:-http://127.0.0.1:$PORT}
export DJANGO_SECURE_SSL_REDIRECT=${DJANGO_SECURE_SSL_REDIRECT:-0}
export DJANGO_HSTS_SECONDS=${DJANGO_HSTS_SECONDS:-0}
export DJANGO_EMAIL_URL=${DJANGO_EMAIL_URL:-consolemail://}
export DJANGO_DEPLOY_ALLOW=${DJANGO_DEPLOY_ALLOW:-http-site-url,localhost-sender}

$RUN python deploy/ensure_database.py
$RUN python manage.py migrate --no-input -v0
$RUN python manage.py collectstatic --no-input -v0
# Errors (the portal's own checks) stop here; Django's TLS warnings are expected on plain http.
$RUN python manage.py check --deploy --fail-level ERROR

$RUN python manage.py db_worker &
worker=$!
trap 'kill "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT INT TERM
echo "Serving on http://$HOST:$PORT with $WEB_CONCURRENCY gunicorn workers; task worker pid $worker."
$RUN gunicorn portal.wsgi:application --config deploy/gunicorn.conf.py --bind "$HOST:$PORT"
