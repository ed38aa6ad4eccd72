"""Demo documents for `seed_demo`: a few believable files in the demo organisations' spaces and
the community library, generated in code (no binary files in the repository).

Idempotent: a document whose title already exists in its space is left alone.
"""

import io
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from documents import services
from documents.models import Document
from documents.validation import inspect_upload
from mentoring.models import Organisation


def make_pdf(title: str, lines: list[str]) -> bytes:
    """A small, valid one-page PDF with a title and a few lines of text (WinAnsi: accents)."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 18 Tf", "72 760 Td", f"({escape(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        ops += ["0 -20 Td", f"({escape(line)}) Tj"]
    ops.append("ET")
    stream = "\n".join(ops).encode("cp1252", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def make_png(label: str, colour=(0, 94, 132)) -> bytes:
    image = Image.new("RGB", (800, 500), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 760, 460), outline=(255, 255, 255), width=6)
    draw.text((70, 230), label, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _file(name: str, data: bytes):
    return inspect_upload(SimpleUploadedFile(name, data))


# space slug (None: library), uploader, title, file name, bytes, category, tags, language
DOCUMENTS = [
    (
        "ance-togo",
        "mentee@demo.example",
        "Plan d'action collective – eau et énergie",
        "Plan d'action – eau et énergie.pdf",
        lambda: make_pdf(
            "Plan d'action collective",
            [
                "Objectif : un pacte d'intégrité avec les fournisseurs d'eau et d'énergie.",
                "Étape 1 : cartographie des acteurs (mars).",
                "Étape 2 : atelier avec les associations de consommateurs (avril).",
            ],
        ),
        Document.Category.WORKING,
        "action collective, eau, énergie",
        "fr",
    ),
    (
        "ance-togo",
        "ance.juriste@demo.example",
        "Budget prévisionnel des ateliers",
        "budget-ateliers.csv",
        lambda: b"poste,montant_fcfa\nsalle,150000\nrestauration,220000\ntransport,90000\n",
        Document.Category.WORKING,
        "budget",
        "fr",
    ),
    (
        "cost-malawi",
        "cost.manager@demo.example",
        "Assurance report: Lilongwe road upgrade",
        "assurance-report-lilongwe.pdf",
        lambda: make_pdf(
            "Assurance report (draft)",
            [
                "Project: M1 road upgrade, Lilongwe section.",
                "Disclosure: 28 of 40 data points published (70%).",
                "Issues: cost overrun of 18% without published variation orders.",
            ],
        ),
        Document.Category.REPORT,
        "infrastructure, disclosure",
        "en",
    ),
    (
        "cost-malawi",
        "cost.comms@demo.example",
        "Workshop photo: multi-stakeholder group",
        "msg-workshop.png",
        lambda: make_png("CoST Malawi - multi-stakeholder group workshop"),
        Document.Category.OTHER,
        "workshop",
        "en",
    ),
    (
        None,
        "lead@demo.example",
        "Collective Action toolkit: getting started",
        "collective-action-toolkit.pdf",
        lambda: make_pdf(
            "Collective Action toolkit",
            [
                "1. Identify the shared corruption risk.",
                "2. Bring competitors and public bodies to one table.",
                "3. Agree on standards, monitoring and a neutral facilitator.",
            ],
        ),
        Document.Category.TOOL,
        "collective action, toolkit",
        "en",
    ),
    (
        None,
        "lead2@demo.example",
        "Modèle de pacte d'intégrité",
        "modele-pacte-integrite.pdf",
        lambda: make_pdf(
            "Modèle de pacte d'intégrité",
            ["Parties, engagements, contrôle indépendant, sanctions."],
        ),
        Document.Category.TEMPLATE,
        "pacte d'intégrité, modèle",
        "fr",
    ),
]


def seed(*, now: datetime) -> None:
    users = {u.email: u for u in get_user_model().objects.filter(email__endswith="@demo.example")}
    spaces = {o.slug: o for o in Organisation.objects.filter(slug__in=["ance-togo", "cost-malawi"])}
    created: dict[str, Document] = {}
    for slug, email, title, filename, data, category, tags, language in DOCUMENTS:
        organisation = spaces.get(slug) if slug else None
        if slug and organisation is None:
            continue
        existing = Document.objects.filter(organisation=organisation, title=title).first()
        if existing is not None:
            created[title] = existing
            continue
        created[title] = services.documents_upload(
            organisation=organisation,
            actor=users.get(email),
            files=[_file(filename, data())],
            title=title,
            category=category,
            tags=tags,
            language=language,
            notify=False,
        )[0]
    plan = created.get("Plan d'action collective – eau et énergie")
    report = created.get("Assurance report: Lilongwe road upgrade")
    if plan is not None and "cost-malawi" in spaces and not plan.shares.exists():
        services.document_share(
            document=plan,
            actor=users.get("mentee@demo.example"),
            organisations=[spaces["cost-malawi"]],
            notify=False,
        )
    if report is not None and report.versions.count() == 1:
        services.version_add(
            document=report,
            actor=users.get("mentor@demo.example"),
            file=_file(
                "assurance-report-lilongwe-v2.pdf",
                make_pdf(
                    "Assurance report (reviewed)",
                    [
                        "Project: M1 road upgrade, Lilongwe section.",
                        "Disclosure: 31 of 40 data points published (78%).",
                        "Mentor's note: ask the procuring entity for the variation orders.",
                    ],
                ),
            ),
            based_on=1,
            note="Figures updated after the mentor's review",
        )
