"""Fixtures for the scope tests: synthetic people and small files built in the test run."""

from __future__ import annotations

# Synthetic people; every value is made up. NI numbers use valid prefixes; NHS numbers pass
# mod-11; phones are in ordinary mobile ranges (drama numbers are rejected by detection).
ANNA = {"first": "Anna", "last": "Whitfield", "dob": "14/02/1979", "email":
        "anna.whitfield@example.co.uk", "phone": "07911 234567", "postcode": "LS6 2QT",
        "address": "27 Brudenell Road, Leeds", "nino": "JK 28 41 93 B", "nhs": "943 476 5919"}
OWEN = {"first": "Owen", "last": "Pritchard", "dob": "03/09/2012", "email":
        "owen.pritchard@example.org", "phone": "07822 345678", "postcode": "CF10 3AT",
        "address": "8 Castle Street, Cardiff", "nino": "", "nhs": ""}
RUTH = {"first": "Ruth", "last": "Okafor", "dob": "21/06/1990", "email":
        "ruth.okafor@example.com", "phone": "07733 456789", "postcode": "M14 5RT",
        "address": "51 Wilmslow Road, Manchester", "nino": "PR 55 12 04 C", "nhs": ""}
PEOPLE = (ANNA, OWEN, RUTH)


def csv_text(people=PEOPLE, sep=",") -> str:
    header = ["first_name", "surname", "date_of_birth", "email", "phone", "postcode",
              "ni_number"]
    rows = [sep.join(header)]
    for p in people:
        rows.append(sep.join([p["first"], p["last"], p["dob"], p["email"], p["phone"],
                              p["postcode"], p["nino"]]))
    return "\n".join(rows) + "\n"


def letter_text(p) -> str:
    return (
        f"Dear {p['first']} {p['last']},\n\n"
        f"We write about your account. Our records show your date of birth as {p['dob']} "
        f"and your address as {p['address']}, {p['postcode']}.\n"
        f"Your National Insurance number {p['nino'] or 'is not held'}.\n"
        "Yours sincerely,\nCustomer Services\n"
    )


def evidence(tmp_path):
    """(an empty evidence folder, where the output should go)."""
    d = tmp_path / "evidence"
    d.mkdir(exist_ok=True)
    return d, tmp_path / "out"
