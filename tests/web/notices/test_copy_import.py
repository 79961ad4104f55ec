"""The people importer's COPY path (PostgreSQL) gives the same rows as the row-by-row path."""

import polars as pl
import pytest
from django.db import connection

from breachdesk.web.people import importer
from breachdesk.web.people.models import AffectedPerson

EMAILS = ["a@example.org", "first.last+tag@sub.example.co.uk", "bad@", "no-at-sign", "x@localhost", "ü@example.org",
          "a..b@example.org", "-x@example.org", "x@-example.org", "x@example.c", "o'neil@example.ie", None, ""]
POSTCODES = ["SW1A 1AA", "sw1a1aa", "ZZ", "CF10 1AA", None, "M1 1AE", "GIR 0AA", "EC1A 1BB"]


def frame(n):
    rows = []
    for i in range(n):
        rows.append({"person_id": f"S{i}", "name": f"Person {i}", "email": EMAILS[i % len(EMAILS)],
                     "phone": "07700900123" if i % 3 == 0 else None,
                     "address": None if i % 7 == 0 else f"{i} High Street\tNorth\\mere", "postcode": POSTCODES[i % len(POSTCODES)],
                     "dob": "1980-02-03", "nino": "QQ123456C" if i % 2 else None, "sort_code": None,
                     "account_number": "12345678" if i % 5 == 0 else None, "categories": ["Basic personal identifiers"],
                     "child": i % 4 == 0, "special_category": "true" if i % 6 == 0 else "false", "criminal_offence": False,
                     "records": i % 3 + 1})
    return pl.DataFrame(rows)


def snapshot(breach):
    return {p.scope_person_id: (p.details, p.email_index, p.postcode_index, p.dob_index, p.match_index, p.categories, p.items,
                                p.records, p.child, p.special_category, p.criminal_offence, p.needs_correction)
            for p in AffectedPerson.objects.filter(breach=breach)}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_copy_path_matches_the_row_by_row_path(breach, handler, incident, reporter):
    from datetime import timedelta

    from django.utils import timezone

    from breachdesk.web.breaches import services

    df = frame(400)
    orm = importer.import_people.__wrapped__(breach, handler, df)  # the row-by-row path
    other = services.report_incident(reporter, title="Second", what_happened="x", noticed_at=timezone.now() - timedelta(hours=1))
    result = importer.import_people_copy(other, handler, df, processes=0)
    assert (result.created, result.needs_correction) == (orm.created, orm.needs_correction) == (400, orm.needs_correction)
    assert snapshot(other) == snapshot(breach)
    other.refresh_from_db()
    assert other.people_scoped == 400
    refs = AffectedPerson.objects.values_list("reference", flat=True)
    assert len(set(refs)) == 800


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_import_people_uses_copy_for_a_large_first_import_only(breach, handler, monkeypatch):
    monkeypatch.setattr(importer, "COPY_MIN_ROWS", 50)
    calls = []
    real = importer.import_people_copy
    monkeypatch.setattr(importer, "import_people_copy", lambda *a, **k: calls.append(1) or real(*a, processes=0))
    importer.import_people(breach, handler, frame(60))
    again = importer.import_people(breach, handler, frame(70))  # a re-import updates: the row-by-row path
    assert len(calls) == 1 and again.created + again.updated == 70
    assert AffectedPerson.objects.filter(breach=breach).count() == 60 + again.created


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_copy_path_with_worker_processes(breach, handler, monkeypatch):
    monkeypatch.setattr(importer, "COPY_CHUNK", 50)
    result = importer.import_people_copy(breach, handler, frame(200), processes=2)
    assert result.created == AffectedPerson.objects.filter(breach=breach).count() == 200
    person = AffectedPerson.objects.get(breach=breach, scope_person_id="S1")
    assert person.details["name"] == "Person 1" and person.reference
