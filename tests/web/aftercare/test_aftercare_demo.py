"""The demo has a breach whose people have been told, some of whom asked for help."""

import io

from django.core.management import call_command

from breachdesk.web.aftercare import figures
from breachdesk.web.breaches.models import Breach


def test_the_demo_has_a_told_breach_with_requests(db):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    breach = Breach.objects.get(title__startswith="Rent arrears")
    care = figures.for_breach(breach)
    assert care.people == care.told == 43
    assert care.asked_for_support >= 5 and care.complaints == 1 and care.answered_in_time == 1
    assert care.heard_from_media >= 1 and care.told_before_statement == 43
    assert breach.people.filter(safeguarding=True).count() == 1
    assert "Try the affected-person portal" in out.getvalue()
    call_command("load_demo", quiet=True)  # a second run changes nothing
    assert breach.people.count() == 43
