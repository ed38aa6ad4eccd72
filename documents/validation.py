"""What an uploaded file really is, decided from its bytes, and whether its name says the same.

Allowed: PDF, Office Open XML (docx, xlsx, pptx, without macros or programs inside), OpenDocument
(odt, ods, odp), plain text and CSV (UTF-8 or Latin-1), and JPEG, PNG, GIF, WebP pictures, each
under an extension of its kind (`filetypes.EXTENSIONS`). Everything else is refused: executables,
scripts, HTML, SVG, archives, legacy binary Office files (they can carry macros and share their
container format with installers), and names that run or open something whatever the content
(`filetypes.DANGEROUS_EXTENSIONS`: `.bat`, `.js`, `.lnk`, `.html`…), since downloads keep the name.
"""

import codecs
import re
import struct
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from . import archives
from .filetypes import DANGEROUS_EXTENSIONS, EXECUTABLE_MAGIC, extension_of, extensions_for

CHUNK = 64 * 1024
MAX_NAME_LENGTH = 200
# Direction overrides make "invoice\u202efdp.exe" look like "invoice.exe.pdf".
BIDI_CONTROLS = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Limits against zip bombs dressed as Office files.
ZIP_MAX_MEMBERS = 5000
ZIP_MAX_UNCOMPRESSED = 1024 * 1024 * 1024
ZIP_MAX_RATIO = 200
ZIP_RATIO_FLOOR = 20 * 1024 * 1024
# Pictures: decompression bombs are refused.
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}

OOXML = {
    "word/document.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "xl/workbook.xml": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "ppt/presentation.xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pptx",
    ),
}
ODF = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MARKUP = re.compile(
    rb"<\s*(!doctype\s+html|html|head|body|script|svg|iframe|object|embed|\?xml|!entity)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Inspected:
    """An upload that passed inspection: its bytes are what `content_type` says."""

    upload: object
    name: str
    size: int
    content_type: str
    kind: str  # pdf, office, text, image

    @property
    def is_image(self) -> bool:
        return self.kind == "image"


def clean_filename(name: str) -> str:
    """The name as the person gave it, for display and download; refused when it cannot be a
    plain file name. It is never used to build a storage key."""
    name = unicodedata.normalize("NFC", name or "")
    if "\x00" in name or any(
        unicodedata.category(c) in {"Cc", "Zl", "Zp"} or c in BIDI_CONTROLS for c in name
    ):
        raise ValidationError(
            _("The file name contains invisible control characters: rename the file."),
            code="name_control",
        )
    if "/" in name or "\\" in name or name.strip() in {"", ".", ".."}:
        raise ValidationError(
            _("The file name must not contain folders or “..”: rename the file."),
            code="name_path",
        )
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            _("The file name is too long (at most %(n)d characters): rename the file.")
            % {"n": MAX_NAME_LENGTH},
            code="name_long",
        )
    return name.strip()


def inspect_upload(upload) -> Inspected:
    """Check size, name and content; raise ValidationError with a message for the person."""
    name = clean_filename(upload.name)
    if extension_of(name) in DANGEROUS_EXTENSIONS:
        _refuse(
            name,
            _(
                "“%(name)s” is a type of file that runs a program or opens a web page when "
                "opened: it cannot be shared."
            ),
            "dangerous_name",
        )
    size = upload.size
    limit = settings.PORTAL_DOCUMENT_MAX_BYTES
    if not size:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    if size > limit:
        raise ValidationError(
            _("“%(name)s” is larger than the limit of %(limit)s.")
            % {"name": name, "limit": filesizeformat(limit)},
            code="too_big",
        )
    upload.seek(0)
    head = upload.read(CHUNK)
    upload.seek(0)
    if len(head) < min(size, CHUNK):
        raise ValidationError(
            _("“%(name)s” arrived incomplete: please upload it again.") % {"name": name},
            code="incomplete",
        )
    try:
        content_type, kind = _detect(upload, head, name)
    finally:
        upload.seek(0)
    _check_extension(name, content_type)
    return Inspected(upload=upload, name=name, size=size, content_type=content_type, kind=kind)


def _refuse(name: str, message: str, code: str, **params):
    raise ValidationError(message % {"name": name, **params}, code=code)


def _check_extension(name: str, content_type: str) -> None:
    expected = extensions_for(content_type)
    if extension_of(name) not in expected:
        _refuse(
            name,
            _(
                "The content of “%(name)s” does not match its name: a file of this kind must "
                "end in %(expected)s. Rename it and upload it again."
            ),
            "extension",
            expected=", ".join(f".{ext}" for ext in expected),
        )


