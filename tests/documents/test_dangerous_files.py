"""Files that would run when double-clicked after download, and archives costly to inspect:
refused on the name as well as the content, and before `zipfile` parses a huge directory."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from documents import archives, validation
from documents.filetypes import extension_of
from documents.validation import inspect_upload

from .helpers import docx_bytes, pdf_bytes, png_bytes, upload

TEXT = b"echo hello\r\n"


def _refused(name: str, data: bytes) -> str | None:
    with pytest.raises(ValidationError) as exc:
        inspect_upload(upload(name, data))
    return exc.value.error_list[0].code


@pytest.mark.parametrize(
    "name", ["run.bat", "x.ps1", "a.vbs", "app.js", "k.reg", "go.url", "doc.lnk", "h.hta"]
)
def test_names_that_run_something_are_refused_whatever_the_content(name):
    assert _refused(name, TEXT) == "dangerous_name"


@pytest.mark.parametrize("name", ["page.html", "page.HTM", "run.bat.", "run.bat ", "pic.svg"])
def test_web_pages_and_disguised_names_are_refused(name):
    assert _refused(name, b"plain words, no tags\n") == "dangerous_name"


@pytest.mark.parametrize(
    "name,data",
    [
        ("report.docx", pdf_bytes()),
        ("report", pdf_bytes()),
        ("photo.pdf", png_bytes()),
        ("notes.exe.txt.docx", b"just text\n"),
        ("plan.zip", docx_bytes()),
        ("plan.csv", docx_bytes()),
    ],
)
def test_the_extension_must_match_the_detected_kind(name, data):
    assert _refused(name, data) == "extension"


def test_an_archive_holding_a_program_that_passes_as_a_word_file_is_refused():
    disguised = docx_bytes({"payload/setup.exe": b"MZ\x90\x00" + b"\0" * 64})
    assert _refused("plan.zip", disguised) == "exec_member"
    assert _refused("plan.docx", disguised) == "exec_member"


@pytest.mark.parametrize(
    "member,data",
    [
        ("word/media/image1.png", b"MZ\x90\x00program"),  # a program under an innocent name
        ("word/run.bat", b"echo"),
        ("word/embeddings/inner.zip", b"PK\x03\x04"),
        ("customXml/tool.sh", b"#!/bin/sh\n"),
    ],
)
def test_members_that_are_programs_scripts_or_archives_are_refused(member, data):
    assert _refused("plan.docx", docx_bytes({member: data})) == "exec_member"


def test_documents_with_ordinary_members_still_pass():
    data = docx_bytes({"word/media/image1.png": png_bytes(), "docProps/app.xml": b"<x/>"})
    assert inspect_upload(upload("plan.docx", data)).kind == "office"


@pytest.mark.parametrize(
    "name,ext",
    [("a.PDF", "pdf"), ("a.tar.gz", "gz"), (".bashrc", ""), ("plan", ""), ("x.bat. . ", "bat")],
)
def test_extension_of(name, ext):
    assert extension_of(name) == ext


def _many_entries(count: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        for i in range(count):
            z.writestr(f"e/{i}", b"")
    return out.getvalue()


def _lie_about_the_count(data: bytes, entries: int) -> bytes:
    """Rewrite the end record to declare `entries` (the directory itself is unchanged)."""
    end = data.rindex(archives.EOCD_SIGNATURE)
    fields = list(archives.EOCD.unpack(data[end : end + archives.EOCD.size]))
    fields[3] = fields[4] = entries
    return data[:end] + archives.EOCD.pack(*fields) + data[end + archives.EOCD.size :]


def _forbid_zipfile(monkeypatch):
    """Building a ZipFile parses the whole directory: the cheap check must come first."""

    def refuse(*args, **kwargs):
        raise AssertionError("ZipFile built before the entry count was checked")

    monkeypatch.setattr(validation.zipfile, "ZipFile", refuse)


@pytest.mark.parametrize("lie", [False, True])
def test_many_entries_are_refused_before_the_directory_is_parsed(monkeypatch, lie):
    data = _many_entries(validation.ZIP_MAX_MEMBERS + 10)
    if lie:
        data = _lie_about_the_count(data, 2)
    _forbid_zipfile(monkeypatch)
    assert _refused("plan.docx", data) == "zip_bomb"


def test_a_huge_declared_directory_is_refused_before_reading_it(monkeypatch):
    data = docx_bytes()
    _forbid_zipfile(monkeypatch)
    end = data.rindex(archives.EOCD_SIGNATURE)
    fields = list(archives.EOCD.unpack(data[end : end + archives.EOCD.size]))
    fields[5] = 0xFFFFFFF0  # central directory size
    forged = data[:end] + archives.EOCD.pack(*fields)
    assert _refused("plan.docx", forged) == "zip_bomb"


def test_a_zip64_record_is_read_for_the_count(monkeypatch):
    data = docx_bytes()
    _forbid_zipfile(monkeypatch)
    end = data.rindex(archives.EOCD_SIGNATURE)
    fields = list(archives.EOCD.unpack(data[end : end + archives.EOCD.size]))
    size, offset = fields[5], fields[6]
    record64 = archives.ZIP64_EOCD.pack(
        archives.ZIP64_EOCD_SIGNATURE, 44, 45, 45, 0, 0, 10**6, 10**6, size, offset
    )
    locator = archives.ZIP64_LOCATOR.pack(archives.ZIP64_LOCATOR_SIGNATURE, 0, end, 1)
    fields[3] = fields[4] = 0xFFFF
    forged = data[:end] + record64 + locator + archives.EOCD.pack(*fields)
    assert _refused("plan.docx", forged) == "zip_bomb"


def test_truncated_end_record_is_damaged():
    data = docx_bytes()
    assert _refused("plan.docx", data[: data.rindex(archives.EOCD_SIGNATURE) + 10]) == "corrupt"


def test_the_limit_itself_still_passes():
    data = _many_entries(validation.ZIP_MAX_MEMBERS - 2)
    assert archives.read_directory_size(io.BytesIO(data), max_entries=5000) == 5000
