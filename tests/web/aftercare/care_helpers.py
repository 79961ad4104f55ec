"""Fixtures shared by the portal, aftercare and support API tests: a breach whose people have
been told (a notice plan, people with portal codes), and requests from them."""

import polars as pl
import pytest
from django.core.cache import cache

from breachdesk.web.people import importer

POSTCODE = "SW1A 1AA"
DOB = "1980-02-03"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


def frame(n=2):
    rows = [{"person_id": f"P{i}", "name": f"Person Number{i}", "email": f"person{i}@example.org", "phone": None,
             "address": f"{i + 1} High Street, Northmere", "postcode": POSTCODE, "dob": DOB,
             "nino": "QQ123456C" if i == 0 else None, "sort_code": "12-34-56" if i == 0 else None,
             "account_number": "12345678" if i == 0 else None,
             "categories": ["Basic personal identifiers", "Economic and financial data"], "child": False,
             "special_category": False, "criminal_offence": False, "records": 1} for i in range(n)]
    return pl.DataFrame(rows)


@pytest.fixture
def plan(breach):
    from breachdesk.web.notices.models import NoticePlan

    return NoticePlan.objects.create(
        breach=breach, what_happened="A list of tenants was emailed to the wrong school by mistake.",
        measures_taken="We asked the school to delete the email.\nThe school told us it had deleted it.",
        contact_name="Sam Jones", contact_email="dpo@northmere.example", contact_phone="01632 960001",
        complaints="email complaints@northmere.example", helpline="0808 157 0192",
        helpline_hours="Monday to Friday, 9am to 5pm", callback=True, counselling=True,
        signatory="Sam Jones", signatory_role="Data protection officer")


@pytest.fixture
def people(breach, handler):
    importer.import_people(breach, handler, frame(2))
    return list(breach.people.order_by("scope_person_id"))


@pytest.fixture
def told(plan, people):
    """[(person, code)] for people whose notices carried a portal code."""
    return [(p, p.issue_portal_code()) for p in people]


@pytest.fixture
def support_request(told):
    from breachdesk.web.aftercare import services

    person = told[0][0]
    return services.ask(person, "callback", "Please call me about my bank details.", phone="01632 960123",
                        times="Weekday mornings")
