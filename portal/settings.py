"""The portal's one settings module. Every value that differs between machines comes from the
environment (see the table in README.md); nothing secret is committed."""

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from portal.logs import logging_config
from portal.sentry import init_sentry

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

# A developer's machine may keep its variables in .env (git-ignored; `make dev` writes one with
# DJANGO_DEBUG=1). Variables set in the real environment win; production sets them all there.
# DJANGO_ENV_FILE names another file, or "" for none (the tests use "").
_env_file = os.environ.get("DJANGO_ENV_FILE", str(BASE_DIR / ".env"))
if _env_file and Path(_env_file).is_file():
    environ.Env.read_env(_env_file)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-DJANGO_DEBUG=1"  # noqa: S105

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# Absolute address of the portal, used in e-mails (invitation links, notifications).
SITE_URL = env.str("DJANGO_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "portal",
    "mentoring",
    "documents",
    "intake",
    "community",
]

MIDDLEWARE = [
    "portal.logs.RequestIdMiddleware",
    # /healthz and /readyz answer here, before the SSL redirect, host check and MFA redirect.
    "portal.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "mentoring.audit.AuditContextMiddleware",
    # Cache-Control: no-store for signed-in pages, Permissions-Policy, no Server banner
    # (portal/headers.py). Before SessionMiddleware, to see its Vary: Cookie.
    "portal.headers.PrivateByDefaultMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compressed HTML; BREACH is mitigated as docs/architecture.md ("Page weight") explains.
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.LeadMFAMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Production keeps connections for a minute (one connect per worker, not per request) and
# checks them before reuse, so a restarted PostgreSQL costs one failed check, not a 500.
DATABASES["default"].setdefault(
    "CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=0 if DEBUG else 60)
)
DATABASES["default"].setdefault(
    "CONN_HEALTH_CHECKS", env.bool("DJANGO_CONN_HEALTH_CHECKS", default=not DEBUG)
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("DJANGO_CACHE_URL", default="locmemcache://")}

# --- Behind proxies (mentoring/clientaddr.py, docs/deployment.md) ---------------------------
# How many proxies of ours stand in front of the portal, each appending to X-Forwarded-For
# (1 for nginx on the same machine, 2 for a cloud load balancer in front of nginx). 0: the
# header is ignored and the peer's address is the client's.
PORTAL_TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = PORTAL_TRUSTED_PROXY_COUNT
# Deployment checks a one-machine trial accepts on purpose (portal/checks.py).
PORTAL_DEPLOY_ALLOW = env.list("DJANGO_DEPLOY_ALLOW", default=[])

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:home"

# --- django-allauth: e-mail is the login; nobody signs up without an invitation -------------
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
# No "you have no account" e-mails (password reset of an unknown address): they would invite
# anyone to a sign-up that is closed (issue 17, item 9; tests/portal/test_invitations.py).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[CA Mentoring] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_email": "1/m/user",
    "manage_email": "10/m/user",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "CA Mentoring Portal"
# Two-factor secrets encrypted at rest (portal/mfa.py): comma-separated Fernet keys, the first
# encrypts, all decrypt. Unset: derived from SECRET_KEY, refused by the deploy check.
MFA_ADAPTER = "portal.mfa.MFAAdapter"
PORTAL_MFA_ENCRYPTION_KEYS = env.list("DJANGO_MFA_ENCRYPTION_KEYS", default=[])
# Programme leads must turn on two-factor authentication before any page opens for them.
PORTAL_LEADS_REQUIRE_MFA = env.bool("DJANGO_LEADS_REQUIRE_MFA", default=True)
# A public application sent sooner than this after the form was shown is refused (bots).
PORTAL_INTAKE_MIN_FILL_SECONDS = env.int("DJANGO_INTAKE_MIN_FILL_SECONDS", default=3)
# The benchmark's floor page (bench/views.py); only `make bench` turns it on.
PORTAL_BENCH_FLOOR = env.bool("DJANGO_BENCH_FLOOR", default=False)
PORTAL_INVITATION_DAYS = env.int("DJANGO_INVITATION_DAYS", default=14)
# A mentor with no session logged in an active mentorship for this many days is reminded.
PORTAL_MENTOR_REMINDER_DAYS = env.int("DJANGO_MENTOR_REMINDER_DAYS", default=45)

# --- Languages and time -------------------------------------------------------------------
LANGUAGE_CODE = "en"
# Each language named in itself, so that someone who cannot read the current one finds theirs.
LANGUAGES = [("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True
# Unambiguous dates in both languages ("1 Dec 2026" / "1 déc. 2026"): portal/formats/.
FORMAT_MODULE_PATH = ["portal.formats"]

# --- Static files and uploads ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files are never served from a public URL: views check permission first.
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = None
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

STORAGE_BACKEND = env.str("DJANGO_STORAGE", default="local")
if STORAGE_BACKEND == "s3":
    _s3_options = {
        "bucket_name": env.str("DJANGO_S3_BUCKET"),
        "endpoint_url": env.str("DJANGO_S3_ENDPOINT_URL", default=None),
        "region_name": env.str("DJANGO_S3_REGION", default=None),
        "access_key": env.str("DJANGO_S3_ACCESS_KEY_ID", default=None),
        "secret_key": env.str("DJANGO_S3_SECRET_ACCESS_KEY", default=None),
        "default_acl": "private",
        "file_overwrite": False,
        "querystring_auth": True,
        "querystring_expire": 60,
        "object_parameters": {"ContentDisposition": "attachment"},
    }
    if env.str("DJANGO_S3_SSE", default=""):
        _s3_options["object_parameters"]["ServerSideEncryption"] = env.str("DJANGO_S3_SSE")
    _default_storage = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3_options}
elif STORAGE_BACKEND == "local":
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": MEDIA_ROOT,
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    }
else:
    raise ImproperlyConfigured("DJANGO_STORAGE must be 'local' or 's3'.")
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "portal.staticfiles.StaticStorage"},
}

