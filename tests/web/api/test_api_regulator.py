"""The regulator's side through the API: access per role, the rule in a refusal, a review."""
# ruff: noqa: F811 - the shared fixtures are imported by name

import pytest

from breachdesk.web.regulator import monitoring, rules
from tests.web.regulator.monitoring_fixtures import case, notice, submitted  # noqa: F401 - shared fixtures


@pytest.mark.parametrize("who,status", [("regulator_officer", 200), ("dpo", 403), ("auditor", 403),
                                        ("outsider", 403)])
def test_cases_are_for_the_regulator(api, notice, request, who, status):
    client = api(request.getfixturevalue(who))
    assert client.get("/api/cases").status_code == status
    response = client.get(f"/api/cases/{notice.case.public_id}")
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["status"] == "monitoring" and len(body["notices"][0]["requirements"]) == 3


def test_the_organisation_reads_its_case_without_internal_notes(api, notice, dpo, outsider):
    breach = notice.case.breach
    body = api(dpo).get(f"/api/breaches/{breach.public_id}/regulator-case").json()
    assert body["reference"] == notice.case.reference and body["status"] == "monitoring"
    assert all("reason for" not in e["reason"] for e in body["events"])
    assert [p["number"] for p in body["notices"][0]["progress_reports"]] == [1, 2, 3]
    assert api(outsider).get(f"/api/breaches/{breach.public_id}/regulator-case").status_code == 404


def test_a_step_out_of_order_is_refused_with_the_rule(api, case, regulator_officer):
    response = api(regulator_officer).post(f"/api/cases/{case.public_id}/transitions",
                                           {"to": "monitoring", "reason": "skip"}, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["error"]["message"] == "A case cannot go from received to monitoring compliance."
    ok = api(regulator_officer).post(f"/api/cases/{case.public_id}/transitions",
                                     {"to": "triage", "reason": "start"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["status"] == "triage"


def test_review_through_the_api(api, notice, dpo, regulator_officer):
    report = notice.progress_reports.first()
    client = api(regulator_officer)
    url = f"/api/cases/{notice.case.public_id}/progress-reports/{report.public_id}"
    assert client.post(f"{url}/review", {"accepted": True}, content_type="application/json").status_code == 409
    assert client.get(url).json()["updates"] is None  # a draft stays the organisation's
    monitoring.save_draft(report, dpo, summary="ok", updates={
        r.public_id: (rules.DONE, "done") for r in notice.requirements.all()})
    monitoring.submit(report, dpo)
    response = client.post(f"{url}/review", {"accepted": False, "note": "Send the audit."},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "more_information"
