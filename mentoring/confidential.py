"""`@confidential` for views that take confidential text (session notes, goals, check-ins,
document descriptions, invitations, passwords): an error report of such a request carries none
of the POST values nor the view's local variables, whatever reporter filter is configured.

Put it directly above the `def` (under `@login_required` and friends): Django hides the local
variables of the function that `sensitive_variables` wraps, so it must wrap the view itself.
The portal's reporter filter (portal/errors.py) already drops all POST data; this keeps the
views safe on their own, e.g. under an error tracker's integration.
"""

from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables


def confidential(view):
    return sensitive_post_parameters()(sensitive_variables()(view))