# --- Documents: the secure exchange (docs/documents.md) ----------------------------------------
# Stored under random keys in their own storage: a private directory, or the S3 bucket's
# "documents/" prefix. Nothing is served from a public URL.
DOCUMENTS_ROOT = Path(env.str("DJANGO_DOCUMENTS_ROOT", default=str(VAR_DIR / "documents")))
if STORAGE_BACKEND == "s3":
    STORAGES["documents"] = {
        "BACKEND": "documents.storage.DocumentS3Storage",
        "OPTIONS": {
            **_s3_options,
            "location": "documents",
            "object_parameters": dict(_s3_options["object_parameters"]),
        },
    }
else:
    STORAGES["documents"] = {
        "BACKEND": "documents.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": DOCUMENTS_ROOT},
    }
PORTAL_DOCUMENT_MAX_BYTES = env.int("DJANGO_DOCUMENT_MAX_MB", default=50) * 1024 * 1024
PORTAL_TRASH_DAYS = env.int("DJANGO_TRASH_DAYS", default=30)
# With local storage behind nginx: answer downloads with X-Accel-Redirect to this internal
# location prefix (e.g. "/_protected-documents/") instead of streaming them through Python.
PORTAL_DOCUMENTS_ACCEL_REDIRECT = env.str("DJANGO_DOCUMENTS_ACCEL_REDIRECT", default="")
if PORTAL_DOCUMENTS_ACCEL_REDIRECT and not PORTAL_DOCUMENTS_ACCEL_REDIRECT.endswith("/"):
    PORTAL_DOCUMENTS_ACCEL_REDIRECT += "/"

# --- E-mail and background tasks -------------------------------------------------------------
EMAIL_CONFIG = env.email_url(
    "DJANGO_EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DJANGO_DEFAULT_FROM_EMAIL", default="CA Mentoring Portal <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Each e-mail is its own task; a refused one is tried this many times in all (mentoring/delivery.py).
PORTAL_EMAIL_ATTEMPTS = env.int("DJANGO_EMAIL_ATTEMPTS", default=5)
ADMINS = [("Portal admins", a) for a in env.list("DJANGO_ADMINS", default=[])]

TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[env.str("DJANGO_TASKS_BACKEND", default="immediate")]
    }
}
# Community meetings: reminder e-mails this many hours before the start (docs/meetings.md).
PORTAL_MEETING_REMINDERS_HOURS = env.list(
    "DJANGO_MEETING_REMINDERS_HOURS", cast=int, default=[168, 24]
)

# --- Security ------------------------------------------------------------------------------
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=60 * 60 * 12)
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if env.bool("DJANGO_BEHIND_PROXY", default=PORTAL_TRUSTED_PROXY_COUNT > 0)
    else None
)
# The balancer probes these over plain http (portal/health.py answers them first anyway).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Errors and logs (portal/errors.py, portal/logs.py) --------------------------------------
DEFAULT_EXCEPTION_REPORTER_FILTER = "portal.errors.PortalExceptionReporterFilter"
LOGGING = logging_config(
    fmt=env.str("DJANGO_LOG_FORMAT", default="text"),
    level=env.str("DJANGO_LOG_LEVEL", default="INFO"),
)
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    init_sentry(SENTRY_DSN, environment=env.str("SENTRY_ENVIRONMENT", default="production"))

# Backups keep every microsecond (portal/backup_json.py, portal/backups.py).
SERIALIZATION_MODULES = {"backup-json": "portal.backup_json"}

FORM_RENDERER = "portal.forms_renderer.PortalFormRenderer"
