"""Rows of the Django admin (leads only) and of the allauth pages that need a signed-in person.

Every registered model's list is a row, so a new ModelAdmin is in the matrix without anyone
writing it down; the per-object pages behind it are exempt in `tests/matrix/__init__.py`
(the same gate, `PortalAdminSite.admin_view`)."""

from django.contrib import admin

from documents.models import Document
from portal.models import User

from ..permissions import EVERYONE, LEAD_ONLY, Row, expect, posted, values


def _label(label: str):
    return lambda w: [label]


ROWS = [
    Row("admin:index", LEAD_ONLY),
    # The admin's own sign-in page sends people to the portal's; signed in, nobody needs it.
    Row("admin:login", expect(403)),
    *(
        Row("admin:app_list", LEAD_ONLY, args=_label(label), case=label)
        for label in sorted({model._meta.app_label for model in admin.site._registry})
    ),
    *(
        Row(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist", LEAD_ONLY)
        for model in admin.site._registry
    ),
    # People are deactivated, never deleted.
    Row(
        "admin:portal_user_changelist",
        posted(LEAD_ONLY),
        method="post",
        data=lambda w: {"action": "deactivate", "_selected_action": [w.member_b.pk]},
        state=lambda w, role: values(User, w.member_b.pk, "is_active"),
        case="deactivate",
    ),
    # Documents are read-only in the admin, for leads too: changes go through the services.
    Row(
        "admin:documents_document_change",
        LEAD_ONLY | {"lead": 403},
        args=lambda w: [w.docs["a"].pk],
        method="post",
        data=lambda w: {"title": "Changed behind the log"},
        state=lambda w, role: values(Document, w.docs["a"].pk, "title"),
    ),
    # allauth's pages for a signed-in person.
    Row("account_email", EVERYONE),
    Row("account_change_password", EVERYONE),
    Row("mfa_index", EVERYONE),
]