def _detect(upload, head: bytes, name: str) -> tuple[str, str]:
    if head.startswith(EXECUTABLE_MAGIC):
        _refuse(name, _("“%(name)s” is a program or a script: these cannot be shared."), "exec")
    if head.startswith(b"%PDF-"):
        return _check_pdf(upload, name), "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _check_zip(upload, name), "office"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        _refuse(
            name,
            _(
                "“%(name)s” is an old binary Office file, which can hide macros: save it as "
                ".docx, .xlsx, .pptx or OpenDocument and upload it again."
            ),
            "legacy_office",
        )
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")) or (
        head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    ):
        return _check_image(upload, name), "image"
    return _check_text(upload, head, name), "text"


def _check_pdf(upload, name: str) -> str:
    upload.seek(max(upload.size - 2048, 0))
    tail = upload.read()
    if b"%%EOF" not in tail:
        _refuse(
            name,
            _("“%(name)s” is a damaged or incomplete PDF: open it, save it again and retry."),
            "corrupt",
        )
    return "application/pdf"


def _check_zip(upload, name: str) -> str:
    """An Office Open XML or OpenDocument file: the end records are checked before the
    directory is parsed (see `archives`), then the members' sizes, names and first bytes."""
    try:
        archives.read_directory_size(upload, max_entries=ZIP_MAX_MEMBERS)
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > ZIP_MAX_MEMBERS:
                raise archives.TooManyEntries
            total = sum(m.file_size for m in members)
            packed = sum(m.compress_size for m in members) or 1
            if total > ZIP_MAX_UNCOMPRESSED or (
                total > ZIP_RATIO_FLOOR and total / packed > ZIP_MAX_RATIO
            ):
                raise archives.TooManyEntries
            names = {m.filename for m in members}
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                _refuse(
                    name,
                    _("“%(name)s” contains macros: save it without macros and upload it again."),
                    "macros",
                )
            if archives.dangerous_members(archive):
                _refuse(
                    name,
                    _(
                        "“%(name)s” contains programs, scripts or other archives: these cannot "
                        "be shared."
                    ),
                    "exec_member",
                )
            mime = _container_type(archive, names)
    except archives.TooManyEntries:
        _refuse(
            name,
            _("“%(name)s” expands to far more data than it holds (a “zip bomb”): refused."),
            "zip_bomb",
        )
    except (
        archives.Damaged,
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        RuntimeError,
        OSError,
        EOFError,
        KeyError,
        ValueError,
        struct.error,
    ):
        _refuse(name, _("“%(name)s” is damaged or incomplete: save it again and retry."), "corrupt")
    if mime:
        return mime
    _refuse(
        name,
        _("“%(name)s” is an archive, not a document: archives cannot be shared here."),
        "archive",
    )
    return ""  # not reached


def _container_type(archive: zipfile.ZipFile, names: set[str]) -> str:
    """The Office or OpenDocument type the archive declares, or "" for any other archive."""
    if "[Content_Types].xml" in names:
        for marker, (mime, _ext) in OOXML.items():
            if marker in names:
                return mime
    if "mimetype" in names:
        info = archive.getinfo("mimetype")
        if info.file_size < 100:
            mime = archive.read(info).decode("ascii", "replace").strip()
            if mime in ODF:
                return mime
    return ""


def _check_image(upload, name: str) -> str:
    upload.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload, formats=sorted(IMAGE_FORMATS))
            if image.width * image.height > IMAGE_MAX_PIXELS:
                raise Image.DecompressionBombError
            image.verify()
            fmt = image.format
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            _refuse(name, _("“%(name)s” is a picture too large in pixels: refused."), "bomb")
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            _refuse(name, _("“%(name)s” is a damaged or incomplete picture: refused."), "corrupt")
    return IMAGE_FORMATS[fmt or ""]


def _check_text(upload, head: bytes, name: str) -> str:
    """Plain text or CSV: no NUL or control bytes, valid UTF-8 (or Latin-1), and no markup."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<") or MARKUP.search(head):
        _refuse(
            name,
            _("“%(name)s” is a web page or a drawing (HTML, SVG, XML): these cannot be shared."),
            "markup",
        )
    if stripped.startswith((b"{\\rtf", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf", b"BZh", b"\xfd7zXZ")):
        _refuse(name, _("“%(name)s” is not a type of file accepted here."), "unknown")
    upload.seek(0)
    utf8 = True
    incremental = codecs.getincrementaldecoder("utf-8")()
    while chunk := upload.read(CHUNK):
        if CONTROL_BYTES.search(chunk):
            _refuse(name, _("“%(name)s” is not a type of file accepted here."), "unknown")
        if MARKUP.search(chunk):
            _refuse(
                name,
                _(
                    "“%(name)s” is a web page or a drawing (HTML, SVG, XML): these cannot be "
                    "shared."
                ),
                "markup",
            )
        if utf8:
            try:
                incremental.decode(chunk)
            except UnicodeDecodeError:
                utf8 = False
    if utf8:
        try:
            incremental.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    charset = "utf-8" if utf8 else "iso-8859-1"
    kind = "text/csv" if name.lower().endswith((".csv", ".tsv")) else "text/plain"
    return f"{kind}; charset={charset}"
