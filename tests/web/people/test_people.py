import io
import subprocess
import sys

import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from faker import Faker

from breachdesk.web.audit.models import AuditEntry
from breachdesk.web.people import crypto, importer
from breachdesk.web.people.models import AffectedPerson

fake = Faker("en_GB")
Faker.seed(5)


def people_frame(n=3, **overrides):
    rows = []
    for i in range(n):
        rows.append({"person_id": f"P{i}", "name": fake.name(), "email": f"person{i}@example.org",
                     "phone": None, "address": fake.street_address(), "postcode": "SW1A 1AA", "dob": "1980-02-03",
                     "nino": "QQ123456C" if i == 0 else None, "sort_code": None, "account_number": None,
                     "categories": ["Basic personal identifiers"], "child": False, "special_category": False,
                     "criminal_offence": False, "records": 1, **overrides})
    return pl.DataFrame(rows)


def parquet_upload(df, name="people.parquet"):
    buffer = io.BytesIO()
    df.write_parquet(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_contact_details_are_encrypted_at_rest(breach, handler):
    importer.import_people(breach, handler, people_frame(1))
    person = AffectedPerson.objects.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact, email_index FROM people_affectedperson")
        contact, email_index = cursor.fetchone()
    assert "person0@example.org" not in contact and "SW1A" not in contact
    assert email_index == crypto.blind_index("email", "  PERSON0@example.org ")
    assert person.details["email"] == "person0@example.org"
    assert person.items == ["nino", "email", "address", "dob"]


def test_reimport_updates_and_never_duplicates(breach, handler):
    first = importer.import_people(breach, handler, people_frame(3))
    again = importer.import_people(breach, handler, people_frame(4, categories=["Basic personal identifiers", "Health data"]))
    assert (first.created, again.created, again.updated) == (3, 1, 3)
    assert AffectedPerson.objects.count() == 4
    assert all("Health data" in p.categories for p in AffectedPerson.objects.all())
    breach.refresh_from_db()
    assert breach.people_scoped == 4


def test_people_without_a_scope_id_are_matched_by_email(breach, handler):
    importer.import_people(breach, handler, people_frame(2).with_columns(pl.lit(None).alias("person_id")))
    importer.import_people(breach, handler, people_frame(2).with_columns(pl.lit(None).alias("person_id")))
    assert AffectedPerson.objects.count() == 2


def test_bad_contact_details_are_kept_and_listed(breach, handler):
    df = pl.DataFrame([{"person_id": "A", "name": "A", "email": "not-an-email", "address": "1 High St", "postcode": "ZZ"},
                       {"person_id": "B", "name": "B", "email": None, "address": None, "postcode": None}])
    result = importer.import_people(breach, handler, df)
    assert result.created == 2 and result.needs_correction == 2
    a, b = AffectedPerson.objects.order_by("scope_person_id")
    assert a.needs_correction == ["email", "postcode"] and b.needs_correction == ["no_contact_route"]
    assert a.details["email"] == "not-an-email"  # kept, to be corrected, not dropped


def test_a_real_scope_output_imports(tmp_path, breach, handler):
    evidence = tmp_path / "evidence"
    evidence.mkdir()
    (evidence / "tenants.csv").write_text(
        "name,email,date_of_birth,postcode,ni_number\n"
        "Olwen Testcase,olwen.testcase@example.com,2011-05-06,CF10 1AA,AB123456C\n"
        "Bryn Sample,bryn.sample@example.com,1975-01-02,CF10 2AB,\n")
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "breachdesk", "scope", str(evidence), "--out", str(out), "-q"], check=True)
    df = importer.read_table("people.parquet", (out / "people.parquet").read_bytes())
    result = importer.import_people(breach, handler, df)
    assert result.created == 2
    olwen = next(p for p in AffectedPerson.objects.all() if p.details["email"] == "olwen.testcase@example.com")
    assert olwen.child and "nino" in olwen.items


def test_unreadable_files_are_refused_with_a_reason():
    with pytest.raises(importer.ImportProblem, match="could not be read"):
        importer.read_table("people.parquet", b"not parquet at all")
    with pytest.raises(importer.ImportProblem, match="Upload the people.parquet"):
        importer.read_table("people.xlsx", b"")
    with pytest.raises(importer.ImportProblem, match="none of the columns"):
        importer.read_table("people.csv", b"colour,shape\nred,round\n")


def test_key_rotation_keeps_everything_readable(breach, handler, settings):
    from cryptography.fernet import Fernet
    from django.core.management import call_command

    importer.import_people(breach, handler, people_frame(2))
    old = list(settings.BREACHDESK_FIELD_KEYS)
    settings.BREACHDESK_FIELD_KEYS = [Fernet.generate_key().decode(), *old]
    crypto.reset_keys_cache()
    try:
        call_command("rotate_field_keys")
        settings.BREACHDESK_FIELD_KEYS = settings.BREACHDESK_FIELD_KEYS[:1]  # the old key is retired
        crypto.reset_keys_cache()
        assert sorted(p.details["email"] for p in AffectedPerson.objects.all()) == ["person0@example.org",
                                                                                    "person1@example.org"]
    finally:
        settings.BREACHDESK_FIELD_KEYS = old
        crypto.reset_keys_cache()


