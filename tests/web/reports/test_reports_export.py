"""Each report as JSON (stable keys) and as a PDF (read back as text)."""

import json

import pypdfium2
import pytest
from django.urls import reverse

from breachdesk.web.audit.models import AuditEntry
from breachdesk.web.reports import services
from breachdesk.web.reports.models import FIELDS

pytestmark = pytest.mark.django_db

KEYS = {"format", "id", "number", "kind", "status", "breach", "organisation", "regulator", "regulator_reference",
        "follows", "assessment", "deadline", "submitted_at", "submitted_by", "fields", "changes"}


def url(report, name):
    return reverse(f"reports:{name}", args=[report.breach.public_id, report.public_id])


def test_json_has_stable_keys(ready, dpo, signed_in):
    services.submit(ready, dpo, route=services.BREACHDESK)
    response = signed_in(dpo).get(url(ready, "json"))
    assert response["Content-Type"] == "application/json"
    reference = ready.breach.reference
    assert response["Content-Disposition"] == f'attachment; filename="{reference}-report-1.json"'
    doc = json.loads(response.content)
    assert set(doc) == KEYS
    assert doc["format"] == "breachdesk/regulator-report/1"
    assert list(doc["fields"]) == list(FIELDS)
    assert doc["fields"]["people"] == 30 and doc["fields"]["is_cyber"] is False
    assert doc["fields"]["people_told"] == "will_tell"
    assert doc["kind"] == "initial" and doc["status"] == "submitted"
    assert doc["assessment"]["risk"] == "high" and doc["regulator"]["name"] == "Regulator"
    assert AuditEntry.objects.filter(action="export", object_id=ready.public_id, detail__format="json").exists()


def test_a_follow_up_exports_what_changed(ready, dpo, handler, signed_in):
    from breachdesk.web.breaches import services as breach_services

    first = services.submit(ready, dpo, route=services.BREACHDESK)
    breach_services.update(first.breach, handler, {"people_estimate": 25})
    follow = services.draft(first.breach, dpo)
    doc = json.loads(signed_in(dpo).get(url(follow, "json")).content)
    assert doc["follows"] == first.public_id and doc["kind"] == "follow_up"
    assert doc["changes"] == [{"field": "people", "label": "Approximate number of people", "before": 30, "after": 25}]


def _text(pdf: bytes) -> str:
    doc = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def test_pdf_reads_back_as_the_report(ready, dpo, signed_in):
    response = signed_in(dpo).get(url(ready, "pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(_text(response.content).split())
    assert "Personal data breach report: initial report" in text
    assert "Northmere Borough Council" in text
    assert "How the breach was found The school that received it phoned us." in text
    assert "Approximate number of people 30" in text
    assert "Whether the people have been or will be told Yes, they will be told" in text
    assert "Contact telephone 020 7946 0000" in text
    assert AuditEntry.objects.filter(action="export", object_id=ready.public_id, detail__format="pdf").exists()
