"""Where document bytes live: a private directory in development, a private S3 bucket in
production. Both store under random keys, never overwrite, and never serve a public URL.

Only the services (upload) and the purge command write or delete here; views read.
"""

import os
import posixpath
import uuid
from collections.abc import Iterator
from typing import cast
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from storages.backends.s3 import S3Storage

# Presigned S3 links live this long (seconds); the brief asks for at most 60.
PRESIGN_SECONDS = 60


class KeyExists(Exception):
    """A generated key is already taken: we refuse to overwrite a stored file."""


def get_storage() -> Storage:
    return storages["documents"]


def new_key(prefix: str = "files") -> str:
    """A random key, sharded in two levels of directories; nothing of the user's file name."""
    hexa = uuid.uuid4().hex
    return f"{prefix}/{hexa[:2]}/{hexa[2:4]}/{hexa}"


def content_disposition(filename: str, disposition: str = "attachment") -> str:
    """RFC 6266 with an RFC 5987 `filename*` for names in any script, and an ASCII fallback."""
    ascii_name = filename.encode("ascii", "ignore").decode("ascii")
    ascii_name = "".join(c if c.isprintable() and c not in '"\\;' else "_" for c in ascii_name)
    ascii_name = ascii_name.strip() or "document"
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


class PrivateFileSystemStorage(FileSystemStorage):
    """Files readable by the owner only, no URL, and no silent renaming or overwriting."""

    def __init__(self, location=None, **kwargs):
        kwargs.setdefault("file_permissions_mode", 0o600)
        kwargs.setdefault("directory_permissions_mode", 0o700)
        kwargs["base_url"] = None
        super().__init__(location=location or settings.DOCUMENTS_ROOT, **kwargs)

    def get_available_name(self, name, max_length=None):
        if self.exists(name):
            raise KeyExists(name)
        return name

    def url(self, name):
        raise NotImplementedError("Documents are only served through the download view.")

    def _save(self, name, content):
        os.makedirs(self.location, mode=0o700, exist_ok=True)
        os.chmod(self.location, 0o700)
        return super()._save(name, content)


class DocumentS3Storage(S3Storage):
    """django-storages' S3 backend with our defaults enforced, whatever the environment says:
    private objects, no overwrite, short presigned links, no custom domain (it would give
    unsigned URLs), and the content type we detected, not the one the browser claimed."""

    def __init__(self, **settings_):
        settings_.update(
            file_overwrite=False,
            default_acl="private",
            querystring_auth=True,
            querystring_expire=PRESIGN_SECONDS,
            custom_domain=None,
            # Signature version 4: the link carries X-Amz-Expires and cannot outlive it.
            signature_version="s3v4",
        )
        params = dict(settings_.get("object_parameters") or {})
        params.pop("ContentType", None)
        params["ContentDisposition"] = "attachment"
        settings_["object_parameters"] = params
        super().__init__(**settings_)

    def get_available_name(self, name, max_length=None):
        if self.exists(name):
            raise KeyExists(name)
        return name

    def _get_write_parameters(self, name, content=None):
        params = super()._get_write_parameters(name, content)
        params["ContentType"] = getattr(content, "content_type", None) or "application/octet-stream"
        params.pop("ContentEncoding", None)
        params["ContentDisposition"] = "attachment"
        return params


def is_s3(storage: Storage) -> bool:
    return isinstance(storage, S3Storage)


def presigned_url(storage: Storage, key: str, *, filename: str, content_type: str) -> str:
    return cast(S3Storage, storage).url(
        key,
        parameters={
            "ResponseContentDisposition": content_disposition(filename),
            "ResponseContentType": content_type,
        },
        expire=PRESIGN_SECONDS,
    )


def walk(storage: Storage, top: str = "") -> Iterator[str]:
    """Every stored key under `top`, for the purge command's orphan sweep."""
    try:
        directories, files = storage.listdir(top)
    except FileNotFoundError:
        return
    for name in files:
        yield posixpath.join(top, name) if top else name
    for directory in directories:
        yield from walk(storage, posixpath.join(top, directory) if top else directory)
