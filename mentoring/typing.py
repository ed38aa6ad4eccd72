"""Types every app may import: the portal's person and a request that has one.

`User` is the custom user model (`settings.AUTH_USER_MODEL`, `portal.models.User`). At run time
no app imports `portal` (see docs/architecture.md); only the type checker reads it, so
annotations stay honest without changing the direction of imports.

- `actor: User` for the person who makes a change; `user: Viewer` (`User | AnonymousUser`) in a
  permission predicate, which must answer for somebody not signed in too.
- `request: AuthedRequest` in a view behind `@login_required`: `request.user` is then a `User`,
  not `User | AnonymousUser`.
"""

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

if TYPE_CHECKING:
    from portal.models import User

    Viewer = User | AnonymousUser

    class AuthedRequest(HttpRequest):
        user: User

else:
    from django.contrib.auth.base_user import AbstractBaseUser as User

    AuthedRequest = HttpRequest
    Viewer = User | AnonymousUser

__all__ = ["AuthedRequest", "User", "Viewer"]
