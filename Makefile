# The portal's two commands: `make dev` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

UV := $(shell command -v uv 2>/dev/null || echo var/tools/bin/uv)
RUN := $(UV) run --frozen
DEV_ENV := DJANGO_DEBUG=1 DJANGO_LEADS_REQUIRE_MFA=0

.PHONY: help dev test sync uv node-deps messages lint format typecheck check-deploy serve scaleout-test bench css pageweight vnu

help:
	@echo "make dev    demo portal on http://127.0.0.1:8000 (SQLite under var/, or DATABASE_URL)"
	@echo "make test   the whole test suite (SQLite, or DATABASE_URL)"
	@echo "make lint   ruff, djLint, uv lock --check;  make typecheck  mypy;  make messages  French catalogue"
	@echo "make serve  production-like on one machine (DATABASE_URL=postgres://..., PORT=8000)"
	@echo "make scaleout-test  two gunicorns, one worker, PostgreSQL, Redis, S3 (docs/deployment.md)"

# uv from PyPI into var/tools when the machine has none.
var/tools/bin/uv:
	python3 -m venv var/tools
	var/tools/bin/pip install --quiet uv

uv: $(if $(findstring var/tools,$(UV)),var/tools/bin/uv,)

sync: uv
	$(UV) sync --frozen

dev: sync
	@mkdir -p var
	@test -f .env || { printf 'DJANGO_DEBUG=1\nDJANGO_LEADS_REQUIRE_MFA=0\n' > .env; \
		echo "Wrote .env (DJANGO_DEBUG=1) so manage.py works directly on this machine."; }
	$(DEV_ENV) $(RUN) python manage.py migrate --no-input
	$(DEV_ENV) $(RUN) python manage.py seed_demo
	@# Hashed, compressed static files: WhiteNoise serves them with a ten-year lifetime, as in
	@# production (portal/staticfiles.py). After editing CSS or JS, run make dev again.
	$(DEV_ENV) $(RUN) python manage.py collectstatic --no-input -v0
	@echo "Two-factor authentication for leads is OFF in the demo (DJANGO_LEADS_REQUIRE_MFA=0)."
	@echo "Serving the demo portal on http://127.0.0.1:8000"
	$(DEV_ENV) $(RUN) python manage.py runserver 127.0.0.1:8000

# Local runs keep the test database between runs (--reuse-db: migrations still apply; SQLite
# tests run in memory anyway); CI (CI=true) always starts fresh. PYTEST_ARGS=--create-db rebuilds.
REUSE_DB := $(if $(filter true 1,$(CI)),,--reuse-db)

test: sync node-deps vnu
	@mkdir -p var
	$(RUN) pytest $(REUSE_DB) $(PYTEST_ARGS)

# Mozilla's ical.js, pinned, into the git-ignored var/node: the calendar cross-parse test
# reads every generated .ics with it (tests/calendars). Skipped quietly where npm is missing.
ICALJS_VERSION := 2.2.1
node-deps:
	@if [ -f var/node/node_modules/ical.js/package.json ] && \
		grep -q '"version": "$(ICALJS_VERSION)"' var/node/node_modules/ical.js/package.json; then :; \
	elif command -v npm >/dev/null; then \
		mkdir -p var/node && npm install --prefix var/node --no-audit --no-fund --save-exact \
			--loglevel=error ical.js@$(ICALJS_VERSION); \
	else echo "npm not found: the ical.js calendar check will be skipped"; fi

lint: sync
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) djlint templates --lint
	$(UV) lock --check

typecheck: sync
	$(RUN) mypy .

format: sync
	$(RUN) ruff format .
	$(RUN) ruff check --fix .

# Extract new strings, then translate the empty entries in locale/fr/LC_MESSAGES/django.po.
messages: sync
	DJANGO_DEBUG=1 $(RUN) python manage.py makemessages -l fr --no-obsolete --no-location -i "var/*" -i "staticfiles/*" -i "tests/*"
	DJANGO_DEBUG=1 $(RUN) python manage.py compilemessages -l fr -i ".venv" -i "var"