def test_viewing_a_person_is_audited_and_the_list_is_masked(signed_in, dpo, breach, handler):
    importer.import_people(breach, handler, people_frame(1))
    person = AffectedPerson.objects.get()
    client = signed_in(dpo)
    listing = client.get(reverse("people:list", args=[breach.public_id])).content.decode()
    assert "p•••@example.org" in listing and "person0@example.org" not in listing
    page = client.get(reverse("people:person", args=[breach.public_id, person.public_id])).content.decode()
    assert "person0@example.org" in page
    entry = AuditEntry.objects.filter(action="view_person").last()
    assert entry.detail == {"person": person.public_id} and entry.actor_id == dpo.pk


@pytest.mark.parametrize("who,view,change", [("dpo", 200, 302), ("handler", 200, 302), ("auditor", 200, 403),
                                             ("executive", 200, 403), ("reporter", 404, 404),
                                             ("outsider", 404, 404), ("regulator_officer", 404, 404)])
def test_access(request, signed_in, breach, handler, who, view, change):
    importer.import_people(breach, handler, people_frame(1))
    person = AffectedPerson.objects.get()
    client = signed_in(request.getfixturevalue(who))
    assert client.get(reverse("people:list", args=[breach.public_id])).status_code == view
    assert client.get(reverse("people:person", args=[breach.public_id, person.public_id])).status_code == view
    response = client.post(reverse("people:import", args=[breach.public_id]), {"file": parquet_upload(people_frame(2))})
    assert response.status_code == change
    assert AffectedPerson.objects.count() == (2 if change == 302 else 1)
    response = client.post(reverse("people:safeguarding", args=[breach.public_id, person.public_id]),
                           {"safeguarding": "on"})
    assert response.status_code == change
    person.refresh_from_db()
    assert person.safeguarding is (change == 302)


def test_import_through_the_page(signed_in, handler, breach):
    response = signed_in(handler).post(reverse("people:import", args=[breach.public_id]),
                                       {"file": parquet_upload(people_frame(3))}, follow=True)
    assert "3 people added and 0 updated" in response.content.decode()


def test_portal_codes_are_kept_only_as_hmacs_and_a_new_one_replaces_the_old(breach, handler):
    importer.import_people(breach, handler, people_frame(1))
    person = AffectedPerson.objects.get()
    first = person.issue_portal_code()
    assert len(first) == 8 and first not in person.portal_code_hash
    assert person.portal_code_matches(first) and person.portal_code_matches(first.lower()[:4] + " " + first[4:])
    second = person.issue_portal_code()
    assert person.portal_code_matches(second) and not person.portal_code_matches(first)
    assert not AffectedPerson(portal_code_hash="").portal_code_matches("")


def test_a_rescan_with_new_person_ids_updates_the_same_people(breach, handler):
    """The scope engine's person ids are random per run: people are found again by their
    strongest identifier (NI number, then NHS number, email, name with date of birth...)."""
    first = pl.DataFrame([
        {"person_id": "P1", "name": "Ann Example", "nino": "AB123456C", "email": None, "dob": None},
        {"person_id": "P2", "name": "Bob Example", "nino": None, "email": None, "dob": "1970-01-02"},
        {"person_id": "P3", "name": "Cat Example", "nino": None, "email": "cat@example.org", "dob": None},
    ])
    importer.import_people(breach, handler, first)
    rescan = first.with_columns(pl.Series("person_id", ["Q1", "Q2", "Q3"]),
                                pl.Series("categories", [["Health data"]] * 3))
    result = importer.import_people(breach, handler, rescan)
    assert (result.created, result.updated) == (0, 3)
    assert AffectedPerson.objects.count() == 3
    assert all(p.categories == ["Health data"] for p in AffectedPerson.objects.all())


def test_two_people_the_scan_keeps_apart_stay_apart(breach, handler):
    importer.import_people(breach, handler, pl.DataFrame([{"person_id": "P1", "name": "Dee Example",
                                                           "dob": "1980-01-01", "email": None}]))
    # The new scan finds two people with the same name and date of birth (it had reasons): two rows.
    both = pl.DataFrame([{"person_id": "Q1", "name": "Dee Example", "dob": "1980-01-01", "email": None},
                         {"person_id": "Q2", "name": "Dee Example", "dob": "1980-01-01", "email": None}])
    result = importer.import_people(breach, handler, both)
    assert (result.created, result.updated) == (1, 1) and AffectedPerson.objects.count() == 2
