"""Document tests run against a fresh private directory, and (where parametrised) against an
S3-compatible server started by the suite on 127.0.0.1 (moto's server mode)."""

import socket

import pytest

from .helpers import use_local_storage, use_s3_storage


@pytest.fixture(autouse=True)
def local_documents(settings, tmp_path):
    """Every test gets an empty private documents directory of its own."""
    return use_local_storage(settings, tmp_path / "documents")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def s3_server():
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_documents(settings, s3_server):
    """Switch the documents storage to a fresh private bucket on the test S3 server."""
    return use_s3_storage(settings, s3_server)


@pytest.fixture(params=["local", "s3"])
def any_storage(request):
    """Run a test on local storage and on S3."""
    if request.param == "s3":
        return request.getfixturevalue("s3_documents")
    return request.getfixturevalue("local_documents")
