"""The permission matrix: every named URL, asked by every role of the cast.

The house rule it checks: anonymous visitors (and deactivated people) are sent to sign in,
outsiders get 404 (nothing tells them an object exists), people who may see an object but not
do this get 403, the right people get the page (or, after a POST, a redirect).

Adding a row for a new URL
--------------------------
1. Find the rows module of its app in `tests/matrix/` (`portal.py`, `mentoring.py`,
   `meetings.py`, `documents.py`, `admin.py`; a new app gets a module listed in
   `tests/matrix/__init__.py`).
2. Add a `Row`::

       Row("mentoring:goal_edit", INSIDERS_A, args=lambda w: [w.goal.pk])

   `expect` gives each role's outcome; start from a constant below (`EVERYONE`, `LEAD_ONLY`,
   `INSIDERS_A`, ...) or build one with `expect(default, role=outcome, ...)`. Outcomes are
   status codes or `LOGIN` (a redirect to the sign-in page).
3. A state-changing POST is a row of its own with `method="post"`, the form `data` and a
   `state` snapshot (`state=lambda w, role: ...` returns anything comparable). Roles whose
   outcome is 302 must change the snapshot; every other role must leave it as it was. Each
   test runs in its own savepoint, so a POST that succeeds never leaks into the next test.
   `setup=lambda w, role: ...` prepares what the request needs (it runs in the same savepoint).
4. If the row needs an object, add it to `World` in `tests/matrix/world.py` (built once for
   the whole matrix: keep it small).
5. A URL that cannot be a row (a secret token in the path, a public page, a page of a library
   we configure but do not write) goes into `EXEMPT` in `tests/matrix/__init__.py` with the
   reason. The guard test fails for a named URL with neither.

The test ids name the URL and the role, e.g. `mentoring:session_detail-member_b`, so
`pytest tests/test_permission_matrix.py -k session_detail` runs one URL for everyone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from django.http.response import HttpResponseBase
from django.test import Client

if TYPE_CHECKING:
    from .matrix.world import World

LOGIN = "login"
Outcome = int | str

# The cast. `deactivated` was a member of A whose account was switched off.
ROLES = (
    "anonymous",
    "deactivated",
    "member_a",
    "admin_a",
    "member_b",
    "mentor_a",
    "mentor_b",
    "lead",
)
SIGNED_OUT = ("anonymous", "deactivated")


def expect(default: Outcome = 200, **cells: Outcome) -> dict[str, Outcome]:
    """Every signed-in role gets `default` unless named; the signed-out go to sign in."""
    unknown = set(cells) - set(ROLES)
    assert not unknown, f"not roles of the cast: {unknown}"
    return dict.fromkeys(ROLES, default) | dict.fromkeys(SIGNED_OUT, LOGIN) | cells


def posted(outcomes: Mapping[str, Outcome]) -> dict[str, Outcome]:
    """The same people, after a POST: the page they got becomes the redirect that follows a
    successful write."""
    return {role: 302 if got == 200 else got for role, got in outcomes.items()}


EVERYONE = expect()
LEAD_ONLY = expect(403, lead=200)
NOBODY = expect(404)
# Insiders of A (its people, its mentor, the leads) see A's things; B's people are outsiders.
INSIDERS_A = expect(member_b=404, mentor_b=404)
ADMINS_A = INSIDERS_A | {"member_a": 403, "mentor_a": 403}
MEMBERS_A = INSIDERS_A | {"mentor_a": 403}
MENTOR_A_ONLY = INSIDERS_A | {"lead": 403, "admin_a": 403, "member_a": 403}
LEAD_ONLY_OF_A = INSIDERS_A | {"mentor_a": 403, "admin_a": 403, "member_a": 403}
INVITERS_OF_A = LEAD_ONLY | {"admin_a": 200}


def _no_args(world: World) -> Sequence[Any]:
    return ()


@dataclass(frozen=True)
class Row:
    """One URL (with one set of arguments), one method, and what each role gets."""

    name: str
    expect: Mapping[str, Outcome]
    args: Callable[[World], Sequence[Any]] = _no_args
    method: Literal["get", "post"] = "get"
    data: Callable[[World], dict[str, Any]] | None = None
    state: Callable[[World, str], object] | None = None
    setup: Callable[[World, str], None] | None = None  # run as the role before the request
    case: str = ""  # tells rows of the same URL apart: "shared", "trashed", "guessed"

    def __post_init__(self) -> None:
        assert set(self.expect) == set(ROLES), f"{self.name}: every role needs an outcome"
        if self.method == "post":
            assert self.state is not None, f"{self.name}: a POST row says what it changes"

    @property
    def id(self) -> str:
        parts = [self.name] + ([self.case] if self.case else [])
        parts += ["post"] if self.method == "post" else []
        return ".".join(parts)


def outcome(response: HttpResponseBase) -> Outcome:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


def check(world: World, row: Row, role: str) -> None:
    """Ask for the row's URL as `role`; compare the outcome and, for a POST, the state."""
    from django.urls import reverse

    client: Client = world.client(role)
    url = reverse(row.name, args=list(row.args(world)))
    if row.setup is not None:
        row.setup(world, role)
    before = row.state(world, role) if row.state else None
    if row.method == "post":
        response = client.post(url, row.data(world) if row.data else {})
    else:
        response = client.get(url)
    got = outcome(response)
    response.close()
    wanted = row.expect[role]
    assert got == wanted, f"{row.method.upper()} {url} as {role}: expected {wanted}, got {got}"
    if row.state is not None:
        after = row.state(world, role)
        if wanted == 302:
            assert after != before, f"POST {url} as {role} succeeded but changed nothing"
        else:
            assert after == before, f"POST {url} as {role} was refused but changed {before!r}"


# --- Snapshots for POST rows -------------------------------------------------------------------


def values(model: Any, pk: Any, *fields: str) -> tuple[Any, ...]:
    """The row's fields as they are in the database now (empty when the row is gone or hidden
    by the default manager, e.g. a trashed document)."""
    row = model._default_manager.filter(pk=pk).values_list(*fields).first()
    return tuple(row) if row else ()


def count(model: Any, **lookup: Any) -> int:
    return model._default_manager.filter(**lookup).count()


def own(world: World, role: str, model: Any, *fields: str) -> tuple[Any, ...]:
    """A snapshot of something of the person's own (their user row, their preference)."""
    person = world.person(role)
    if person is None:
        return ()
    if model is type(person):
        return values(model, person.pk, *fields)
    return tuple(model._default_manager.filter(user=person).values_list(*fields))
