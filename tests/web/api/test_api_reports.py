"""Regulator reports through the API: draft, read, change, submit and export; who may do
which; and that a submitted report is never changed."""

import json
from datetime import timedelta

import pytest
from api_helpers import fields_of, shape_of
from django.urls import reverse
from django.utils import timezone

from breachdesk.web.audit.models import AuditEntry
from breachdesk.web.reports.models import FIELDS, RegulatorReport

pytestmark = pytest.mark.django_db

FACTS = {
    "breach_types": ["confidentiality"], "malicious": False,
    "data_categories": ["Basic personal identifiers"], "data_subject_types": ["Children"],
    "people": 30, "records": 30, "identifiable": "directly",
    "exposure": {"recipient": "known", "exfiltrated": None, "recovered": False},
}


def _base(breach):
    return f"/api/breaches/{breach.public_id}/reports"


def _json(client, method, url, body):
    return getattr(client, method)(url, body, content_type="application/json")


def _completion(breach):
    return {
        "how_found": "The school that received it phoned us.",
        "occurred_at": (breach.aware_at - timedelta(hours=20)).isoformat(),
        "discovered_at": (breach.aware_at - timedelta(hours=2)).isoformat(),
        "data_subject_types": ["Children"], "likely_consequences": "Distress.",
        "measures_taken": "The school deleted the email.", "other_organisations_told": "None",
        "human_error": "yes", "staff_trained": "yes", "contact_phone": "020 7946 0000",
    }


@pytest.fixture
def signed(breach, dpo, api):
    """The breach, with its risk assessment signed off through the API."""
    response = _json(api(dpo), "post", f"/api/breaches/{breach.public_id}/assessments",
                     {"facts": FACTS, "sign_off": True})
    assert response.status_code == 201, response.content
    return breach


@pytest.fixture
def report(signed, handler, api):
    """A complete draft initial report, drafted and filled in by the handler."""
    response = _json(api(handler), "post", _base(signed), _completion(signed))
    assert response.status_code == 201, response.content
    out = response.json()
    assert out["complete"] is True, out["missing"]
    return RegulatorReport.objects.get(public_id=out["id"])


def test_drafting_from_the_breach_and_the_signed_off_assessment(signed, handler, api):
    response = _json(api(handler), "post", _base(signed), {})
    assert response.status_code == 201, response.content
    out = response.json()
    assert (out["kind"], out["number"], out["status"]) == ("initial", 1, "draft")
    assert out["breach"] == {"id": signed.public_id, "reference": signed.reference}
    assert out["assessment"]["number"] == 1 and out["assessment"]["status"] == "signed_off"
    assert out["regulator"]["name"] == "Regulator"
    assert list(out["fields"]) == list(FIELDS)
    assert out["fields"]["people"] == 30 and out["fields"]["contact_email"] == "dpo@northmere.example"
    assert out["complete"] is False
    missing = {m["field"]: m["message"] for m in out["missing"]}
    assert missing["how_found"] == "Say how the breach was found"
    assert AuditEntry.objects.filter(action="create", object_id=out["id"]).exists()


def test_one_draft_at_a_time(report, handler, api):
    response = _json(api(handler), "post", _base(report.breach), {})
    assert response.status_code == 409
    assert report.public_id in shape_of(response)["message"]


def test_a_draft_is_changed_field_by_field(report, handler, api):
    url = f"{_base(report.breach)}/{report.public_id}"
    response = _json(api(handler), "patch", url, {"people": 28, "measures_proposed": "Retrain the team."})
    assert response.status_code == 200, response.content
    report.refresh_from_db()
    assert report.people == 28 and report.measures_proposed == "Retrain the team."
    assert report.how_found == "The school that received it phoned us."  # untouched


@pytest.mark.parametrize("body, field", [
    ({"people": 40}, "people"),                               # more people than records (30)
    ({"occurred_at": "2099-01-01T00:00:00Z"}, "occurred_at"),  # in the future
    ({"discovered_at": "2000-01-01T00:00:00Z"}, "discovered_at"),  # before it happened
    ({"data_categories": ["Shoe sizes"]}, "data_categories"),
    ({"people_told": "maybe"}, "people_told"),
    ({"contact_email": "not an address"}, "contact_email"),
    ({"how_found": None}, "how_found"),
    ({"what_changed": "x"}, "what_changed"),                  # only for follow-ups
    ({"status": "submitted"}, "status"),                      # not a field you can set
])
def test_bad_values_are_refused_and_nothing_changes(report, handler, api, body, field):
    before = RegulatorReport.objects.filter(pk=report.pk).values().get()
    response = _json(api(handler), "patch", f"{_base(report.breach)}/{report.public_id}", body)
    assert response.status_code == 422, response.content
    assert field in fields_of(response)
    assert RegulatorReport.objects.filter(pk=report.pk).values().get() == before


def test_submitting_to_the_regulator_on_breachdesk(report, dpo, api, regulator_org):
    response = _json(api(dpo), "post", f"{_base(report.breach)}/{report.public_id}/submit", {"route": "breachdesk"})
    assert response.status_code == 200, response.content
    out = response.json()
    assert out["status"] == "submitted" and out["regulator_reference"].startswith("REG-")
    assert out["submitted_by"] == "Dpo Example" and out["missing"] == []
    assert RegulatorReport.objects.filter(regulator=regulator_org, status="submitted").count() == 1
    breach = report.breach
    breach.refresh_from_db()
    assert breach.regulator_reported_at is not None
    assert breach.events.filter(decision="reported").count() == 1


