"""Signing in to the portal: reference and code plus postcode or date of birth, or a signed
link; no enumeration; rate limits and lockouts; sessions that die with the code."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from breachdesk.web.audit.models import AuditEntry
from breachdesk.web.portal import links, signin
from breachdesk.web.portal.views import NO_MATCH

START = "/portal/"


def _form(reference, code, postcode="SW1A 1AA", **dob):
    data = {"reference": reference, "code": code, "postcode": postcode}
    data.update({f"dob_{k}": v for k, v in dob.items()})
    return data


def test_the_portal_url_name_is_what_the_notice_adapter_links_to():
    assert reverse("portal:start") == START


def test_sign_in_with_reference_code_and_postcode(client, told):
    person, code = told[0]
    response = client.post(START, _form(person.reference, code, postcode="sw1a1aa"))
    assert response.status_code == 302 and response["Location"] == reverse("portal:notice")
    page = client.get(reverse("portal:notice"))
    assert page.status_code == 200
    assert person.reference in page.content.decode()
    assert AuditEntry.objects.filter(action="portal_sign_in", detail__person=person.public_id).exists()


def test_sign_in_with_date_of_birth_and_a_loosely_typed_reference(client, told):
    person, code = told[0]
    typed = person.reference.replace("-", " ").lower()
    response = client.post(START, _form(typed, code.lower(), postcode="", day="3", month="2", year="1980"))
    assert response.status_code == 302


def test_the_second_factor_is_needed(client, told):
    person, code = told[0]
    response = client.post(START, _form(person.reference, code, postcode=""))
    assert response.status_code == 200
    assert "Enter your postcode or your date of birth" in response.content.decode()
    response = client.post(START, _form(person.reference, code, postcode="N1 9GU"))
    assert NO_MATCH in response.content.decode()
    response = client.post(START, _form(person.reference, code, postcode="", day="4", month="2", year="1980"))
    assert NO_MATCH in response.content.decode()


def test_an_impossible_date_is_a_form_error(client, told):
    person, code = told[0]
    response = client.post(START, _form(person.reference, code, postcode="", day="31", month="2", year="1980"))
    assert "must be a real date" in response.content.decode()


def _body(response):
    # The form echoes what was typed; take it out before comparing two answers.
    import re

    html = response.content.decode()
    return re.sub(r'nonce="[^"]+"', "", html.split('<form method="post"')[0])


def test_a_wrong_reference_and_a_wrong_code_look_the_same(told):
    person, code = told[0]
    other, _ = told[1]
    wrong_code = Client().post(START, _form(person.reference, "AAAAAAAA"))
    wrong_ref = Client().post(START, _form("ZZZ-ZZZ-ZZZ", code))
    someone_elses_code = Client().post(START, _form(other.reference, code))
    assert wrong_code.status_code == wrong_ref.status_code == someone_elses_code.status_code == 200
    assert _body(wrong_code) == _body(wrong_ref) == _body(someone_elses_code)
    assert NO_MATCH in _body(wrong_ref)


def test_a_person_without_a_code_cannot_sign_in(client, people):
    response = client.post(START, _form(people[0].reference, ""))
    assert response.status_code == 200
    response = client.post(START, _form(people[0].reference, "ABCDEFGH"))
    assert NO_MATCH in response.content.decode()


def test_lockout_per_reference(settings, told):
    settings.PORTAL_FAILURE_LIMIT = 3
    person, code = told[0]
    for i in range(3):
        Client(REMOTE_ADDR=f"10.0.0.{i}").post(START, _form(person.reference, "WRONGONE"))
    # Even the right code is refused now, from any address, with a plain message.
    response = Client(REMOTE_ADDR="10.0.0.99").post(START, _form(person.reference, code))
    assert response.status_code == 429
    assert "too many attempts" in response.content.decode().lower()


def test_lockout_per_reference_applies_to_references_that_do_not_exist(settings, told):
    settings.PORTAL_FAILURE_LIMIT = 2
    for _ in range(2):
        Client().post(START, _form("ZZZ-ZZZ-ZZZ", "WRONGONE"))
    assert Client().post(START, _form("ZZZ-ZZZ-ZZZ", "WRONGONE")).status_code == 429


def test_lockout_per_address_and_it_ends(settings, told):
    settings.PORTAL_ADDRESS_FAILURE_LIMIT = 4
    settings.PORTAL_COOLOFF_MINUTES = 15
    person, code = told[0]
    client = Client(REMOTE_ADDR="192.0.2.7")
    with time_machine.travel(datetime(2026, 11, 20, 9, 0, tzinfo=UTC), tick=False) as traveller:
        for i in range(4):
            client.post(START, _form(f"AAA-AAA-AA{i}", "WRONGONE"))
        assert client.post(START, _form(person.reference, code)).status_code == 429
        assert Client(REMOTE_ADDR="192.0.2.8").post(START, _form(person.reference, code)).status_code == 302
        traveller.shift(timedelta(minutes=16))
        assert client.post(START, _form(person.reference, code)).status_code == 302


def test_success_clears_the_reference_counter(settings, told):
    settings.PORTAL_FAILURE_LIMIT = 3
    person, code = told[0]
    for _ in range(2):
        Client().post(START, _form(person.reference, "WRONGONE"))
    assert Client().post(START, _form(person.reference, code)).status_code == 302
    for _ in range(2):
        Client().post(START, _form(person.reference, "WRONGONE"))
    assert Client().post(START, _form(person.reference, code)).status_code == 302


def test_a_new_code_ends_sessions_and_old_codes(client, told):
    person, code = told[0]
    client.post(START, _form(person.reference, code))
    assert client.get(reverse("portal:notice")).status_code == 200
    new_code = person.issue_portal_code()
    response = client.get(reverse("portal:notice"))
    assert response.status_code == 302 and response["Location"] == START
    assert NO_MATCH in Client().post(START, _form(person.reference, code)).content.decode()
    assert Client().post(START, _form(person.reference, new_code)).status_code == 302


def test_signing_in_changes_the_session_key(client, told):
    person, code = told[0]
    client.get(START)
    client.session.save()
    before = client.session.session_key
    client.post(START, _form(person.reference, code))
    assert client.session.session_key != before


def test_sign_out(client, told):
    person, code = told[0]
    client.post(START, _form(person.reference, code))
    assert client.post(reverse("portal:sign_out")).status_code == 302
    assert client.get(reverse("portal:notice")).status_code == 302


@pytest.mark.parametrize("page", ["notice", "letter", "support", "affected", "heard", "complain"])
def test_every_page_needs_a_signed_in_person(client, told, page):
    response = client.get(reverse(f"portal:{page}"))
    assert response.status_code == 302 and response["Location"] == START


# --- signed links ---------------------------------------------------------------------------

def test_a_signed_link_signs_in_and_leaves_the_token_behind(client, told):
    person, _ = told[0]
    url = links.link_for(person)
    assert url.startswith("http") and "/portal/link/" in url
    response = client.get(urlsplit(url).path)
    assert response.status_code == 302 and response["Location"] == reverse("portal:notice")
    assert client.get(reverse("portal:notice")).status_code == 200
    assert AuditEntry.objects.filter(action="portal_sign_in", detail__via="link").exists()


def _path(person):
    return reverse("portal:link", args=[links.token_for(person)])


def test_a_link_expires(settings, told):
    settings.PORTAL_LINK_DAYS = 30
    person, _ = told[0]
    with time_machine.travel(datetime(2026, 11, 1, 9, 0, tzinfo=UTC), tick=False) as traveller:
        path = _path(person)
        traveller.shift(timedelta(days=29))
        assert Client().get(path).status_code == 302
        traveller.shift(timedelta(days=2))
        response = Client().get(path)
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


def test_a_tampered_link_gets_a_plain_message(told):
    person, _ = told[0]
    token = links.token_for(person)
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "nonsense", token.replace(":", "x")):
        response = Client().get(reverse("portal:link", args=[bad]))
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
        assert "Traceback" not in response.content.decode()


def test_a_link_for_someone_else_cannot_be_forged_by_changing_the_id(told):
    from django.core import signing

    person, _ = told[0]
    other, _ = told[1]
    data = signing.loads(links.token_for(person), salt=links.SALT)
    forged = signing.dumps({"p": other.public_id, "c": data["c"]}, salt="another salt", compress=True)
    assert Client().get(reverse("portal:link", args=[forged])).status_code == 400


def test_a_new_code_kills_old_links(told):
    person, _ = told[0]
    path = _path(person)
    person.issue_portal_code()
    assert Client().get(path).status_code == 400
    assert Client().get(_path(person)).status_code == 302


def test_a_link_needs_a_code_first(people):
    with pytest.raises(ValueError):
        links.token_for(people[0])


def test_reference_normalising():
    assert signin.normalise_reference(" k7q 3mx 9pd ") == "K7Q-3MX-9PD"
    assert signin.normalise_reference("k7q-3mx-9pd") == "K7Q-3MX-9PD"
