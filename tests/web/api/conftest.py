"""Calling the API as one of the named people, with a token of their own."""

import pytest
from django.test import Client


@pytest.fixture
def token_for(db):
    """``token_for(user)`` -> the plain text of a new token acting as ``user``."""
    from breachdesk.web.api.models import ApiToken

    def make(user, name="test integration"):
        return ApiToken.issue(user, name)[1]

    return make


@pytest.fixture
def api(token_for):
    """``api(user)`` -> a test client whose every request carries a token for ``user``."""

    def make(user):
        return Client(headers={"Authorization": f"Bearer {token_for(user)}"})

    return make
