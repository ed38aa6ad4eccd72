from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied

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
