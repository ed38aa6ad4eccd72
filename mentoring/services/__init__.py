"""Writes that span objects, by topic: atomic, audited (see docs/architecture.md)."""
