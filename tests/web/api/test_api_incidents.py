"""POST /api/incidents: any member of staff reports an incident."""

from datetime import timedelta

import pytest
from api_helpers import fields_of, shape_of
from django.utils import timezone

from breachdesk.web.audit.models import AuditEntry
from breachdesk.web.breaches.models import Breach, Event

pytestmark = pytest.mark.django_db


def _report(client, **overrides):
    body = {
        "title": "Letters posted to the wrong addresses",
        "what_happened": "A batch of council tax letters went out with the wrong enclosures.",
        "noticed_at": (timezone.now() - timedelta(hours=2)).isoformat(),
        "data_involved_initial": "Names, addresses and council tax balances",
        "reporter_team": "Revenues",
    }
    body.update(overrides)
    body = {k: v for k, v in body.items() if v is not ...}
    return client.post("/api/incidents", body, content_type="application/json")


@pytest.mark.parametrize("person", ["reporter", "handler", "dpo", "auditor", "executive"])
def test_any_member_of_staff_can_report(person, request, api, council):
    user = request.getfixturevalue(person)
    response = _report(api(user))
    assert response.status_code == 201, response.content
    out = response.json()
    breach = Breach.objects.get(public_id=out["id"])
    assert breach.organisation == council
    assert breach.reported_by == user
    assert out["reference"].startswith("NBC-") and out["status"] == "reported"
    assert out["clock"] is None and out["deadline_rule"] is None
    assert out["reported_by"] == {"id": user.public_id, "name": str(user)}
    assert breach.events.filter(kind=Event.Kind.CREATED).exists()
    assert AuditEntry.objects.filter(action="create", object_id=breach.public_id).exists()


def test_the_response_uses_public_ids_only(reporter, api):
    out = _report(api(reporter)).json()
    breach = Breach.objects.get(public_id=out["id"])
    assert out["id"] != str(breach.pk) and len(out["id"]) >= 12
    assert "pk" not in out and str(breach.pk) not in {str(v) for v in out.values()}


def test_a_regulator_cannot_report_an_incident(regulator_officer, api):
    response = _report(api(regulator_officer))
    assert response.status_code == 403
    assert shape_of(response)["code"] == "forbidden"
    assert not Breach.objects.exists()


def test_noticed_in_the_future_is_refused(reporter, api):
    response = _report(api(reporter), noticed_at=(timezone.now() + timedelta(days=1)).isoformat())
    assert response.status_code == 422
    assert "noticed_at" in fields_of(response)
    assert not Breach.objects.exists()


def test_every_problem_is_reported_at_once(reporter, api):
    response = _report(api(reporter), title="", what_happened=..., colour="blue",
                       noticed_at="yesterday-ish")
    assert response.status_code == 422
    assert set(fields_of(response)) == {"title", "what_happened", "colour", "noticed_at"}


def test_a_time_without_an_offset_is_refused(reporter, api):
    response = _report(api(reporter), noticed_at="2026-01-05T09:30:00")
    assert response.status_code == 422
    assert "time zone" in fields_of(response)["noticed_at"]


def test_unknown_fields_are_refused(reporter, api):
    response = _report(api(reporter), reference="NBC-1999-0001")
    assert response.status_code == 422
    assert fields_of(response) == {"reference": "This field is not recognised"}


def test_an_empty_body_is_refused_in_shape(reporter, api):
    response = api(reporter).post("/api/incidents", "", content_type="application/json")
    assert response.status_code == 422
    shape_of(response)


def test_malformed_json_is_refused_in_shape(reporter, api):
    response = api(reporter).post("/api/incidents", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert shape_of(response)["code"] == "bad_request"
