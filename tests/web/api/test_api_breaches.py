"""Reading breaches: the list, one breach, its timeline; and who may see what."""

from datetime import timedelta

import pytest
from api_helpers import shape_of
from django.utils import timezone

from breachdesk.web.audit.models import AuditEntry
from breachdesk.web.breaches import services

pytestmark = pytest.mark.django_db


def _incident(user, title="Laptop left on a train"):
    return services.report_incident(user, title=title, what_happened="It was not encrypted.",
                                    noticed_at=timezone.now() - timedelta(hours=3))


# --- one breach -------------------------------------------------------------------------

def test_read_a_breach_with_its_clock_and_rule(breach, dpo, api):
    response = api(dpo).get(f"/api/breaches/{breach.public_id}")
    assert response.status_code == 200, response.content
    out = response.json()
    assert out["id"] == breach.public_id and out["reference"] == breach.reference
    assert out["status"] == "open"
    clock = out["clock"]
    assert clock["urgency"] == "running" and not clock["overdue"] and not clock["reported"]
    # Aware 10 hours ago, so about 62 hours are left.
    assert 61.9 * 3600 < clock["remaining_seconds"] <= 62 * 3600
    assert out["deadline_rule"]["version"] == "uk-gdpr/2018-05-25"
    assert out["deadline_rule"]["report_within_hours"] == 72
    assert out["data_categories"] == ["Basic personal identifiers"]
    assert "contained" in out["allowed_transitions"]


def test_an_overdue_breach_says_so(breach, dpo, api):
    services.change_awareness(breach, dpo, timezone.now() - timedelta(hours=80), "Earlier email found")
    clock = api(dpo).get(f"/api/breaches/{breach.public_id}").json()["clock"]
    assert clock["urgency"] == "overdue" and clock["overdue"]
    assert clock["remaining_seconds"] < 0


def test_reading_a_breach_is_audited(breach, auditor, api):
    api(auditor).get(f"/api/breaches/{breach.public_id}")
    entry = AuditEntry.objects.filter(action="view", object_id=breach.public_id).get()
    assert entry.actor_id == auditor.pk and entry.detail == {"via": "api"}


@pytest.mark.parametrize("person, status", [
    ("dpo", 200), ("handler", 200), ("executive", 200), ("auditor", 200),
    ("reporter", 403),            # a colleague whose role cannot see the register
    ("outsider", 404),            # another organisation's DPO: as if it did not exist
    ("regulator_officer", 403),   # nothing has been submitted to the regulator
])
def test_who_may_read_a_breach(person, status, breach, request, api):
    response = api(request.getfixturevalue(person)).get(f"/api/breaches/{breach.public_id}")
    assert response.status_code == status
    if status != 200:
        shape_of(response)
        assert breach.reference not in response.content.decode()


def test_an_outsider_gets_the_same_answer_as_for_a_breach_that_does_not_exist(breach, outsider, api):
    client = api(outsider)
    real = client.get(f"/api/breaches/{breach.public_id}")
    made_up = client.get("/api/breaches/abcdefghjkmn")
    assert real.status_code == made_up.status_code == 404
    assert real.json() == made_up.json()
    assert not AuditEntry.objects.filter(action="view").exists()


def test_a_database_id_is_not_an_identifier(breach, dpo, api):
    assert api(dpo).get(f"/api/breaches/{breach.pk}").status_code == 404


# --- the list ---------------------------------------------------------------------------

def test_list_shows_only_my_organisations_cases(breach, dpo, outsider, api):
    theirs = _incident(outsider, "Their own incident")
    out = api(dpo).get("/api/breaches").json()
    ids = [item["id"] for item in out["items"]]
    assert breach.public_id in ids and theirs.public_id not in ids
    assert out["count"] == 1 and out["page"] == 1 and out["pages"] == 1
    assert out["items"][0]["clock"]["urgency"] == "running"


def test_list_filters_by_status(breach, reporter, dpo, api):
    incident = _incident(reporter)
    client = api(dpo)
    assert [i["id"] for i in client.get("/api/breaches?status=reported").json()["items"]] == [
        incident.public_id]
    assert [i["id"] for i in client.get("/api/breaches?status=open").json()["items"]] == [
        breach.public_id]
    response = client.get("/api/breaches?status=lost")
    assert response.status_code == 422
    assert [f["field"] for f in shape_of(response)["fields"]] == ["status"]


def test_list_is_paginated(reporter, dpo, api):
    made = [_incident(reporter, f"Incident {n}") for n in range(5)]
    client = api(dpo)
    first = client.get("/api/breaches?per_page=2").json()
    third = client.get("/api/breaches?per_page=2&page=3").json()
    assert first["count"] == 5 and first["pages"] == 3 and len(first["items"]) == 2
    assert len(third["items"]) == 1
    seen = [i["id"] for p in (1, 2, 3)
            for i in client.get(f"/api/breaches?per_page=2&page={p}").json()["items"]]
    assert sorted(seen) == sorted(b.public_id for b in made)
    assert client.get("/api/breaches?per_page=0").status_code == 422
    assert client.get("/api/breaches?per_page=1000").status_code == 422


@pytest.mark.parametrize("person", ["reporter", "regulator_officer"])
def test_list_needs_the_register_permission(person, breach, request, api):
    response = api(request.getfixturevalue(person)).get("/api/breaches")
    assert response.status_code == 403
    shape_of(response)


# --- the timeline -----------------------------------------------------------------------

def test_timeline_lists_changes_newest_first(breach, handler, dpo, api):
    services.add_note(breach, handler, "Asked the school to delete the email.")
    response = api(dpo).get(f"/api/breaches/{breach.public_id}/timeline")
    assert response.status_code == 200
    out = response.json()
    kinds = [e["kind"] for e in out["items"]]
    assert kinds[0] == "note" and kinds[-1] == "created"
    assert out["items"][0]["actor"] == {"id": handler.public_id, "name": str(handler)}
    assert out["count"] == len(kinds)
    assert AuditEntry.objects.filter(action="view", object_id=breach.public_id,
                                     detail__part="timeline").exists()


@pytest.mark.parametrize("person, status", [("auditor", 200), ("reporter", 403), ("outsider", 404),
                                            ("regulator_officer", 403)])
def test_who_may_read_the_timeline(person, status, breach, request, api):
    response = api(request.getfixturevalue(person)).get(f"/api/breaches/{breach.public_id}/timeline")
    assert response.status_code == status