def test_sent_another_way(report, dpo, api):
    sent = (timezone.now() - timedelta(hours=1)).replace(microsecond=0)
    response = _json(api(dpo), "post", f"{_base(report.breach)}/{report.public_id}/submit",
                     {"route": "other", "sent_at": sent.isoformat(), "reference": "IC-42"})
    assert response.status_code == 200, response.content
    out = response.json()
    assert out["status"] == "sent" and out["regulator_reference"] == "IC-42"
    report.breach.refresh_from_db()
    assert report.breach.regulator_reported_at == sent


def test_submission_problems_are_listed(signed, handler, dpo, api):
    draft = _json(api(handler), "post", _base(signed), {}).json()
    url = f"{_base(signed)}/{draft['id']}/submit"
    response = _json(api(dpo), "post", url, {"route": "breachdesk"})
    assert response.status_code == 422
    fields = fields_of(response)
    assert fields["how_found"] == "Say how the breach was found" and "contact_phone" in fields
    response = _json(api(dpo), "post", url, {"route": "other"})
    assert set(fields_of(response)) == {"sent_at", "reference"}
    response = _json(api(dpo), "post", url, {"route": "breachdesk", "reference": "X"})
    assert set(fields_of(response)) == {"reference"}
    assert RegulatorReport.objects.get(public_id=draft["id"]).status == "draft"


def test_a_submitted_report_is_never_changed(report, dpo, api):
    base = f"{_base(report.breach)}/{report.public_id}"
    assert _json(api(dpo), "post", f"{base}/submit", {"route": "breachdesk"}).status_code == 200
    response = _json(api(dpo), "patch", base, {"how_found": "Changed"})
    assert response.status_code == 409 and shape_of(response)["code"] == "conflict"
    response = _json(api(dpo), "post", f"{base}/submit", {"route": "breachdesk"})
    assert response.status_code == 409
    assert RegulatorReport.objects.get(pk=report.pk).how_found == "The school that received it phoned us."


def test_a_follow_up_carries_the_reference_and_the_changes(report, dpo, handler, api):
    client = api(dpo)
    first = _json(client, "post", f"{_base(report.breach)}/{report.public_id}/submit", {"route": "breachdesk"}).json()
    _json(api(handler), "patch", f"/api/breaches/{report.breach.public_id}", {"people_estimate": 25})
    follow = _json(client, "post", _base(report.breach), {}).json()
    assert follow["kind"] == "follow_up" and follow["follows"] == first["id"]
    assert follow["regulator_reference"] == first["regulator_reference"]
    assert follow["changes"] == [{"field": "people", "label": "Approximate number of people",
                                  "before": 30, "after": 25}]
    assert follow["fields"]["what_changed"] == "Updated: approximate number of people."
    assert follow["complete"] is True


def test_the_export_is_the_web_apps_json(report, dpo, api, signed_in):
    api_doc = api(dpo).get(f"{_base(report.breach)}/{report.public_id}/export").json()
    web = signed_in(dpo).get(reverse("reports:json", args=[report.breach.public_id, report.public_id]))
    assert api_doc == json.loads(web.content)
    assert api_doc["format"] == "breachdesk/regulator-report/1"
    assert AuditEntry.objects.filter(action="export", object_id=report.public_id, detail__via="api").exists()


def test_list_and_read(report, auditor, api):
    client = api(auditor)
    listing = client.get(_base(report.breach)).json()
    assert listing["count"] == 1 and listing["items"][0]["id"] == report.public_id
    one = client.get(f"{_base(report.breach)}/{report.public_id}")
    assert one.status_code == 200 and one.json()["complete"] is True
    assert AuditEntry.objects.filter(action="view", object_id=report.public_id, detail__via="api").exists()
    assert client.get(f"{_base(report.breach)}/nosuchthing").status_code == 404


@pytest.mark.parametrize("person, read, change, submit", [
    ("dpo", 200, 200, 200), ("handler", 200, 200, 403), ("auditor", 200, 403, 403),
    ("executive", 200, 403, 403), ("reporter", 403, 403, 403), ("outsider", 404, 404, 404),
    ("regulator_officer", 403, 403, 403),
])
def test_who_may_do_what(person, read, change, submit, report, request, api):
    client = api(request.getfixturevalue(person))
    base = f"{_base(report.breach)}/{report.public_id}"
    for url in (_base(report.breach), base, f"{base}/export"):
        response = client.get(url)
        assert response.status_code == read, url
        if read != 200:
            shape_of(response)
            assert report.breach.reference not in response.content.decode()
    response = _json(client, "patch", base, {"contact_phone": "0113 496 0000"})
    assert response.status_code == change
    response = _json(client, "post", f"{base}/submit", {"route": "breachdesk"})
    assert response.status_code == submit
    if submit != 200:
        assert RegulatorReport.objects.get(pk=report.pk).status == "draft"
