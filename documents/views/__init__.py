"""Views connect forms, services and responses; every object comes through permissions.py."""

from .actions import delete, publish, restore, share
from .attachments import attach, detach
from .browse import audit_log, detail, index, preferences, space, trash
from .common import search_documents
from .editing import edit, upload, version_upload
from .files import download, thumbnail, version_download

__all__ = [
    "attach",
    "audit_log",
    "delete",
    "detach",
    "detail",
    "download",
    "edit",
    "index",
    "preferences",
    "publish",
    "restore",
    "search_documents",
    "share",
    "space",
    "thumbnail",
    "trash",
    "upload",
    "version_download",
    "version_upload",
]
