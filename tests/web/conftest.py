from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice


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
