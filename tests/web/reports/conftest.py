"""A breach with a signed-off assessment, ready for its regulator report."""

import pytest
from report_helpers import COMPLETE, FACTS


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
