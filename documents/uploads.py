"""Stop reading an uploaded file the moment it passes the size limit, so an oversized upload
never fills the server's disk; the form then says which file was too large."""

from functools import wraps

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.views.decorators.csrf import csrf_exempt, csrf_protect


class SizeLimitUploadHandler(FileUploadHandler):
    def __init__(self, request=None, *, limit: int):
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.documents_too_big.append(self.file_name)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def limit_upload_size(view):
    """Install the handler before anything reads the body. CSRF is still checked: the view is
    wrapped in csrf_protect after the handler is in place (Django's documented pattern)."""
    protected = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.documents_too_big = []
        if request.method == "POST":
            request.upload_handlers.insert(
                0, SizeLimitUploadHandler(request, limit=settings.PORTAL_DOCUMENT_MAX_BYTES)
            )
        return protected(request, *args, **kwargs)

    return wrapper
