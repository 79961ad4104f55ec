from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from breachdesk import deadlines as d

LONDON = ZoneInfo("Europe/London")


def test_uk_gdpr_deadline_is_72_elapsed_hours():
    aware = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    rule = d.rule_for(d.UK_GDPR, aware)
    assert rule.version == "uk-gdpr/2018-05-25"
    assert rule.deadline(aware) == datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def test_deadline_across_the_clocks_going_back_is_72_real_hours():
    # Aware at 09:00 BST on Friday 23 Oct 2026; clocks go back on Sunday 25 Oct.
    aware = datetime(2026, 10, 23, 9, 0, tzinfo=LONDON)
    deadline = d.rule_for(d.UK_GDPR, aware).deadline(aware).astimezone(LONDON)
    assert deadline.astimezone(UTC) - aware.astimezone(UTC) == timedelta(hours=72)
    assert (deadline.hour, deadline.day) == (8, 26)  # 08:00 GMT on Monday, as a Londoner sees it


def test_deadline_across_the_clocks_going_forward():
    aware = datetime(2026, 3, 27, 12, 0, tzinfo=LONDON)  # GMT; clocks go forward on 29 March
    deadline = d.rule_for(d.UK_GDPR, aware).deadline(aware).astimezone(LONDON)
    assert (deadline.day, deadline.hour) == (30, 13)


def test_pecr_is_24_hours_and_keeps_a_monthly_log():
    aware = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    rule = d.rule_for(d.PECR, aware)
    assert rule.deadline(aware) - aware == timedelta(hours=24)
    assert rule.log_every == "month"


def test_a_stored_version_replays_even_when_a_newer_rule_exists(monkeypatch):
    newer = d.DeadlineRule(d.UK_GDPR, "uk-gdpr/2030-01-01", datetime(2030, 1, 1).date(),
                           timedelta(hours=48), "hypothetical future rule")
    monkeypatch.setattr(d, "RULES", d.RULES + (newer,))
    assert d.rule_for(d.UK_GDPR, datetime(2031, 1, 1, tzinfo=UTC)).version == "uk-gdpr/2030-01-01"
    assert d.rule_for(d.UK_GDPR, datetime(2026, 1, 1, tzinfo=UTC)).version == "uk-gdpr/2018-05-25"
    assert d.rule_by_version("uk-gdpr/2018-05-25").report_within == timedelta(hours=72)


def test_unknown_regime_and_naive_times_are_refused():
    with pytest.raises(d.UnknownRegime):
        d.rule_for("gdpr-mars", datetime(2026, 1, 1, tzinfo=UTC))
    with pytest.raises(ValueError):
        d.RULES[0].deadline(datetime(2026, 1, 1))


@pytest.mark.parametrize(
    ("hours_left", "reported", "urgency"),
    [(30, False, "running"), (11, False, "due-soon"), (-1, False, "overdue"), (-5, True, "reported")],
)
def test_clock_urgency(hours_left, reported, urgency):
    aware = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    rule = d.rule_for(d.UK_GDPR, aware)
    now = rule.deadline(aware) - timedelta(hours=hours_left)
    c = d.clock(rule, aware, now, reported_at=now if reported else None)
    assert c.urgency == urgency


def test_humanise():
    assert d.humanise(timedelta(days=2, hours=3, minutes=5)) == "2 days 3 hours"
    assert d.humanise(timedelta(minutes=-45)) == "45 minutes"
    assert d.humanise(timedelta(hours=1)) == "1 hour"


def test_a_recorded_decision_not_to_report_stops_the_clock_but_a_report_still_counts():
    aware = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    rule = d.rule_for(d.UK_GDPR, aware)
    late = aware + timedelta(hours=100)
    assert d.clock(rule, aware, late, not_reporting=True).urgency == "not-reporting"
    assert not d.clock(rule, aware, late, not_reporting=True).overdue
    assert d.clock(rule, aware, late, reported_at=late, not_reporting=True).urgency == "reported"
