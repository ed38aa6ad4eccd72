"""Cheap, bounded checks of the zip containers that Office and OpenDocument files are made of.

`zipfile.ZipFile` parses the whole central directory when it opens (a 50 MB upload with a
million entries costs seconds of CPU and hundreds of MB), so `read_directory_size` first reads
only the end-of-central-directory record, the way `zipfile` itself finds it, and refuses an
archive that declares, or whose directory holds, more entries than the limit before anything
parses it. `dangerous_members` then looks inside an archive small enough to open: a document
must not carry programs (a .zip or .docx with an .exe in it passes as a Word file otherwise).

Domain code without Django: the caller turns the exceptions into messages for the person.
"""

import struct
import zipfile

from .filetypes import EXECUTABLE_MAGIC, PROGRAM_EXTENSIONS, extension_of

# The record layouts of the zip specification (APPNOTE.TXT 4.3.14-4.3.16), as in zipfile.
EOCD = struct.Struct("<4s4H2LH")
EOCD_SIGNATURE = b"PK\x05\x06"
ZIP64_LOCATOR = struct.Struct("<4sLQL")
ZIP64_LOCATOR_SIGNATURE = b"PK\x06\x07"
ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
ZIP64_EOCD_SIGNATURE = b"PK\x06\x06"
CENTRAL_ENTRY_SIGNATURE = b"PK\x01\x02"
MAX_COMMENT = 0xFFFF
# An Office file's directory entry is 46 bytes plus a short name and extras: 300 bytes per
# entry leaves room for long names and bounds what a lying entry count could hide.
MAX_DIRECTORY_BYTES_PER_ENTRY = 300
# Members inside a document that are themselves containers of other files.
NESTED_ARCHIVES = frozenset({"zip", "7z", "rar", "cab", "iso", "img", "vhd", "vhdx", "tar", "gz"})


class Damaged(Exception):
    """Not a readable zip archive."""


class TooManyEntries(Exception):
    """More entries, or a larger central directory, than the limit allows."""


def _end_record(upload) -> tuple[int, tuple]:
    """Where the end-of-central-directory record is and what it says, found as `zipfile` does:
    at the very end, else the last signature within the 64 KB a comment may take."""
    upload.seek(0, 2)
    size = upload.tell()
    if size < EOCD.size:
        raise Damaged
    upload.seek(size - EOCD.size)
    data = upload.read(EOCD.size)
    if data[:4] == EOCD_SIGNATURE and data[-2:] == b"\0\0":
        return size - EOCD.size, EOCD.unpack(data)
    start = max(size - MAX_COMMENT - EOCD.size, 0)
    upload.seek(start)
    data = upload.read()
    found = data.rfind(EOCD_SIGNATURE)
    if found < 0 or len(data) - found < EOCD.size:
        raise Damaged
    return start + found, EOCD.unpack(data[found : found + EOCD.size])


def read_directory_size(upload, *, max_entries: int) -> int:
    """The number of entries in the archive's central directory, checked against `max_entries`
    from the end records alone (and a count of entry signatures in the directory's bytes, so
    a record that under-states the count does not help): raises TooManyEntries or Damaged
    without building a `ZipFile`."""
    position, record = _end_record(upload)
    entries, directory_size = record[4], record[5]
    trailer = 0
    if position >= ZIP64_LOCATOR.size:
        upload.seek(position - ZIP64_LOCATOR.size)
        locator = upload.read(ZIP64_LOCATOR.size)
        if locator[:4] == ZIP64_LOCATOR_SIGNATURE:
            start = position - ZIP64_LOCATOR.size - ZIP64_EOCD.size
            if start < 0:
                raise Damaged
            upload.seek(start)
            record64 = ZIP64_EOCD.unpack(upload.read(ZIP64_EOCD.size))
            if record64[0] != ZIP64_EOCD_SIGNATURE:
                raise Damaged
            entries, directory_size = record64[7], record64[8]
            trailer = ZIP64_LOCATOR.size + ZIP64_EOCD.size
    if entries > max_entries or directory_size > max_entries * MAX_DIRECTORY_BYTES_PER_ENTRY:
        raise TooManyEntries
    directory_start = position - trailer - directory_size
    if directory_start < 0:
        raise Damaged
    upload.seek(directory_start)
    directory = upload.read(directory_size)
    counted = directory.count(CENTRAL_ENTRY_SIGNATURE)
    if counted > max_entries:
        raise TooManyEntries
    return max(entries, counted)


def dangerous_members(archive: zipfile.ZipFile) -> list[str]:
    """Names of members that are programs, scripts, shortcuts or nested archives, by their
    name or by their first bytes (an .exe renamed to .xml inside a .docx)."""
    found = []
    for info in archive.infolist():
        if info.is_dir():
            continue
        ext = extension_of(info.filename)
        if ext in PROGRAM_EXTENSIONS or ext in NESTED_ARCHIVES:
            found.append(info.filename)
            continue
        with archive.open(info) as member:
            if member.read(8).startswith(EXECUTABLE_MAGIC):
                found.append(info.filename)
    return found
