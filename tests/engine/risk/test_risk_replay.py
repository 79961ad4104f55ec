"""A stored decision replays identically after the rules gain a new version."""

import dataclasses
import json
from datetime import date, timedelta

import pytest
from factbook import build

from breachdesk import deadlines
from breachdesk.risk import UnknownRuleSet, assess, replay, rules


def stored(**changes):
    # Stored as JSON text, as the web layer keeps it.
    return json.loads(json.dumps(assess(build(**changes)).to_dict()))


def newer_rules(monkeypatch):
    """A hypothetical 2030 law: 48-hour deadline, volume floor of 10 people."""
    old = rules.rule_set_by_id("uk-gdpr/2018-05-25.1")
    new = dataclasses.replace(old, id="uk-gdpr/2030-01-01.1", in_force_from=date(2030, 1, 1),
                              volume_floor_people=10)
    monkeypatch.setattr(rules, "RULE_SETS", rules.RULE_SETS + (new,))
    rule = deadlines.DeadlineRule(deadlines.UK_GDPR, "uk-gdpr/2030-01-01", date(2030, 1, 1),
                                  timedelta(hours=48), "hypothetical future rule")
    monkeypatch.setattr(deadlines, "RULES", deadlines.RULES + (rule,))


def test_replay_is_identical_today():
    record = stored()
    assert replay(record).to_dict() == record


def test_replay_after_a_newer_rule_set_keeps_the_old_answer(monkeypatch):
    # Decided in 2031 facts-time but before the 2030 rules were published.
    record = stored(aware_at="2031-03-01T10:00:00+00:00", people=10, records=10)
    assert (record["risk"], record["rule_set"]) == ("none", "uk-gdpr/2018-05-25.1")
    newer_rules(monkeypatch)
    assert replay(record).to_dict() == record
    fresh = assess(record["facts"])
    assert (fresh.rule_set, fresh.deadline_rule, fresh.risk) == (
        "uk-gdpr/2030-01-01.1", "uk-gdpr/2030-01-01", "risk")
    assert fresh.regulator_deadline.isoformat() == "2031-03-03T10:00:00+00:00"


def test_new_rules_do_not_apply_before_they_are_in_force(monkeypatch):
    newer_rules(monkeypatch)
    assert assess(build()).rule_set == "uk-gdpr/2018-05-25.1"


def test_replay_of_an_unknown_rule_set_or_a_non_decision_is_refused():
    record = stored()
    with pytest.raises(UnknownRuleSet):
        replay({**record, "rule_set": "uk-gdpr/1999-01-01.1"})
    with pytest.raises(ValueError, match="missing facts"):
        replay({"rule_set": record["rule_set"], "deadline_rule": record["deadline_rule"]})


def test_stored_facts_are_a_copy():
    facts = build()
    decision = assess(facts)
    facts["people"] = 5
    assert decision.facts["people"] == 10
