"""Writes to the document exchange, by topic: atomic, audited, and careful with stored bytes.

Bytes are stored first, under random keys; rows are then written in one transaction. If the
transaction fails, the bytes just stored are deleted again; if storing fails, no row is written.
Apart from that clean-up, only `documents_purge` (the purge command) deletes stored files.

- `storing`: the bytes (store, copy, clean up), version rows and the e-mail notice after commit.
- `uploads`: new documents, new versions, publication to the community library.
- `editing`: the description (versioned), sharing, attachments, preferences, downloads.
- `trash`: the trash, restore and the purge.
"""

from .editing import (
    attachment_add,
    attachment_remove,
    document_share,
    document_update,
    download_record,
    preference_set,
)
from .storing import StorageFailed
from .trash import PurgeReport, document_restore, document_trash, documents_purge
from .uploads import document_publish, documents_upload, version_add

__all__ = [
    "PurgeReport",
    "StorageFailed",
    "attachment_add",
    "attachment_remove",
    "document_publish",
    "document_restore",
    "document_share",
    "document_trash",
    "document_update",
    "documents_purge",
    "documents_upload",
    "download_record",
    "preference_set",
    "version_add",
]
