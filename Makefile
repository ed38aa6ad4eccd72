# The portal's two commands: `make dev` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

UV := $(shell command -v uv 2>/dev/null || echo var/tools/bin/uv)
RUN := $(UV) run --frozen
DEV_ENV := DJANGO_DEBUG=1 DJANGO_LEADS_REQUIRE_MFA=0

.PHONY: help dev test sync uv messages lint format check-deploy bench

help:
	@echo "make dev    demo portal on http://127.0.0.1:8000 (SQLite under var/, or DATABASE_URL)"
	@echo "make test   the whole test suite (SQLite, or DATABASE_URL)"
	@echo "make lint   ruff check and format check;  make messages  refresh the French catalogue"

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
	@echo "Two-factor authentication for leads is OFF in the demo (DJANGO_LEADS_REQUIRE_MFA=0)."
	@echo "Serving the demo portal on http://127.0.0.1:8000"
	$(DEV_ENV) $(RUN) python manage.py runserver 127.0.0.1:8000

test: sync
	@mkdir -p var
	$(RUN) pytest $(PYTEST_ARGS)

lint: sync
	$(RUN) ruff check .
	$(RUN) ruff format --check .

format: sync
	$(RUN) ruff format .
	$(RUN) ruff check --fix .

# Extract new strings, then translate the empty entries in locale/fr/LC_MESSAGES/django.po.
messages: sync
	DJANGO_DEBUG=1 $(RUN) python manage.py makemessages -l fr --no-obsolete --no-location -i "var/*" -i "staticfiles/*" -i "tests/*"
	DJANGO_DEBUG=1 $(RUN) python manage.py compilemessages -l fr -i ".venv" -i "var"

check-deploy: sync
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY="$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	DJANGO_ALLOWED_HOSTS=portal.example.org \
	$(RUN) python manage.py check --deploy --fail-level WARNING

# The benchmark at SCALE=1 (or SCALE=10): see bench/README.md. Needs PostgreSQL.
SCALE ?= 1
bench: sync
	$(RUN) python -m bench.run --scale $(SCALE) $(BENCH_ARGS)
