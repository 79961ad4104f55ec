"""Changing breaches through the API: facts, status, awareness, notes and decisions.

Every change goes through breaches.services, so each test also checks the timeline and the
audit log, and each refusal checks that nothing changed."""

from datetime import timedelta

import pytest
from api_helpers import fields_of, shape_of
from django.utils import timezone

from breachdesk.web.audit.models import AuditEntry
from breachdesk.web.breaches import services
from breachdesk.web.breaches.models import Event

pytestmark = pytest.mark.django_db


def _ago(**kwargs) -> str:
    return (timezone.now() - timedelta(**kwargs)).isoformat()


def _patch(client, breach, body):
    return client.patch(f"/api/breaches/{breach.public_id}", body, content_type="application/json")


def _post(client, breach, what, body):
    return client.post(f"/api/breaches/{breach.public_id}/{what}", body,
                       content_type="application/json")


# --- PATCH: the facts -------------------------------------------------------------------

def test_update_changes_only_what_is_sent(breach, handler, api):
    response = _patch(api(handler), breach, {
        "measures_taken": "Recipient confirmed deletion.", "people_estimate": 25,
        "occurred_at": _ago(hours=12), "staff_trained": "yes",
    })
    assert response.status_code == 200, response.content
    breach.refresh_from_db()
    assert breach.measures_taken == "Recipient confirmed deletion."
    assert breach.people_estimate == 25 and breach.records_estimate == 30
    assert breach.staff_trained == "yes"
    assert breach.title == "Spreadsheet sent to the wrong school"
    event = breach.events.filter(kind=Event.Kind.EDITED).first()  # newest
    assert set(event.changes) == {"measures_taken", "people_estimate", "occurred_at", "staff_trained"}
    assert AuditEntry.objects.filter(action="change", object_id=breach.public_id).exists()
    assert response.json()["people_estimate"] == 25


def test_an_unchanged_update_writes_nothing(breach, handler, api):
    before = breach.events.count()
    response = _patch(api(handler), breach, {"people_estimate": 30})
    assert response.status_code == 200
    assert breach.events.count() == before


def test_a_field_can_be_cleared(breach, handler, api):
    response = _patch(api(handler), breach, {"incident_type": None, "is_cyber": None,
                                              "people_estimate": None})
    assert response.status_code == 200, response.content
    breach.refresh_from_db()
    assert breach.incident_type == "" and breach.is_cyber is None and breach.people_estimate is None


@pytest.mark.parametrize("body, field", [
    ({"occurred_at": _ago(hours=-30)}, "occurred_at"),                     # in the future
    ({"contained_at": _ago(hours=-30)}, "contained_at"),
    ({"occurred_at": _ago(hours=1)}, "aware_at"),                          # aware before it happened
    ({"occurred_at": _ago(hours=5), "discovered_at": _ago(hours=6)}, "discovered_at"),
    ({"people_estimate": 31}, "people_estimate"),                          # people > records (30)
    ({"records_estimate": 10}, "people_estimate"),
    ({"incident_type": "non-cyber:alien-abduction"}, "incident_type"),     # not in the list
    ({"incident_type": "cyber:phishing"}, "incident_type"),                # but is_cyber is False
    ({"data_categories": ["Shoe sizes"]}, "data_categories"),
    ({"data_subject_types": ["Martians"]}, "data_subject_types"),
    ({"shoe_size": 9}, "shoe_size"),                                       # unknown field
    ({"aware_at": _ago(hours=1)}, "aware_at"),                             # not changed here
    ({"title": None}, "title"),
    ({"title": "   "}, "title"),
    ({"people_estimate": -1}, "people_estimate"),
    ({"staff_trained": "maybe"}, "staff_trained"),
    ({"regime": "pecr"}, "regime"),                                        # the clock has started
])
def test_update_validation(body, field, breach, handler, api):
    before = breach.events.count()
    response = _patch(api(handler), breach, body)
    assert response.status_code == 422, response.content
    assert field in fields_of(response)
    assert breach.events.count() == before


def test_update_reports_every_problem(breach, handler, api):
    response = _patch(api(handler), breach, {
        "occurred_at": _ago(hours=-5), "people_estimate": 99, "incident_type": "nonsense",
        "colour": "red",
    })
    # occurred_at in the future also puts awareness (10 hours ago) before it.
    assert set(fields_of(response)) == {"occurred_at", "aware_at", "people_estimate",
                                        "incident_type", "colour"}


def test_problems_of_type_and_of_rule_come_back_together(breach, handler, api):
    response = _patch(api(handler), breach, {"title": "", "occurred_at": _ago(hours=15),
                                             "discovered_at": _ago(hours=16)})
    assert set(fields_of(response)) == {"title", "discovered_at"}


def test_the_regime_can_change_while_an_incident(incident, handler, api):
    response = _patch(api(handler), incident, {"regime": "pecr"})
    assert response.status_code == 200, response.content
    incident.refresh_from_db()
    assert incident.regime == "pecr"


