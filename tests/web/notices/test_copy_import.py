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


NAMES = ["Zoë  Ørsted", "  ALICE\tsmith ", "Ｆｕｌｌ Ｗｉｄｔｈ", "İpek Yılmaz", None, "Ann\u00a0Lee", "Rhys\x1cJones", "Ǆemal Kos", ""]
AWKWARD_EMAILS = ["MiXeD@Example.ORG", " space@example.org ", "ü@example.org", "\u00a0nb@example.org", None, "",
                  "ＦＵＬＬ@example.org", "a@b.co"]
AWKWARD_POSTCODES = [" sw1a  1aa ", "ｓｗ１ａ１ａａ", "\x1cSW1A 1AA", "M1 1AE", None, "", "nonsense"]
NINOS = [None, "qq 12 34 56 c", "", "QQ123456C\u2003"]
NHS = [None, "943 476 5919", None, "", None]
TRUTHY = ["yes", " TRUE ", "no", "\u3000true", None, "1", "0", "Yes\x1f", ""]
CATEGORIES = ["Basic personal identifiers; Health data", "", None, "a\tb;c\\d", " ; Official documents ;"]
RECORDS = ["2", "", "0", None, "7"]


def awkward_frame(n):
    """Text columns as a CSV upload gives them, with the values a column expression could get
    wrong: non-ASCII, odd whitespace, compatibility characters, empty strings beside nulls."""
    def pick(values, i, step=1):
        return values[(i * step) % len(values)]

    rows = [{"person_id": f"A{i}\t\\{i}", "name": pick(NAMES, i), "email": pick(AWKWARD_EMAILS, i, 3),
             "phone": pick(["", None, "07700 900123"], i), "address": pick([None, "", f"{i} Mill Lane"], i, 5),
             "postcode": pick(AWKWARD_POSTCODES, i, 2), "dob": pick(["1980-02-03", " 1980-02-03 ", "", None], i, 7),
             "nino": pick(NINOS, i, 11), "nhs_number": pick(NHS, i, 13), "categories": pick(CATEGORIES, i),
             "child": pick(TRUTHY, i), "special_category": pick(TRUTHY, i, 5), "criminal_offence": pick(TRUTHY, i, 7),
             "records": pick(RECORDS, i, 3)} for i in range(n)]
    return pl.DataFrame(rows, schema={name: pl.String for name in rows[0]})


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_copy_path_matches_the_row_by_row_path_on_awkward_text(breach, handler, reporter):
    from datetime import timedelta

    from django.utils import timezone

    from breachdesk.web.breaches import services

    df = awkward_frame(700)
    orm = importer.import_people.__wrapped__(breach, handler, df)
    other = services.report_incident(reporter, title="Second", what_happened="x", noticed_at=timezone.now() - timedelta(hours=1))
    result = importer.import_people_copy(other, handler, df, processes=0)
    assert (result.created, result.needs_correction) == (orm.created, orm.needs_correction)
    copied, rowwise = snapshot(other), snapshot(breach)
    assert len(copied) == 700 and copied == rowwise
    # the frame reaches every branch: each way of matching, each check, and values the
    # fast paths leave to Python
    assert {tuple(p[11]) for p in rowwise.values()} >= {(), ("email",), ("postcode",), ("no_contact_route",)}
    assert len({p[4] for p in rowwise.values()}) > 10 and "" in {p[4] for p in rowwise.values()}
    assert {p[7] for p in rowwise.values()} == {0, 1, 2, 7}
