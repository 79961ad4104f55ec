"""Demo data for telling people and looking after them: the rent arrears breach's people have
been told (a notice plan, a portal code each), some said how they heard, and some asked for
help or complained. Every person is made up (Faker en_GB). Called at the end of load_demo."""

from __future__ import annotations

from datetime import timedelta

import polars as pl
from faker import Faker

from breachdesk.web.accounts.models import Organisation, User
from breachdesk.web.aftercare import services
from breachdesk.web.breaches.models import Breach
from breachdesk.web.notices.models import NoticePlan
from breachdesk.web.people import importer

COUNCIL = "Northmere Borough Council"
TOLD_BREACH = "Rent arrears spreadsheet emailed to the wrong housing association"
PEOPLE = 43

HEARD = ["letter"] * 6 + ["email"] * 3 + ["news", "social", "someone"]
ASKS = [  # (person index, kind, text, phone, times, days after telling, answered)
    (0, "callback", "Can someone call me about what this means for my tenancy?", "01632 960 431",
     "Weekday mornings", 1, True),
    (3, "advice", "Should I tell my bank?", "", "", 1, False),
    (5, "emotional", "I have been very worried since the letter came.", "", "", 2, False),
    (8, "identity", "I would like the credit monitoring you offered.", "", "", 2, False),
    (12, "safety", "My former partner works at the housing association. I am frightened.", "01632 960 118",
     "Any time", 3, False),
    (17, "callback", "Please call after 6pm.", "07700 900 461", "After 6pm", 3, False),
    (21, "complaint", "My arrears are nobody else's business. How did this happen?", "", "", 2, False),
]


def _people(fake: Faker, n: int) -> pl.DataFrame:
    rows = []
    for i in range(n):
        first, last = fake.first_name(), fake.last_name()
        rows.append({
            "person_id": f"DEMO-RENT-{i:03d}", "name": f"{first} {last}",
            "email": f"{first}.{last}{i}@example.org".lower().replace("'", ""),
            "phone": None, "address": fake.street_address().replace("\n", ", "), "postcode": fake.postcode(),
            "dob": fake.date_of_birth(minimum_age=19, maximum_age=85).isoformat(),
            "account_number": None, "sort_code": None,
            "categories": ["Basic personal identifiers", "Economic and financial data"],
            "child": False, "special_category": False, "criminal_offence": False, "records": 1,
        })
    return pl.DataFrame(rows)


def load(stdout=None) -> None:
    council = Organisation.objects.get(name=COUNCIL)
    breach = Breach.objects.get(organisation=council, title=TOLD_BREACH)
    dpo = User.objects.get(email="dpo@northmere.example")
    handler = User.objects.get(email="handler@northmere.example")
    fake = Faker("en_GB")
    fake.seed_instance(2605)

    importer.import_people(breach, dpo, _people(fake, PEOPLE))
    NoticePlan.objects.create(
        breach=breach,
        what_happened="A spreadsheet of rent arrears was emailed to the wrong housing association by mistake.",
        measures_taken="We asked the housing association to delete the email.\n"
                       "They told us in writing that they had deleted it.",
        next_steps="We will check how the email was sent and change how we share rent information.",
        prevention="Rent information is now shared only through our secure file service.",
        contact_name="Priya Shah", contact_email="dataprotection@northmere.example",
        contact_phone="01632 960 000", complaints="email complaints@northmere.example",
        helpline="0808 157 0192", helpline_hours="Monday to Friday, 9am to 5pm", callback=True,
        counselling=True, signatory="Priya Shah", signatory_role="Data protection officer",
        public_statement_at=breach.aware_at + timedelta(days=4),
        public_statement_where="Website notice")

    people = list(breach.people.order_by("scope_person_id"))
    told_at = breach.aware_at + timedelta(days=2)
    codes = {person.pk: person.issue_portal_code() for person in people}
    breach.people.update(portal_code_issued_at=told_at)  # the notices went out two days after awareness
    for person, answer in zip(people[1:], HEARD, strict=False):
        services.heard_from(person, answer)
    for index, kind, text, phone, times, days, answered in ASKS:
        person = people[index]
        item = services.ask(person, kind, text, phone=phone, times=times,
                            received_at=told_at + timedelta(days=days, hours=index))
        if index == 12:  # a safety concern: the DPO takes it and flags the person
            person.safeguarding = True
            person.save(update_fields=["safeguarding", "updated_at"])
            services.assign(item, dpo, dpo)
            services.acknowledge(item, dpo)
        elif answered:
            services.assign(item, handler, handler)
            services.answer(item, handler, "We called and talked through what was shared and what to watch for.",
                            route="phone", outcome="called_back")
    services.impact(people[5], "I have not slept well and I worry about who has seen it.")
    if stdout is not None:
        first = people[1]
        stdout.write(f"\nTry the affected-person portal at /portal/: reference {first.reference}, "
                     f"code {codes[first.pk]}, postcode {first.details['postcode']}\n")
