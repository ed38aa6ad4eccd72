from .introductions import Introduction
from .projects import Partner, Project, Sector

__all__ = ["Introduction", "Partner", "Project", "Sector"]
