"""The legal timing rules, each on its own (pure functions, no database)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from breachdesk.web.regulator import rules
from breachdesk.web.regulator.rules import PriorNotice, RuleBroken, check_notice

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def penalty(at, prior, **kw):
    check_notice(rules.PENALTY, issued_at=at, prior=prior, compliance_by=kw.get("compliance_by"),
                 urgent=kw.get("urgent", False), urgent_reason=kw.get("urgent_reason", ""),
                 extension_reason=kw.get("extension_reason", ""))


def test_no_penalty_without_a_notice_of_intent():
    with pytest.raises(RuleBroken, match="needs a notice of intent first"):
        penalty(T0, [PriorNotice(rules.ENFORCEMENT, T0 - timedelta(days=90))])


@pytest.mark.parametrize("days,allowed", [(20, False), (21, True), (183, True), (184, False)])
def test_penalty_timing_after_the_notice_of_intent(days, allowed):
    intent = [PriorNotice(rules.INTENT, T0)]
    if allowed:
        penalty(T0 + timedelta(days=days), intent)
    else:
        with pytest.raises(RuleBroken):
            penalty(T0 + timedelta(days=days), intent)


def test_a_late_penalty_needs_the_extension_recorded():
    penalty(T0 + timedelta(days=200), [PriorNotice(rules.INTENT, T0)], extension_reason="Agreed with the controller")


@pytest.mark.parametrize("kind", [rules.ENFORCEMENT, rules.PENALTY])
def test_compliance_cannot_fall_due_inside_the_appeal_window_unless_urgent(kind):
    prior = [PriorNotice(rules.INTENT, T0 - timedelta(days=30))]
    inside, outside = date(2026, 3, 29), date(2026, 3, 30)  # the window ends 28 days after 2 March
    with pytest.raises(RuleBroken, match="appeal window ends on 30 March 2026"):
        check_notice(kind, issued_at=T0, prior=prior, compliance_by=inside, urgent=False, urgent_reason="")
    with pytest.raises(RuleBroken):
        check_notice(kind, issued_at=T0, prior=prior, compliance_by=inside, urgent=True, urgent_reason="  ")
    check_notice(kind, issued_at=T0, prior=prior, compliance_by=inside, urgent=True,
                 urgent_reason="Safe addresses are still being disclosed")
    check_notice(kind, issued_at=T0, prior=prior, compliance_by=outside, urgent=False, urgent_reason="")


def test_transitions_out_of_order_are_refused_and_steps_need_reasons():
    with pytest.raises(RuleBroken, match="cannot go from received to outcome issued"):
        rules.check_transition(rules.RECEIVED, rules.OUTCOME, "because")
    with pytest.raises(RuleBroken, match="reason"):
        rules.check_transition(rules.RECEIVED, rules.TRIAGE, "")
    rules.check_transition(rules.RECEIVED, rules.TRIAGE, "New report")


def test_non_compliance_depends_on_the_regime():
    assert "criminal offence" in rules.non_compliance_consequence(rules.DPA_1998)
    assert "penalty notice" in rules.non_compliance_consequence(rules.DPA_2018)
