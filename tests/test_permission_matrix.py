"""The permission matrix: one test per URL × role (rows in tests/matrix/, helpers and how to add
a row in tests/permissions.py), and a guard that every named URL is a row or exempt."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from .matrix import EXEMPT, EXEMPT_PATTERNS, ROWS, exemption
from .matrix.world import world_in_a_transaction
from .permissions import ROLES, check


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), world_in_a_transaction(tmp_path_factory.mktemp("docs")) as w:
        yield w


@pytest.mark.parametrize(
    "row, role", [pytest.param(row, role, id=f"{row.id}-{role}") for row in ROWS for role in ROLES]
)
def test_matrix(world, db, row, role):
    check(world, row, role)


def _named_urls(patterns=None, namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            prefix = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from _named_urls(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_named_url_is_a_row_or_exempt_with_its_reason():
    names = set(_named_urls())
    covered = {row.name for row in ROWS}
    missing = sorted(n for n in names if n not in covered and exemption(n) is None)
    assert not missing, (
        "Add a row to tests/matrix/ (or an exemption with its reason): " + ", ".join(missing)
    )
    stale = sorted((set(EXEMPT) | covered) - names)
    assert not stale, "Rows or exemptions for URLs that no longer exist: " + ", ".join(stale)
    both = sorted(n for n in covered if n in EXEMPT)
    assert not both, "Both a row and an exemption: " + ", ".join(both)
    assert all(reason.strip() for reason in [*EXEMPT.values(), *EXEMPT_PATTERNS.values()])


def test_ids_name_the_url_and_the_role():
    ids = [f"{row.id}-{role}" for row in ROWS for role in ROLES]
    assert len(ids) == len(set(ids)), "two rows share an id: give one a case="
