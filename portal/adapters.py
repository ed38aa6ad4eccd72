from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied
from django.utils import translation

from mentoring.clientaddr import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: people join through an invitation (portal.services)."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_client_ip(self, request) -> str:
        """Rate limits count per client, behind our proxies too (mentoring.clientaddr)."""
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine the client's address.")
        return ip

    def add_message(
        self,
        request,
        level,
        message_template=None,
        message_context=None,
        extra_tags="",
        message=None,
    ):
        """allauth's messages in the person's language: "Successfully signed in" is written
        while the request still speaks the signed-out visitor's language."""
        user = (message_context or {}).get("user") or getattr(request, "user", None)
        language = getattr(user, "language", "") if getattr(user, "pk", None) else ""
        with translation.override(language or translation.get_language()):
            return super().add_message(
                request,
                level,
                message_template=message_template,
                message_context=message_context,
                extra_tags=extra_tags,
                message=message,
            )
