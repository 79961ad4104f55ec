"""The web pages for creating and revoking API tokens."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from breachdesk.web.accounts.sudo import SESSION_KEY
from breachdesk.web.api.models import ApiToken
from breachdesk.web.audit.models import AuditEntry

pytestmark = [pytest.mark.django_db]

LIST = "/accounts/api-tokens/"
NEW = "/accounts/api-tokens/new/"


@pytest.fixture
def sudo(signed_in):
    def make(user):
        client = signed_in(user)
        session = client.session
        session[SESSION_KEY] = time.time() + 300
        session.save()
        return client

    return make


def test_the_pages_need_sign_in():
    assert Client().get(LIST).status_code == 302
    assert Client().post(NEW, {"name": "x"}).status_code == 302
    assert not ApiToken.objects.exists()


def test_creating_a_token_needs_sudo_mode(handler, signed_in):
    response = signed_in(handler).post(NEW, {"name": "Service desk"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sudo"))
    assert not ApiToken.objects.exists()


def test_create_shows_the_token_once_and_it_works(handler, sudo):
    client = sudo(handler)
    response = client.post(NEW, {"name": "Service desk"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=handler)
    plain = response.context["plain"]
    assert plain.startswith(f"bd_{token.prefix}_") and plain in response.content.decode()
    assert "no-store" in response.get("Cache-Control", "") or "max-age=0" in response["Cache-Control"]
    listing = client.get(LIST).content.decode()
    assert "Service desk" in listing and plain not in listing
    api = Client(headers={"Authorization": f"Bearer {plain}"})
    assert api.get("/api/breaches").status_code == 200
    assert AuditEntry.objects.filter(action="create", object_id=token.public_id,
                                     actor_id=handler.pk).exists()


def test_a_name_is_required(handler, sudo):
    response = sudo(handler).post(NEW, {"name": "  "})
    assert response.status_code == 200 and "Enter what the token is for" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_people_see_their_own_tokens_and_the_dpo_sees_all(handler, auditor, dpo, signed_in):
    ApiToken.issue(handler, "Handler's tool")
    ApiToken.issue(auditor, "Auditor's tool")
    assert "Auditor's tool" not in signed_in(handler).get(LIST).content.decode()
    page = signed_in(dpo).get(LIST).content.decode()
    assert "Handler&#x27;s tool" in page and "Auditor&#x27;s tool" in page


def test_revoke_own_token(handler, signed_in):
    token, plain = ApiToken.issue(handler, "Old tool")
    response = signed_in(handler).post(f"{LIST}{token.public_id}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.is_revoked
    assert Client(headers={"Authorization": f"Bearer {plain}"}).get("/api/breaches").status_code == 401


@pytest.mark.parametrize("person, revoked", [("dpo", True), ("auditor", False), ("outsider", False)])
def test_who_may_revoke_someone_elses_token(person, revoked, handler, request, signed_in):
    token, _ = ApiToken.issue(handler, "Handler's tool")
    response = signed_in(request.getfixturevalue(person)).post(f"{LIST}{token.public_id}/revoke/")
    assert response.status_code == (302 if revoked else 404)
    token.refresh_from_db()
    assert token.is_revoked == revoked


def test_revoke_needs_post(handler, signed_in):
    token, _ = ApiToken.issue(handler, "Tool")
    assert signed_in(handler).get(f"{LIST}{token.public_id}/revoke/").status_code == 405
    token.refresh_from_db()
    assert not token.is_revoked
