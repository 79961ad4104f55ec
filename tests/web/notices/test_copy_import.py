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
    again = importer.import_people(breach, handler, frame(70))  # a re-import updates, never through this path
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


def person_row(pid, name, email=None, nino=None, dob="1980-02-03", postcode="SW1A 1AA", categories="Basic personal identifiers"):
    return {"person_id": pid, "name": name, "email": email, "nino": nino, "dob": dob, "postcode": postcode,
            "address": "1 High Street", "categories": categories, "child": "false", "records": "1"}


def as_frame(rows):
    return pl.DataFrame(rows, schema={name: pl.String for name in rows[0]})


FIRST = [person_row("old-1", "Ann Example", nino="QQ123456C"), person_row("old-2", "Bea Example", email="bea@example.org"),
         person_row("old-3", "Cal Example", dob="1990-01-01"), person_row("old-4", "Dee Example", nino="QQ654321C"),
         person_row("old-5", "Dee Again", nino="QQ654321C"),  # two people already share a match index
         person_row("old-6", "Eve Example", email="eve@example.org", nino="AB123456C"),
         person_row("keep", "Fay Example", email="fay@example.org")]
RESCAN = [
    person_row("new-1", "Ann Example", nino="QQ123456C", categories="Health data"),  # by NI number
    person_row("new-2", "Bea Example", email="BEA@example.org"),  # by email (match index)
    person_row("new-3", "Cal  example", dob="1990-01-01"),  # by name and date of birth
    person_row("new-4", "Dee", nino="QQ654321C"),  # by NI number: the newer of the two
    person_row("new-5", "Ann Twin", nino="QQ123456C"),  # Ann already claimed: a new person
    person_row("new-6", "Eve Example", email="eve@example.org", nino="ZZ999999C"),  # NI changed: by email
    person_row("keep", "Fay Changed", email="fay@example.org"),  # same scope id
    person_row("new-9", "Hal Example", postcode=None, email=None, dob=None),  # nobody: new
]


def people_by_origin(breach, before):
    """Every person after a re-import: the scope id it had before ("" for a new one), whether it
    kept its reference, and what the re-import wrote."""
    return sorted((before.get(p.id, ("", ""))[0], p.reference == before.get(p.id, ("", ""))[1], p.scope_person_id, tuple(sorted(p.details.items())),
                   p.email_index, p.postcode_index, p.dob_index, p.match_index, tuple(p.categories), tuple(p.items), p.records,
                   p.child, tuple(p.needs_correction))
                  for p in AffectedPerson.objects.filter(breach=breach))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_a_reimport_through_copy_matches_the_row_by_row_path(breach, handler, reporter, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    from breachdesk.web.breaches import services

    other = services.report_incident(reporter, title="Second", what_happened="x", noticed_at=timezone.now() - timedelta(hours=1))
    outcomes, results = [], []
    for target, minimum in ((breach, 10**9), (other, 1)):
        monkeypatch.setattr(importer, "COPY_UPDATE_MIN_ROWS", 10**9)
        importer.import_people(target, handler, as_frame(FIRST))
        before = {p.id: (p.scope_person_id, p.reference) for p in AffectedPerson.objects.filter(breach=target)}
        monkeypatch.setattr(importer, "COPY_UPDATE_MIN_ROWS", minimum)
        assert importer.use_copy_update(target, as_frame(RESCAN)) is (minimum == 1)
        results.append(importer.import_people(target, handler, as_frame(RESCAN)))
        outcomes.append(people_by_origin(target, before))
    rowwise, copied = outcomes
    assert copied == rowwise
    assert (results[1].created, results[1].updated, results[1].rows) == (results[0].created, results[0].updated, 8) == (2, 6, 8)
    assert results[1].needs_correction == results[0].needs_correction
    origin = {row[2]: row[0] for row in rowwise}
    assert origin == {"new-1": "old-1", "new-2": "old-2", "new-3": "old-3", "new-4": "old-5", "new-5": "",
                      "new-6": "old-6", "keep": "keep", "new-9": "", "old-4": "old-4"}  # old-4: not in the re-scan, kept
    assert all(row[1] for row in rowwise if row[0])  # updated people keep their reference
    assert {row[0] for row in rowwise} == {"", "old-1", "old-2", "old-3", "old-4", "old-5", "old-6", "keep"}
    other.refresh_from_db()
    assert other.people_scoped == 9


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_a_reimport_with_repeated_scope_ids_goes_row_by_row(breach, handler, monkeypatch):
    monkeypatch.setattr(importer, "COPY_UPDATE_MIN_ROWS", 1)
    importer.import_people(breach, handler, frame(5))
    assert not importer.use_copy_update(breach, frame(5).with_columns(pl.lit("same").alias("person_id")))
    assert not importer.use_copy_update(breach, frame(5).with_columns(pl.lit("").alias("person_id")))
    assert importer.use_copy_update(breach, frame(5))
