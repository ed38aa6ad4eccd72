"""Forms by topic: organisations.py, and one module per further topic."""
