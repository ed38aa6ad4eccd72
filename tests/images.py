"""Small pictures made in memory for upload tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def png_upload(name="picture.png", size=(600, 400), color=(200, 30, 30)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def jpeg_with_exif(name="photo.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    image = Image.new("RGB", (800, 800), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc."  # Make
    exif[0x8825] = {2: (46.0, 12.0, 0.0)}  # GPS info
    image.save(out, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def bomb_png(name="bomb.png") -> SimpleUploadedFile:
    """A tiny file that claims 20000 x 20000 pixels."""
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, format="PNG", optimize=True)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")
