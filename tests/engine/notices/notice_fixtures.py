"""Synthetic breaches and people for the notices tests (Faker en_GB, seeded)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from faker import Faker

from breachdesk.notices import BreachContext, Contact, Exposure, Person, Support


def faker(seed: int = 5) -> Faker:
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    return fake


def context(**changes) -> BreachContext:
    base = BreachContext(
        organisation="Northmere Borough Council",
        what_happened="A member of our staff sent a spreadsheet to the wrong email address. "
                      "The spreadsheet had details of people who get help with council tax.",
        discovered_on=date(2025, 3, 4),
        happened_on=date(2025, 3, 3),
        contact=Contact(email="dpo@northmere.example", phone="01632 960000",
                        name="Sam Okafor", postal_address="Town Hall, Northmere NM1 1AA"),
        measures_taken=("asked the person who got the email to delete it, and they did",
                        "checked that nobody else was sent the spreadsheet"),
        next_steps=("check all our emails with attachments for the next three months",),
        prevention=("stop sending spreadsheets by email", "train our staff again"),
        support=Support(helpline="0800 123 4567", helpline_hours="Monday to Friday, 9am to 5pm",
                        callback=True, monitoring_provider="SafeID Watch", monitoring_months=12,
                        monitoring_url="safeid.example/start",
                        monitoring_sign_up_by=date(2025, 6, 30),
                        portal_url="help.northmere.example"),
        signatory="Alex Morgan",
        signatory_role="Chief Executive",
    )
    return replace(base, **changes)


def person(items=(), categories=(), fake: Faker | None = None, **changes) -> Person:
    fake = fake or faker()
    first, last = fake.first_name(), fake.last_name()
    base = Person(
        name=f"{first} {last}",
        salutation=f"{fake.prefix()} {last}",
        exposure=Exposure(frozenset(items), frozenset(categories)),
        reference="NBC-" + fake.bothify("??##??").upper(),
        portal_code=fake.bothify("####-????").upper(),
        activation_code=fake.bothify("??##-##??").upper(),
        address_lines=(f"{first} {last}", *fake.address().split("\n")),
    )
    return replace(base, **changes)
