"""Safe handling of uploaded pictures (avatars, logos): verified, bounded, resized, stripped."""

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def open_image_safely(data: bytes) -> Image.Image:
    """Open bytes as an image of an allowed format, treating decompression-bomb warnings as errors."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            probe = Image.open(io.BytesIO(data), formats=sorted(ALLOWED_FORMATS))
            probe.verify()
            image = Image.open(io.BytesIO(data), formats=sorted(ALLOWED_FORMATS))
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("This picture is too large in pixels."), code="bomb")
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ValidationError(_("This picture is too large in pixels."), code="bomb") from exc
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise ValidationError(
                _("This file is not a picture we can read (use JPEG, PNG, GIF or WebP)."),
                code="invalid",
            ) from exc
    return image


def process_picture(upload, *, max_px: int = 256) -> ContentFile:
    """Return a re-encoded PNG of at most max_px on each side, with no metadata."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The picture must be at most 5 MB."), code="too_big")
    upload.seek(0)
    image = open_image_safely(upload.read())
    image = image.convert("RGBA")
    image.thumbnail((max_px, max_px))
    clean = Image.new("RGBA", image.size)
    clean.paste(image)
    out = io.BytesIO()
    clean.save(out, format="PNG", optimize=True)
    return ContentFile(out.getvalue(), name="picture.png")


def picture_path(instance, filename: str) -> str:
    """Pictures are stored under a random key, never under the name the person uploaded."""
    return f"pictures/{uuid.uuid4().hex}.png"
