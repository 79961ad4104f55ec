"""Shared by the regulator, remediation and insights tests: a council's report that became a
case, and an enforcement notice on it with three required steps and three yearly reports."""

from datetime import timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def submitted(ready, dpo):
    from breachdesk.web.reports import services as report_services

    return report_services.submit(ready, dpo, route="breachdesk")


@pytest.fixture
def case(submitted):
    from breachdesk.web.regulator.models import Case

    return Case.objects.get()


@pytest.fixture
def regulator_manager(regulator_org):
    from breachdesk.web.accounts.models import User

    return User.objects.create_user("manager@regulator.example", "x" * 20, organisation=regulator_org,
                                    role="manager", first_name="Manager")


STEPS = ["Encrypt every laptop", "Train all staff who handle pupil data", "Check recipients before sending lists"]


@pytest.fixture
def notice(case, regulator_officer):
    """An enforcement notice in monitoring: 3 steps, reports at 12, 24 and 36 months."""
    from breachdesk.web.regulator import monitoring, rules, services

    services.assign(case, regulator_officer, regulator_officer)
    for to in (rules.TRIAGE, rules.INVESTIGATION):
        services.transition(case, regulator_officer, to, f"reason for {to}")
    notice = monitoring.issue(case, regulator_officer, kind=rules.ENFORCEMENT, summary="Secure pupil data.",
                              compliance_by=(timezone.now() + timedelta(days=200)).date(), steps=STEPS,
                              report_count=3, report_every_months=12)
    for to in (rules.OUTCOME, rules.MONITORING):
        services.transition(case, regulator_officer, to, f"reason for {to}")
    case.refresh_from_db()
    return notice
