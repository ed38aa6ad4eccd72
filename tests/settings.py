"""Test overlay: the real settings module, plus fast hashing and in-memory mail."""

import os

os.environ["DJANGO_ENV_FILE"] = ""  # a developer's .env never leaks into the tests
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")

from portal.settings import *  # noqa: E402,F403

# Tests keep the connection behaviour of development (production keeps connections a minute).
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = False  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
STORAGES["default"]["OPTIONS"]["location"] = MEDIA_ROOT  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PORTAL_LEADS_REQUIRE_MFA = False
ACCOUNT_RATE_LIMITS = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
ALLOWED_HOSTS = ["*"]
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# live_server wraps a media handler that needs a string; nothing links to this prefix.
MEDIA_URL = "/__media-is-never-served__/"
# Documents go to a directory of their own; tests/documents/conftest.py points each test at a
# fresh temporary one.
DOCUMENTS_ROOT = BASE_DIR / "var" / "test-documents"  # noqa: F405
STORAGES["documents"] = {  # noqa: F405
    "BACKEND": "documents.storage.PrivateFileSystemStorage",
    "OPTIONS": {"location": DOCUMENTS_ROOT},
}