@pytest.mark.parametrize("person, status", [
    ("dpo", 200), ("handler", 200), ("executive", 403), ("auditor", 403), ("reporter", 403),
    ("outsider", 404), ("regulator_officer", 403),
])
def test_who_may_update(person, status, breach, request, api):
    response = _patch(api(request.getfixturevalue(person)), breach, {"measures_taken": "Recalled."})
    assert response.status_code == status
    breach.refresh_from_db()
    assert (breach.measures_taken == "Recalled.") == (status == 200)


# --- transitions ------------------------------------------------------------------------

def test_start_triage_then_confirm_starts_the_clock(incident, handler, api):
    client = api(handler)
    response = _post(client, incident, "transitions", {"to": "triage"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "triage" and response.json()["clock"] is None

    aware = _ago(hours=2)
    response = _post(client, incident, "transitions", {
        "to": "open", "aware_at": aware, "incident_type": "non-cyber:failure-to-redact",
        "is_cyber": False, "confidentiality": True, "data_categories": ["Location data"],
    })
    assert response.status_code == 200, response.content
    out = response.json()
    assert out["status"] == "open"
    assert out["deadline_rule"]["version"] == "uk-gdpr/2018-05-25"
    assert 69.9 * 3600 < out["clock"]["remaining_seconds"] <= 70 * 3600
    incident.refresh_from_db()
    assert incident.incident_type == "non-cyber:failure-to-redact"
    assert incident.data_categories == ["Location data"]
    statuses = [e.changes.get("status") for e in incident.events.filter(kind=Event.Kind.STATUS)]
    assert ["reported", "triage"] in statuses and ["triage", "open"] in statuses
    assert AuditEntry.objects.filter(action="transition", object_id=incident.public_id).count() == 2


def test_confirming_needs_the_confirm_facts(incident, handler, api):
    services.transition(incident, handler, "triage")
    response = _post(api(handler), incident, "transitions", {"to": "open"})
    assert response.status_code == 422
    assert set(fields_of(response)) == {"aware_at", "incident_type", "confidentiality"}
    incident.refresh_from_db()
    assert incident.status == "triage" and incident.aware_at is None


def test_confirming_uses_facts_already_on_the_case(incident, handler, api):
    services.transition(incident, handler, "triage")
    services.update(incident, handler, {"incident_type": "cyber:phishing", "is_cyber": True,
                                        "integrity": True})
    response = _post(api(handler), incident, "transitions", {"to": "open", "aware_at": _ago(hours=1)})
    assert response.status_code == 200, response.content


def test_confirming_checks_the_times(incident, handler, api):
    services.transition(incident, handler, "triage")
    response = _post(api(handler), incident, "transitions", {
        "to": "open", "aware_at": _ago(hours=-2), "occurred_at": _ago(hours=1),
        "incident_type": "cyber:phishing", "is_cyber": True, "confidentiality": True,
    })
    assert response.status_code == 422
    assert "aware_at" in fields_of(response)


def test_a_transition_the_state_machine_forbids_is_a_conflict(incident, handler, api):
    response = _post(api(handler), incident, "transitions", {"to": "contained"})
    assert response.status_code == 409
    assert shape_of(response)["code"] == "conflict"
    incident.refresh_from_db()
    assert incident.status == "reported"


def test_closing_needs_a_reason(breach, handler, api):
    client = api(handler)
    response = _post(client, breach, "transitions", {"to": "closed"})
    assert response.status_code == 422 and "reason" in fields_of(response)
    response = _post(client, breach, "transitions", {"to": "closed", "reason": "All recovered."})
    assert response.status_code == 200
    assert response.json()["status"] == "closed" and response.json()["closure"] == "resolved"


def test_facts_are_only_accepted_when_confirming(breach, handler, api):
    response = _post(api(handler), breach, "transitions", {"to": "contained", "people_estimate": 3})
    assert response.status_code == 422
    assert "people_estimate" in fields_of(response)


def test_an_unknown_status_is_refused(breach, handler, api):
    response = _post(api(handler), breach, "transitions", {"to": "vanished"})
    assert response.status_code == 422 and "to" in fields_of(response)


@pytest.mark.parametrize("person, status", [
    ("handler", 200), ("auditor", 403), ("executive", 403), ("reporter", 403), ("outsider", 404),
    ("regulator_officer", 403),
])
def test_who_may_change_the_status(person, status, breach, request, api):
    response = _post(api(request.getfixturevalue(person)), breach, "transitions", {"to": "contained"})
    assert response.status_code == status
    breach.refresh_from_db()
    assert (breach.status == "contained") == (status == 200)


# --- awareness --------------------------------------------------------------------------

def test_changing_awareness_needs_a_reason_and_keeps_the_old_time(breach, dpo, api):
    old = breach.aware_at
    client = api(dpo)
    response = _post(client, breach, "awareness", {"aware_at": _ago(hours=20)})
    assert response.status_code == 422 and "reason" in fields_of(response)
    response = _post(client, breach, "awareness", {"aware_at": _ago(hours=20),
                                                   "reason": "An earlier email was found."})
    assert response.status_code == 200, response.content
    assert response.json()["clock"]["remaining_seconds"] < 52 * 3600 + 1
    event = breach.events.filter(kind=Event.Kind.AWARENESS).get()
    assert event.changes["aware_at"][0] == old.isoformat()


def test_awareness_cannot_move_before_the_breach_happened(breach, dpo, api):
    services.update(breach, dpo, {"occurred_at": timezone.now() - timedelta(hours=12)})
    response = _post(api(dpo), breach, "awareness", {"aware_at": _ago(hours=13), "reason": "Typo."})
    assert response.status_code == 422 and "aware_at" in fields_of(response)


@pytest.mark.parametrize("person, status", [("dpo", 200), ("handler", 403), ("outsider", 404)])
def test_who_may_change_awareness(person, status, breach, request, api):
    response = _post(api(request.getfixturevalue(person)), breach, "awareness",
                     {"aware_at": _ago(hours=11), "reason": "Checked the logs."})
    assert response.status_code == status


# --- notes ------------------------------------------------------------------------------

def test_add_a_note(breach, handler, api):
    response = _post(api(handler), breach, "notes", {"text": "Called the school's DPO."})
    assert response.status_code == 201, response.content
    out = response.json()
    assert out["kind"] == "note" and out["text"] == "Called the school's DPO."
    assert breach.events.filter(public_id=out["id"], kind=Event.Kind.NOTE).exists()
    assert AuditEntry.objects.filter(action="note", object_id=breach.public_id).exists()


def test_an_empty_note_is_refused(breach, handler, api):
    response = _post(api(handler), breach, "notes", {"text": "  "})
    assert response.status_code == 422 and "text" in fields_of(response)


@pytest.mark.parametrize("person, status", [("dpo", 201), ("auditor", 403), ("reporter", 403),
                                            ("outsider", 404), ("regulator_officer", 403)])
def test_who_may_add_a_note(person, status, breach, request, api):
    response = _post(api(request.getfixturevalue(person)), breach, "notes", {"text": "Checked."})
    assert response.status_code == status
    assert breach.events.filter(kind=Event.Kind.NOTE).exists() == (status == 201)


# --- decisions --------------------------------------------------------------------------

def test_record_a_decision_not_to_report(breach, dpo, api):
    response = _post(api(dpo), breach, "decisions", {
        "decision": "not_reporting", "reasons": "Recipient is a trusted school that deleted it."})
    assert response.status_code == 201, response.content
    assert response.json()["decision"] == "not_reporting"
    breach.refresh_from_db()
    assert breach.not_reported_reason.startswith("Recipient is a trusted school")
    assert AuditEntry.objects.filter(action="decision", object_id=breach.public_id).exists()


def test_record_a_report_to_the_regulator_stops_the_clock(breach, dpo, api):
    response = _post(api(dpo), breach, "decisions", {
        "decision": "reported", "reasons": "Reported online.", "reported_at": _ago(hours=1),
        "regulator_reference": "IC-12345-A1B2"})
    assert response.status_code == 201, response.content
    clock = api(dpo).get(f"/api/breaches/{breach.public_id}").json()["clock"]
    assert clock["urgency"] == "reported"


def test_a_late_report_needs_reasons_for_the_delay(breach, dpo, api):
    services.change_awareness(breach, dpo, timezone.now() - timedelta(hours=90), "Found earlier.")
    client = api(dpo)
    body = {"decision": "reported", "reasons": "Reported online.", "reported_at": _ago(minutes=5)}
    response = _post(client, breach, "decisions", body)
    assert response.status_code == 422 and "delay_reasons" in fields_of(response)
    breach.refresh_from_db()
    assert breach.regulator_reported_at is None

    response = _post(client, breach, "decisions",
                     {**body, "delay_reasons": "The email was only found in an audit."})
    assert response.status_code == 201, response.content
    breach.refresh_from_db()
    assert breach.delay_reasons and breach.regulator_reported_at is not None


@pytest.mark.parametrize("body, field", [
    ({"decision": "not_reporting"}, "reasons"),
    ({"decision": "not_reporting", "reasons": " "}, "reasons"),
    ({"decision": "maybe", "reasons": "Hmm."}, "decision"),
    ({"decision": "reported", "reasons": "Done.", "reported_at": _ago(hours=-3)}, "reported_at"),
    ({"decision": "not_reporting", "reasons": "Low risk.", "regulator_reference": "X"},
     "regulator_reference"),
])
def test_decision_validation(body, field, breach, dpo, api):
    response = _post(api(dpo), breach, "decisions", body)
    assert response.status_code == 422
    assert field in fields_of(response)
    assert not breach.events.filter(kind=Event.Kind.DECISION).exists()


@pytest.mark.parametrize("person, status", [("dpo", 201), ("handler", 403), ("auditor", 403),
                                            ("outsider", 404), ("regulator_officer", 403)])
def test_who_may_record_a_decision(person, status, breach, request, api):
    response = _post(api(request.getfixturevalue(person)), breach, "decisions",
                     {"decision": "tell_people", "reasons": "High risk to the children."})
    assert response.status_code == status
