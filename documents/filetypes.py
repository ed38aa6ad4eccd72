"""Which file names go with which content.

Downloads keep the name the person gave, and a double-click on Windows or macOS acts on the
extension, not on the bytes: a `.bat` whose content passes as text still runs. So a name's
extension must be one of those listed for the kind of content detected, and extensions that
run, open a web page or follow a link are refused whatever the content is.
"""

EXECUTABLE_MAGIC = (
    b"MZ",  # Windows
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O, Java class
    b"#!",  # scripts
    b"\x00asm",
    b"dex\n",
)

# Refused whatever the content, and inside documents: they run code or point elsewhere.
PROGRAM_EXTENSIONS = frozenset(
    {
        # Windows programs, installers, libraries and their shells
        "exe",
        "com",
        "scr",
        "pif",
        "cpl",
        "msi",
        "msp",
        "msc",
        "dll",
        "sys",
        "drv",
        "ocx",
        "bat",
        "cmd",
        "ps1",
        "psm1",
        "psd1",
        "ps1xml",
        "psc1",
        "vbs",
        "vbe",
        "js",
        "jse",
        "mjs",
        "wsf",
        "wsh",
        "wsc",
        "sct",
        "hta",
        "reg",
        "inf",
        "scf",
        "lnk",
        "url",
        "website",
        "appref-ms",
        "application",
        "gadget",
        "settingcontent-ms",
        "library-ms",
        "search-ms",
        "xll",
        "xlam",
        "ppam",
        "chm",
        "hlp",
        "jar",
        "jnlp",
        "appx",
        "msix",
        "appxbundle",
        "msixbundle",
        # Unix and macOS
        "sh",
        "bash",
        "zsh",
        "csh",
        "ksh",
        "command",
        "tool",
        "app",
        "pkg",
        "dmg",
        "desktop",
        "run",
        "elf",
        "deb",
        "rpm",
        "py",
        "pl",
        "rb",
        "php",
        # Office files that carry macros
        "docm",
        "dotm",
        "xlsm",
        "xltm",
        "xlsb",
        "pptm",
        "potm",
        "ppsm",
        "sldm",
    }  # fmt: skip
)
# Web pages and drawings run script in a browser. Documents are made of XML parts, so these
# are refused as names of uploads only.
WEB_EXTENSIONS = frozenset(
    {"html", "htm", "xhtml", "shtml", "mht", "mhtml", "svg", "svgz", "xml", "xsl", "xslt"}
)
DANGEROUS_EXTENSIONS = PROGRAM_EXTENSIONS | WEB_EXTENSIONS

# The extensions a detected content type may be named with.
EXTENSIONS = {
    "application/pdf": ("pdf",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx", "dotx"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx", "xltx"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (
        "pptx",
        "potx",
        "ppsx",
    ),
    "application/vnd.oasis.opendocument.text": ("odt",),
    "application/vnd.oasis.opendocument.spreadsheet": ("ods",),
    "application/vnd.oasis.opendocument.presentation": ("odp",),
    "text/plain": ("txt", "text", "md", "markdown", "log"),
    "text/csv": ("csv", "tsv"),
    "image/jpeg": ("jpg", "jpeg", "jfif"),
    "image/png": ("png",),
    "image/gif": ("gif",),
    "image/webp": ("webp",),
}


def extension_of(name: str) -> str:
    """The lower-case extension that the desktop will act on: Windows ignores trailing dots
    and spaces, so `run.bat. ` is a `.bat`."""
    stem = name.rstrip(". ")
    base = stem.rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[1].lower() if "." in base.lstrip(".") else ""


def extensions_for(content_type: str) -> tuple[str, ...]:
    return EXTENSIONS.get(content_type.split(";", 1)[0].strip(), ())
