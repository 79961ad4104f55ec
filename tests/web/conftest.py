from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from report_helpers import COMPLETE, FACTS


@pytest.fixture
def signed_in():
    """A test client signed in as ``user`` with both factors, as the real flow leaves it."""

    def make(user):
        client = Client()
        client.force_login(user)
        if user.needs_two_factor:
            device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
            session = client.session
            session["otp_device_id"] = device.persistent_id
            session.save()
        return client

    return make


@pytest.fixture
def incident(reporter):
    from breachdesk.web.breaches import services

    return services.report_incident(reporter, title="Spreadsheet sent to the wrong school",
                                    what_happened="A pupil list was emailed to the wrong school.",
                                    noticed_at=timezone.now() - timedelta(hours=1))


@pytest.fixture
def breach(incident, handler):
    """An open breach, aware 10 hours ago."""
    from breachdesk.web.breaches import services

    services.transition(incident, handler, "triage")
    services.confirm_breach(incident, handler, {
        "aware_at": timezone.now() - timedelta(hours=10),
        "incident_type": "non-cyber:data-emailed-to-incorrect-recipient", "is_cyber": False,
        "confidentiality": True, "data_categories": ["Basic personal identifiers"],
        "people_estimate": 30, "records_estimate": 30,
    })
    incident.refresh_from_db()
    return incident


# A breach with a signed-off assessment, ready for its regulator report.


@pytest.fixture
def assessed(breach, dpo):
    """The breach with a signed-off assessment (report to the regulator)."""
    from breachdesk.web.assessments import services

    facts = {**FACTS, "aware_at": breach.aware_at.isoformat()}
    decision, problems = services.decide(facts)
    assert not problems, problems
    services.save(breach, dpo, facts, decision, sign_off=True)
    breach.refresh_from_db()
    return breach


@pytest.fixture
def draft(assessed, dpo):
    from breachdesk.web.reports import services

    return services.draft(assessed, dpo)


@pytest.fixture
def complete_values(assessed):
    from datetime import timedelta

    return {**COMPLETE, "occurred_at": assessed.aware_at - timedelta(hours=20),
            "discovered_at": assessed.aware_at - timedelta(hours=2)}


@pytest.fixture
def ready(draft, dpo, complete_values):
    """A complete draft initial report."""
    from breachdesk.web.reports import services

    services.update(draft, dpo, complete_values)
    draft.refresh_from_db()
    assert draft.missing() == [], draft.missing()
    return draft