# Django's and the portal's deployment checks with the values a production server has (the
# check opens no connection, so these services need not exist here). `make serve` runs the same
# check with its own, real values.
PRODUCTION_LIKE_ENV := DJANGO_DEBUG=0 DJANGO_ENV_FILE= \
	DJANGO_SECRET_KEY="$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	DJANGO_ALLOWED_HOSTS=portal.example.org DJANGO_SITE_URL=https://portal.example.org \
	DATABASE_URL=postgres://portal:portal@db.invalid:5432/portal \
	DJANGO_CACHE_URL=rediscache://cache.invalid:6379/0 DJANGO_TASKS_BACKEND=database \
	DJANGO_DEFAULT_FROM_EMAIL="CA Mentoring Portal <portal@example.org>"

check-deploy: sync
	$(PRODUCTION_LIKE_ENV) \
	DJANGO_MFA_ENCRYPTION_KEYS="$$(python3 -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())')" \
	$(RUN) python manage.py check --deploy --fail-level WARNING

# Production-like serving on one machine: gunicorn, the task worker, DEBUG off (deploy/serve.sh,
# docs/deployment.md). Needs DATABASE_URL (PostgreSQL) and Redis; PORT=8000 by default.
serve: sync
	UV="$(UV)" deploy/serve.sh

# Two web instances sharing PostgreSQL, Redis and an S3 server, behind a tiny balancer
# (deploy/scaleout_test.py). Needs DATABASE_URL (a role that may create databases) and Redis.
scaleout-test: sync
	$(RUN) python deploy/scaleout_test.py

# The benchmark at SCALE=1 (or SCALE=10): see bench/README.md. Needs PostgreSQL.
SCALE ?= 1
bench: sync
	$(RUN) python -m bench.run --scale $(SCALE) $(BENCH_ARGS)

# Bootstrap built down to what the templates use, from its Sass sources (static/vendor/README.md).
BOOTSTRAP_VERSION := 5.3.8
SASS_VERSION := 1.94.2
CSS_TOOLS := var/tools/css
BOOTSTRAP_CSS := static/vendor/bootstrap-$(BOOTSTRAP_VERSION)/bootstrap.portal.min.css
css:
	npm install --silent --no-audit --no-fund --prefix $(CSS_TOOLS) bootstrap@$(BOOTSTRAP_VERSION) sass@$(SASS_VERSION)
	$(CSS_TOOLS)/node_modules/.bin/sass --no-source-map --style=compressed --quiet-deps \
		--silence-deprecation=import,global-builtin,color-functions \
		--load-path=$(CSS_TOOLS)/node_modules assets/bootstrap.scss $(BOOTSTRAP_CSS)
	python3 assets/check_classes.py $(CSS_TOOLS)/node_modules/bootstrap/dist/css/bootstrap.css $(BOOTSTRAP_CSS)

# The page-weight table (README.md, "Page weight"): every page the demo roles reach, cold and warm.
pageweight: sync
	@mkdir -p var
	PORTAL_PAGEWEIGHT_REPORT=var/pageweight.md $(RUN) pytest -q tests/test_pageweight.py
	@cat var/pageweight.md

# The Nu HTML Checker for the browser tests (tests/browser/conftest.py), from npm; needs java.
VNU_VERSION := 26.9.27
VNU_JAR := var/tools/vnu-$(VNU_VERSION)/node_modules/vnu-jar/build/dist/vnu.jar
export PORTAL_VNU_JAR := $(abspath $(VNU_JAR))
vnu: $(VNU_JAR)
$(VNU_JAR):
	@command -v npm >/dev/null || { echo "npm is missing (apt-get install npm): the HTML check will fail."; exit 1; }
	npm install --silent --no-audit --no-fund --prefix var/tools/vnu-$(VNU_VERSION) vnu-jar@$(VNU_VERSION)
