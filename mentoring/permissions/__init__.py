"""Who may see and do what in the programme; views ask here and nowhere else.

core.py holds organisations, memberships and mentorships; each further topic has its module,
re-exported here so that callers write `from mentoring import permissions`.
"""

from .core import *  # noqa: F403
from .core import get_object_for_user, require  # noqa: F401
from .meetings import *  # noqa: F403
from .sessions import *  # noqa: F403
