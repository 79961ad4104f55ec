"""The OpenAPI document: valid, complete, served locally, and matched by docs/api.md."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern
from openapi_spec_validator import validate

from breachdesk.web.api.api import api

DOCS = Path(__file__).resolve().parents[3] / "docs" / "api.md"
METHODS = {"get", "post", "put", "patch", "delete"}

EXPECTED = {
    ("post", "/api/incidents"),
    ("get", "/api/breaches"),
    ("get", "/api/breaches/{public_id}"),
    ("patch", "/api/breaches/{public_id}"),
    ("post", "/api/breaches/{public_id}/transitions"),
    ("post", "/api/breaches/{public_id}/awareness"),
    ("get", "/api/breaches/{public_id}/timeline"),
    ("post", "/api/breaches/{public_id}/notes"),
    ("post", "/api/breaches/{public_id}/decisions"),
    ("get", "/api/breaches/{public_id}/assessments"),
    ("post", "/api/breaches/{public_id}/assessments"),
    ("get", "/api/breaches/{public_id}/assessments/{assessment_id}"),
    ("get", "/api/breaches/{public_id}/reports"),
    ("post", "/api/breaches/{public_id}/reports"),
    ("get", "/api/breaches/{public_id}/reports/{report_id}"),
    ("patch", "/api/breaches/{public_id}/reports/{report_id}"),
    ("post", "/api/breaches/{public_id}/reports/{report_id}/submit"),
    ("get", "/api/breaches/{public_id}/reports/{report_id}/export"),
    ("get", "/api/support-requests"),
    ("get", "/api/breaches/{public_id}/support-requests"),
    ("get", "/api/breaches/{public_id}/support-requests/{request_id}"),
    ("patch", "/api/breaches/{public_id}/support-requests/{request_id}"),
    ("get", "/api/breaches/{public_id}/regulator-case"),
    ("get", "/api/cases"),
    ("get", "/api/cases/{case_id}"),
    ("post", "/api/cases/{case_id}/transitions"),
    ("get", "/api/cases/{case_id}/progress-reports/{report_id}"),
    ("post", "/api/cases/{case_id}/progress-reports/{report_id}/review"),
    ("get", "/api/breaches/{public_id}/campaigns"),
    ("post", "/api/breaches/{public_id}/campaigns"),
    ("get", "/api/breaches/{public_id}/campaigns/{campaign_id}"),
    ("post", "/api/breaches/{public_id}/campaigns/{campaign_id}/start"),
    ("post", "/api/breaches/{public_id}/campaigns/{campaign_id}/pause"),
    ("post", "/api/breaches/{public_id}/campaigns/{campaign_id}/resume"),
    ("get", "/api/breaches/{public_id}/campaigns/{campaign_id}/deliveries"),
}


@pytest.fixture
def spec(db):
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(spec):
    return {(m, p): op for p, item in spec["paths"].items() for m, op in item.items() if m in METHODS}


def test_the_document_is_valid_openapi(spec):
    assert spec["openapi"].startswith("3.")
    validate(spec)  # raises on an invalid document


def test_the_validator_can_fail():
    broken = {"openapi": "3.1.0", "info": {"title": "x"}, "paths": {"/a": {"get": {"responses": 1}}}}
    with pytest.raises(Exception):  # noqa: B017 - any validation error will do
        validate(broken)


def test_every_route_is_documented(spec):
    assert set(_operations(spec)) == EXPECTED
    # And every URL the API serves (other than its own docs and the catch-all) is in it.
    routes = set()
    for pattern in api.urls[0]:
        if isinstance(pattern, URLPattern) and pattern.name not in (
                "openapi-json", "openapi-view", "api-root", "unknown"):
            routes.add("/api/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern)))
    assert routes == set(spec["paths"])


def test_every_operation_needs_a_token_and_documents_its_errors(spec):
    assert spec["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    for key, op in _operations(spec).items():
        assert op.get("security") == [{"TokenAuth": []}], key
        assert op.get("summary"), key
        for status in ("401", "403", "404", "422", "500"):
            content = op["responses"][status]["content"]["application/json"]["schema"]
            assert content == {"$ref": "#/components/schemas/ErrorOut"}, (key, status)


def test_no_database_ids_in_the_document(spec):
    schemas = spec["components"]["schemas"]
    for name in ("BreachOut", "BreachSummaryOut", "EventOut", "AssessmentOut", "ReportOut", "ReportDocument",
                 "CampaignOut", "CampaignDetailOut", "DeliveryOut"):
        assert "pk" not in schemas[name]["properties"]
        assert schemas[name]["properties"]["id"]["type"] == "string"


def test_inputs_refuse_unknown_fields(spec):
    schemas = spec["components"]["schemas"]
    for name in ("IncidentIn", "BreachFacts", "TransitionIn", "NoteIn", "DecisionIn", "AwarenessIn",
                 "AssessmentIn", "OverrideIn", "ReportIn", "SubmitIn", "CaseTransitionIn", "ReviewIn", "SupportRequestIn",
                 "CampaignIn"):
        assert schemas[name].get("additionalProperties") is False, name


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]


def test_the_docs_page_is_served_locally(db):
    response = Client().get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    parser = _Links()
    parser.feed(html)
    assert parser.urls, "expected the page to load its scripts and styles"
    assert all(url.startswith("/") and not url.startswith("//") for url in parser.urls), parser.urls
    assert "http://" not in html and "https://" not in html
    assert '"validatorUrl": null' in html  # no badge fetched from swagger.io
    for url in parser.urls:
        static = Client().get(url)
        assert static.status_code == 200, url
        static.close()


def test_docs_api_md_describes_every_endpoint(spec):
    text = DOCS.read_text()
    for method, path in _operations(spec):
        assert f"{method.upper()} {path}" in text, f"{method.upper()} {path} is not in docs/api.md"
    for code in ("not_authenticated", "forbidden", "not_found", "validation_error", "conflict",
                 "method_not_allowed", "rate_limited", "server_error"):
        assert code in text, code
