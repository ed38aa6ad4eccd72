import pytest

from ..documents.helpers import use_local_storage


@pytest.fixture(autouse=True)
def local_documents(settings, tmp_path):
    """Every test gets an empty private storage of its own (attachments live there)."""
    return use_local_storage(settings, tmp_path / "documents")
