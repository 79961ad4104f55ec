"""Risk assessments through the API: list, read, and make one from facts, with sign-off
for DPO tokens only. The web page and the API keep the same decision for the same facts."""

from datetime import timedelta

import pytest
from api_helpers import fields_of, shape_of
from django.utils import timezone

from breachdesk.risk import assess
from breachdesk.web.assessments.models import Assessment
from breachdesk.web.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

FACTS = {  # a laptop stolen from a car, unencrypted, with tenants' bank details
    "breach_types": ["confidentiality"], "malicious": True,
    "data_categories": ["Basic personal identifiers", "Economic and financial data"],
    "data_subject_types": ["Customers or prospective customers"], "people": 1200, "records": 3400,
    "identifiable": "directly", "protection": {"encrypted": False},
    "exposure": {"recipient": "unknown", "exfiltrated": None, "recovered": False},
}


def _post(client, breach, body):
    return client.post(f"/api/breaches/{breach.public_id}/assessments", body, content_type="application/json")


def test_a_handler_proposes_and_gets_the_engines_decision(breach, handler, api):
    response = _post(api(handler), breach, {"facts": FACTS})
    assert response.status_code == 201, response.content
    out = response.json()
    expected = assess({**FACTS, "regime": "uk-gdpr", "aware_at": breach.aware_at.isoformat()}).to_dict()
    assert out["decision"] == expected
    assert out["status"] == "proposed" and out["signed_off_by"] is None
    assert (out["risk"], out["notify_regulator"], out["notify_individuals"]) == ("high", True, True)
    assert out["facts"]["aware_at"] == breach.aware_at.isoformat() and out["facts"]["regime"] == "uk-gdpr"
    assert out["created_by"]["id"] == handler.public_id
    assert breach.events.first().summary.startswith("Risk assessment 1 proposed")


def test_a_dpo_signs_off(breach, dpo, api):
    response = _post(api(dpo), breach, {"facts": FACTS, "sign_off": True})
    assert response.status_code == 201, response.content
    item = Assessment.objects.get()
    assert item.status == "signed_off" and item.signed_off_by == dpo
    assert breach.events.filter(kind="decision").first().decision == "report"


def test_a_handler_cannot_sign_off(breach, handler, api):
    for body in ({"facts": FACTS, "sign_off": True},
                 {"facts": FACTS, "sign_off": True, "override": {"risk": "none", "notify_regulator": False,
                                                                  "notify_individuals": False,
                                                                  "justification": "x"}}):
        response = _post(api(handler), breach, body)
        assert response.status_code == 403 and shape_of(response)["code"] == "forbidden"
    assert not Assessment.objects.exists()


def test_an_override_needs_sign_off_and_keeps_both_answers(breach, dpo, api):
    override = {"risk": "risk", "notify_regulator": True, "notify_individuals": False,
                "justification": "Cards were cancelled within the hour."}
    response = _post(api(dpo), breach, {"facts": FACTS, "override": override})
    assert response.status_code == 422 and "override" in fields_of(response)
    response = _post(api(dpo), breach, {"facts": FACTS, "sign_off": True, "override": override})
    assert response.status_code == 201, response.content
    out = response.json()
    assert (out["status"], out["engine_risk"], out["risk"]) == ("overridden", "high", "risk")
    assert out["override_justification"] == "Cards were cancelled within the hour."


def test_facts_the_engine_refuses_are_named(breach, dpo, api):
    bad = {**FACTS, "people": 5000, "breach_types": ["availability"],
           "exposure": {"recipient": "unknown", "exfiltrated": True, "recovered": False}, "shoe_size": 9}
    response = _post(api(dpo), breach, {"facts": bad})
    assert response.status_code == 422
    # Every problem at once, each named by its path in the facts.
    assert set(fields_of(response)) == {"facts.people", "facts.exposure.exfiltrated", "facts.shoe_size"}
    assert not Assessment.objects.exists()


def test_regime_and_awareness_must_be_the_breachs(breach, dpo, api):
    response = _post(api(dpo), breach, {"facts": {**FACTS, "regime": "pecr",
                                                  "aware_at": (timezone.now() - timedelta(days=9)).isoformat()}})
    assert response.status_code == 422
    assert set(fields_of(response)) == {"facts.regime", "facts.aware_at"}
    same = {**FACTS, "regime": "uk-gdpr", "aware_at": breach.aware_at.isoformat()}
    assert _post(api(dpo), breach, {"facts": same}).status_code == 201


def test_an_incident_cannot_be_assessed_yet(incident, dpo, api):
    response = _post(api(dpo), incident, {"facts": FACTS})
    assert response.status_code == 409 and shape_of(response)["code"] == "conflict"


def test_unknown_fields_are_refused(breach, dpo, api):
    response = _post(api(dpo), breach, {"facts": FACTS, "approve": True})
    assert response.status_code == 422 and "approve" in fields_of(response)


def test_list_and_read(breach, dpo, auditor, api):
    _post(api(dpo), breach, {"facts": FACTS})
    _post(api(dpo), breach, {"facts": {**FACTS, "people": 10, "records": 10}, "sign_off": True})
    client = api(auditor)
    listing = client.get(f"/api/breaches/{breach.public_id}/assessments").json()
    assert listing["count"] == 2 and [i["number"] for i in listing["items"]] == [2, 1]
    first = listing["items"][1]
    one = client.get(f"/api/breaches/{breach.public_id}/assessments/{first['id']}")
    assert one.status_code == 200 and one.json()["replays"] is True and one.json()["number"] == 1
    assert AuditEntry.objects.filter(action="view", object_id=breach.public_id,
                                     detail__assessment=first["id"]).exists()
    missing = client.get(f"/api/breaches/{breach.public_id}/assessments/nosuchthing")
    assert missing.status_code == 404 and shape_of(missing)["code"] == "not_found"


@pytest.mark.parametrize("person, read, create", [
    ("dpo", 200, 201), ("handler", 200, 201), ("auditor", 200, 403), ("executive", 200, 403),
    ("reporter", 403, 403), ("outsider", 404, 404), ("regulator_officer", 403, 403),
])
def test_who_may_do_what(person, read, create, breach, request, api):
    client = api(request.getfixturevalue(person))
    assert client.get(f"/api/breaches/{breach.public_id}/assessments").status_code == read
    response = _post(client, breach, {"facts": FACTS})
    assert response.status_code == create
    if create != 201:
        shape_of(response)
        assert not Assessment.objects.exists()
