from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: people join through an invitation (portal.services)."""

    def is_open_for_signup(self, request) -> bool:
        return False
