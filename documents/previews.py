"""Thumbnails of pictures: made with Pillow from allowed formats only, metadata stripped,
decompression bombs refused. Other kinds of file show an icon and their size instead."""

import io
import warnings

from PIL import Image

from .validation import IMAGE_FORMATS, IMAGE_MAX_PIXELS

THUMBNAIL_PX = 320


def make_thumbnail(fileobj) -> bytes | None:
    """A PNG of at most THUMBNAIL_PX on each side, or None if the picture cannot be read."""
    fileobj.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(fileobj, formats=sorted(IMAGE_FORMATS)) as image:
                if image.width * image.height > IMAGE_MAX_PIXELS:
                    return None
                image.draft("RGB", (THUMBNAIL_PX * 2, THUMBNAIL_PX * 2))
                image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
                converted = image.convert("RGBA")
        except (
            Image.DecompressionBombError,
            Image.DecompressionBombWarning,
            OSError,
            SyntaxError,
            ValueError,
            EOFError,
        ):
            return None
        finally:
            fileobj.seek(0)
    # Copy the pixels only: no EXIF, GPS, ICC or text chunks survive.
    clean = Image.new("RGBA", converted.size)
    clean.paste(converted)
    out = io.BytesIO()
    clean.save(out, format="PNG", optimize=True)
    return out.getvalue()
