"""API tokens: who may call, and when a token stops working."""

import io

import pytest
from api_helpers import shape_of
from django.core.management import CommandError, call_command
from django.test import Client

from breachdesk.web.api.models import ApiToken
from breachdesk.web.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _get(token=None, header=None):
    headers = {}
    if header is not None:
        headers["Authorization"] = header
    elif token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return Client(headers=headers).get("/api/breaches")


def test_a_valid_token_is_accepted(dpo, token_for):
    response = _get(token_for(dpo))
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("header", [
    None, "", "Bearer", "Bearer ", "Basic ZHBvOnB3", "Token abc", "Bearer not-a-token",
    "Bearer bd_", "Bearer bd__secret", "Bearer bd_nosuchprefix_secret",
])
def test_missing_or_malformed_tokens_are_refused(dpo, header):
    response = Client(headers={} if header is None else {"Authorization": header}).get("/api/breaches")
    assert response.status_code == 401
    assert shape_of(response)["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_with_a_wrong_secret_is_refused(dpo, token_for):
    token = token_for(dpo)
    response = _get(token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB"))
    assert response.status_code == 401


def test_a_revoked_token_stops_working(dpo, token_for):
    plain = token_for(dpo)
    assert _get(plain).status_code == 200
    ApiToken.objects.get(user=dpo).revoke()
    response = _get(plain)
    assert response.status_code == 401
    shape_of(response)


def test_a_deactivated_users_token_stops_working(dpo, token_for):
    plain = token_for(dpo)
    dpo.is_active = False
    dpo.save()
    assert _get(plain).status_code == 401


def test_a_token_stops_working_when_its_user_leaves_the_organisation(dpo, outsider_org, token_for):
    plain = token_for(dpo)
    dpo.organisation = outsider_org
    dpo.save()
    assert _get(plain).status_code == 401


def test_the_token_acts_with_its_users_current_role(dpo, token_for):
    plain = token_for(dpo)
    dpo.role = "reporter"
    dpo.save()
    assert _get(plain).status_code == 403


def test_only_a_hash_of_the_secret_is_stored(dpo):
    token, plain = ApiToken.issue(dpo, "integration")
    scheme, prefix, secret = plain.split("_", 2)
    assert (scheme, prefix) == ("bd", token.prefix)
    assert len(secret) >= 40
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert all(secret not in str(value) for value in stored.values())
    assert stored["secret_hash"] != secret and len(stored["secret_hash"]) == 64


def test_use_is_recorded_on_the_token(dpo, token_for):
    plain = token_for(dpo)
    assert ApiToken.objects.get(user=dpo).last_used_at is None
    _get(plain)
    assert ApiToken.objects.get(user=dpo).last_used_at is not None


def test_issuing_and_revoking_are_audited(dpo):
    token, _ = ApiToken.issue(dpo, "integration", by=dpo)
    token.revoke(by=dpo)
    actions = list(AuditEntry.objects.filter(object_id=token.public_id).values_list("action", flat=True))
    assert sorted(actions) == ["create", "revoke"]


def test_create_api_token_command_prints_a_working_token_once(dpo):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", "DPO@northmere.example", "SIEM", stdout=out, stderr=err)
    plain = out.getvalue().strip()
    assert plain.startswith("bd_") and "\n" not in plain
    assert plain not in err.getvalue()
    assert _get(plain).status_code == 200
    assert ApiToken.objects.get(user=dpo).name == "SIEM"


@pytest.mark.parametrize("email", ["nobody@northmere.example"])
def test_create_api_token_command_refuses_an_unknown_user(email, council):
    with pytest.raises(CommandError, match="No user"):
        call_command("create_api_token", email, "SIEM", stdout=io.StringIO())


def test_create_api_token_command_refuses_a_deactivated_user(dpo):
    dpo.is_active = False
    dpo.save()
    with pytest.raises(CommandError, match="deactivated"):
        call_command("create_api_token", dpo.email, "SIEM", stdout=io.StringIO())


def test_revoke_api_token_command(dpo):
    token, plain = ApiToken.issue(dpo, "integration")
    call_command("revoke_api_token", token.public_id, stdout=io.StringIO())
    assert _get(plain).status_code == 401
    with pytest.raises(CommandError):
        call_command("revoke_api_token", "nosuchtoken", stdout=io.StringIO())


def test_session_cookies_do_not_authenticate_the_api(dpo, signed_in):
    # The API is for tokens only: a browser session (and so a CSRF-able request) is not enough.
    response = signed_in(dpo).get("/api/breaches")
    assert response.status_code == 401
