"""Every error the API gives has one shape, and none repeats what was sent."""

from datetime import timedelta

import pytest
from api_helpers import shape_of
from django.test import Client
from django.utils import timezone

from breachdesk.web.api import api as api_module
from breachdesk.web.api.api import api as ninja_api
from breachdesk.web.audit.models import AuditEntry
from breachdesk.web.breaches import services

pytestmark = pytest.mark.django_db

SENTINEL = "Jane-Q-Sentinel-1984"


def _future():
    return (timezone.now() + timedelta(days=3)).isoformat()


# (description, who calls, method, path ({id} is the breach), body, status, code)
FAILURES = [
    ("no token", None, "get", "/api/breaches", None, 401, "not_authenticated"),
    ("bad token", "bad", "get", "/api/breaches/{id}", None, 401, "not_authenticated"),
    ("role lacks permission", "auditor", "patch", "/api/breaches/{id}", {"title": "New"}, 403,
     "forbidden"),
    ("regulator", "regulator_officer", "get", "/api/breaches/{id}", None, 403, "forbidden"),
    ("outsider", "outsider", "get", "/api/breaches/{id}", None, 404, "not_found"),
    ("no such breach", "dpo", "get", "/api/breaches/abcdefghjkmn/timeline", None, 404, "not_found"),
    ("no such path", "dpo", "get", "/api/nothing/here", None, 404, "not_found"),
    ("no such path, POST", None, "post", "/api/nothing", {}, 404, "not_found"),
    ("wrong method", "dpo", "delete", "/api/breaches/{id}", None, 405, "method_not_allowed"),
    ("wrong method on a list", "dpo", "put", "/api/incidents", {}, 405, "method_not_allowed"),
    ("bad JSON", "dpo", "post", "/api/breaches/{id}/notes", "{nope", 400, "bad_request"),
    ("schema", "dpo", "patch", "/api/breaches/{id}", {"people_estimate": "lots"}, 422,
     "validation_error"),
    ("rule", "dpo", "patch", "/api/breaches/{id}", {"occurred_at": "FUTURE"}, 422,
     "validation_error"),
    ("unknown field", "dpo", "post", "/api/breaches/{id}/notes", {"text": "x", "y": 1}, 422,
     "validation_error"),
    ("bad query", "dpo", "get", "/api/breaches?page=0", None, 422, "validation_error"),
    ("state machine", "dpo", "post", "/api/breaches/{id}/transitions", {"to": "triage"}, 409,
     "conflict"),
]


@pytest.mark.parametrize("who, method, path, body, status, code",
                         [f[1:] for f in FAILURES], ids=[f[0] for f in FAILURES])
def test_every_error_has_the_one_shape(who, method, path, body, status, code, breach, request,
                                       token_for):
    headers = {}
    if who == "bad":
        headers["Authorization"] = "Bearer bd_abcdefgh_" + "x" * 43
    elif who:
        headers["Authorization"] = f"Bearer {token_for(request.getfixturevalue(who))}"
    client = Client(headers=headers)
    if body == {"occurred_at": "FUTURE"}:
        body = {"occurred_at": _future()}
    kwargs = {}
    if body is not None:
        kwargs = {"data": body, "content_type": "application/json"}
    response = getattr(client, method)(path.replace("{id}", breach.public_id), **kwargs)
    assert response.status_code == status, response.content
    error = shape_of(response)
    assert error["code"] == code
    if status == 405:
        assert response["Allow"]


def test_errors_never_repeat_what_was_sent(breach, dpo, api):
    client = api(dpo)
    url = f"/api/breaches/{breach.public_id}"
    bodies = [
        {"title": SENTINEL * 20, "incident_type": SENTINEL, "data_categories": [SENTINEL],
         "staff_trained": SENTINEL, "people_estimate": SENTINEL, "occurred_at": SENTINEL,
         "is_cyber": SENTINEL},
        {"regime": SENTINEL, "data_subject_types": [SENTINEL, "Children"]},
    ]
    for body in bodies:
        response = client.patch(url, body, content_type="application/json")
        assert response.status_code == 422
        assert SENTINEL not in response.content.decode()
        assert len(shape_of(response)["fields"]) >= len(body) - 1
    response = client.post(f"{url}/transitions", {"to": SENTINEL}, content_type="application/json")
    assert SENTINEL not in response.content.decode()
    response = client.post(f"{url}/notes", f'{{"text": "{SENTINEL}"', content_type="application/json")
    assert response.status_code == 400 and SENTINEL not in response.content.decode()
    response = client.get(f"/api/breaches?status={SENTINEL}")
    assert response.status_code == 422 and SENTINEL not in response.content.decode()


def test_a_server_error_has_the_shape_logs_no_data_and_changes_nothing(breach, dpo, api,
                                                                       monkeypatch, caplog):
    # The note is written, then building the answer fails: the whole request must roll back.
    def failing(event):
        raise RuntimeError(f"could not render {event.text}")

    monkeypatch.setattr(api_module, "_event", failing)
    before = breach.events.count()
    response = api(dpo).post(f"/api/breaches/{breach.public_id}/notes", {"text": SENTINEL},
                             content_type="application/json")
    assert response.status_code == 500
    assert shape_of(response)["code"] == "server_error"
    assert SENTINEL not in response.content.decode()
    assert SENTINEL not in caplog.text and "RuntimeError" in caplog.text
    assert breach.events.count() == before
    assert not AuditEntry.objects.filter(action="note").exists()


def test_refused_requests_change_nothing(breach, handler, api):
    before = (breach.events.count(), breach.updated_at)
    response = api(handler).patch(f"/api/breaches/{breach.public_id}",
                                  {"title": "Renamed", "people_estimate": 1000},
                                  content_type="application/json")
    assert response.status_code == 422
    breach.refresh_from_db()
    assert (breach.events.count(), breach.updated_at) == before
    assert breach.title != "Renamed"


def test_a_body_too_large(breach, dpo, api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api(dpo).post(f"/api/breaches/{breach.public_id}/notes", {"text": "x" * 2000},
                             content_type="application/json")
    assert response.status_code == 413
    assert shape_of(response)["code"] == "too_large"


def test_a_race_between_two_status_changes_is_a_conflict(breach, handler, api, monkeypatch):
    # Another request closes the case between our check and our write.
    real = api_module._locked

    def raced(b):
        locked = real(b)
        services.transition(locked, handler, "closed", "Closed elsewhere.")
        return real(b)

    monkeypatch.setattr(api_module, "_locked", raced)
    response = api(handler).post(f"/api/breaches/{breach.public_id}/transitions",
                                 {"to": "contained"}, content_type="application/json")
    assert response.status_code == 409
    assert shape_of(response)["code"] == "conflict"


def test_too_many_requests(dpo, api, monkeypatch):
    for throttle in ninja_api.throttle:
        monkeypatch.setattr(throttle, "num_requests", 2)
    client = api(dpo)
    assert [client.get("/api/breaches").status_code for _ in range(2)] == [200, 200]
    response = client.get("/api/breaches")
    assert response.status_code == 429
    assert shape_of(response)["code"] == "rate_limited"
    assert int(response["Retry-After"]) > 0
    # The limit is per token: another token of the same person is not held back.
    assert api(dpo).get("/api/breaches").status_code == 200
