# ruff: noqa: F811 - fixtures imported from the shared aftercare helpers
"""Support requests through the API: list, read, update; the same access rules and error
shape as the rest of the API; reads audited; changes in the request's history."""

import pytest

from breachdesk.web.aftercare import services
from breachdesk.web.aftercare.models import Status
from breachdesk.web.audit.models import AuditEntry
from tests.web.aftercare.care_helpers import _fresh_cache, people, plan, support_request, told  # noqa: F401
from tests.web.api.api_helpers import fields_of, shape_of


def _url(item=None, breach=None):
    if item is None and breach is None:
        return "/api/support-requests"
    if item is None:
        return f"/api/breaches/{breach.public_id}/support-requests"
    return f"/api/breaches/{item.breach.public_id}/support-requests/{item.public_id}"


def test_list_across_the_organisation_and_per_breach(api, dpo, support_request, told):
    complaint = services.ask(told[1][0], "complaint", "Not good enough")
    body = api(dpo).get(_url()).json()
    assert body["count"] == 2
    item = next(i for i in body["items"] if i["id"] == support_request.public_id)
    assert item["kind"] == "callback" and item["person"] == support_request.person.reference
    assert item["next_due"] == {"what": "answer", "by": support_request.answer_by.isoformat()}
    assert "text" not in item and "phone" not in item  # no free text in lists
    only = api(dpo).get(_url(breach=support_request.breach) + "?kind=complaint").json()
    assert [i["id"] for i in only["items"]] == [complaint.public_id]
    services.set_status(complaint, dpo, "closed")
    assert api(dpo).get(_url() + "?status=open").json()["count"] == 1


def test_read_one_is_audited_and_has_what_they_wrote(api, auditor, support_request):
    body = api(auditor).get(_url(support_request)).json()
    assert body["text"] == "Please call me about my bank details."
    assert body["phone"] == "01632 960123" and body["good_times"] == "Weekday mornings"
    entry = AuditEntry.objects.get(action="view_support_request")
    assert entry.detail["via"] == "api" and "bank" not in str(entry.detail)


def test_update_status_owner_and_outcome(api, handler, dpo, support_request):
    response = api(handler).patch(_url(support_request), {"owner": dpo.public_id, "outcome": "called_back",
                                                         "status": "answered"}, content_type="application/json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["owner"]["id"] == dpo.public_id and body["outcome"] == "called_back"
    assert body["status"] == "answered" and body["answered_in_time"] is True
    support_request.refresh_from_db()
    assert support_request.notes.count() == 3
    response = api(handler).patch(_url(support_request), {"owner": None}, content_type="application/json")
    assert response.json()["owner"] is None


def test_bad_updates_in_the_error_shape(api, dpo, auditor, outsider, support_request):
    client = api(dpo)
    response = client.patch(_url(support_request), {"owner": auditor.public_id}, content_type="application/json")
    assert response.status_code == 422 and "owner" in fields_of(response)
    response = client.patch(_url(support_request), {"owner": outsider.public_id}, content_type="application/json")
    assert response.status_code == 422
    response = client.patch(_url(support_request), {"status": "lost"}, content_type="application/json")
    assert response.status_code == 422 and "status" in fields_of(response)
    response = client.patch(_url(support_request), {"colour": "red"}, content_type="application/json")
    assert response.status_code == 422 and "colour" in fields_of(response)
    response = client.patch(_url(support_request), {"status": None}, content_type="application/json")
    assert response.status_code == 422
    support_request.refresh_from_db()
    assert support_request.status == Status.RECEIVED and support_request.owner is None


@pytest.mark.parametrize("who,read,change", [
    ("dpo", 200, 200), ("handler", 200, 200), ("auditor", 200, 403), ("executive", 200, 403),
    ("reporter", 403, 403), ("outsider", 404, 404), ("regulator_officer", 403, 403),
])
def test_access(request, api, support_request, who, read, change):
    client = api(request.getfixturevalue(who))
    response = client.get(_url(support_request))
    assert response.status_code == read
    if read != 200:
        shape_of(response)
    response = client.patch(_url(support_request), {"outcome": "called_back"}, content_type="application/json")
    assert response.status_code == change
    if change != 200:
        shape_of(response)
        support_request.refresh_from_db()
        assert support_request.outcome == ""


def test_an_outsiders_list_is_their_own(api, outsider, support_request):
    assert api(outsider).get(_url()).json()["count"] == 0


def test_unknown_request_is_404(api, dpo, support_request):
    response = api(dpo).get(f"/api/breaches/{support_request.breach.public_id}/support-requests/nope")
    assert response.status_code == 404 and shape_of(response)["code"] == "not_found"
