"""Static files: hashed names and long cache lifetimes in production and in `make dev` alike."""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed, hashed storage, whose URLs stay hashed with DEBUG on.

    Django gives plain names under DEBUG, which WhiteNoise must serve with `max-age=0`: every
    page then re-checks every asset. `make dev` runs collectstatic first, so the manifest knows
    each file and WhiteNoise serves the hashed name as immutable, as in production. A file added
    since the last collectstatic falls back to its plain name (rerun `make dev` to hash it)."""

    def url(self, name, force=False):
        if settings.DEBUG and not force:
            force = self.hash_key(self.clean_name(name)) in self.hashed_files
        return super().url(name, force=force)
