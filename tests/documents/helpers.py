"""Files made in code for document tests, and storage switches shared with browser journeys."""

import io
import uuid
import zipfile

import boto3
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

S3_KEYS = {"access_key": "testing", "secret_key": "testing"}


def use_local_storage(settings, root):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "documents.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": root},
        },
    }
    return root


def use_s3_storage(settings, endpoint: str) -> dict:
    bucket = f"docs-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=S3_KEYS["access_key"],
        aws_secret_access_key=S3_KEYS["secret_key"],
    )
    client.create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "documents.storage.DocumentS3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                **S3_KEYS,
                "location": "documents",
                # What a careless configuration might say; the storage must ignore it.
                "file_overwrite": True,
                "querystring_expire": 3600,
                "custom_domain": "cdn.example.org",
            },
        },
    }
    return {"client": client, "bucket": bucket, "endpoint": endpoint}


def pdf_bytes(text: str = "Hello") -> bytes:
    body = (
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        f"% {text}\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return body.encode()


def pdf(name: str = "plan.pdf", text: str = "Hello") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def csv_file(
    name: str = "budget.csv", text: str = "item,amount\nréunion,120\n"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def png_bytes(size=(600, 400), exif: bool = False) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (30, 120, 200))
    if exif:
        data = Image.Exif()
        data[0x010F] = "SpyCam Inc."
        image.save(out, format="JPEG", exif=data.tobytes())
    else:
        image.save(out, format="PNG")
    return out.getvalue()


def png(name: str = "photo.png", size=(600, 400)) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(size), content_type="image/png")


def docx_bytes(extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return out.getvalue()


def odt_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)
