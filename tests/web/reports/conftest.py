"""Fixtures for reports live in tests/web/conftest.py (the regulator tests use them too)."""
