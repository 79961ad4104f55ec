"""Bad input: every problem reported at once, each naming its field, none echoing the value."""

import pytest
from factbook import DROP, build

from breachdesk.risk import FactsError, assess, validate_facts


def problems(facts):
    return [str(p) for p in validate_facts(facts)]


def test_valid_facts_have_no_problems():
    assert problems(build()) == []


@pytest.mark.parametrize(("changes", "expected"), [
    ({"regime": "gdpr"}, "regime: is not one of: uk-gdpr, pecr"),
    ({"regime": DROP}, "regime: is required"),
    ({"aware_at": "yesterday"}, "aware_at: is not an ISO 8601 date and time"),
    ({"aware_at": "2026-11-20T09:30:00"}, "aware_at: needs a UTC offset, e.g. +00:00 or Z"),
    ({"aware_at": "2010-01-01T00:00:00Z"}, "aware_at: is before any uk-gdpr rule set was in force"),
    ({"breach_types": []}, "breach_types: must list at least one value"),
    ({"breach_types": ["confidentiality", "confidentiality"]},
     "breach_types: lists the same value more than once"),
    ({"breach_types": ["leak"]},
     "breach_types[0]: is not one of: confidentiality, integrity, availability"),
    ({"data_categories": ["Health Data"]},
     "data_categories[0]: is not an ICO label (see the schema for the list); "
     "did you mean 'Health data'?"),
    ({"data_subject_types": ["Kids"]},
     "data_subject_types[0]: is not one of: Employees, Customers or prospective customers, "
     "Children, Vulnerable adults, Patients, Students, Subscribers, Users, Other, Unknown"),
    ({"people": "12"}, "people: must be a whole number (or null), not a string"),
    ({"people": 2.5}, "people: must be a whole number (or null), not a number"),
    ({"people": True}, "people: must be a whole number (or null), not true or false"),
    ({"people": 0}, "people: must be at least 1"),
    ({"malicious": "yes"}, "malicious: must be true or false (or null), not a string"),
    ({"exposure__recipient": "foo"},
     "exposure.recipient: is not one of: none, trusted, known, hostile, unknown, attacker, "
     "public, null"),
    ({"availability__restored_within_hours": -1},
     "availability.restored_within_hours: must be at least 0"),
    ({"protection": []}, "protection: must be an object, not a list"),
    ({"mitigations": ["x" * 201]}, "mitigations[0]: is longer than 200 characters"),
])
def test_each_bad_value_gets_a_precise_error(changes, expected):
    assert problems(build(**changes)) == [expected]


def test_unknown_keys_are_rejected_with_a_suggestion():
    assert problems(build(exposure__recipent="unknown")) == [
        "exposure.recipent: is not a known fact; allowed here: recipient, exfiltrated, "
        "recovered; did you mean 'recipient'?"]
    assert problems(build(severity="high"))[0].startswith("severity: is not a known fact;")


@pytest.mark.parametrize(("changes", "path"), [
    ({"breach_types": ["availability"], "exposure__exfiltrated": True}, "exposure.exfiltrated"),
    ({"protection__encrypted": True, "protection__key_compromised": True,
      "identifiable": "hardly"}, "identifiable"),
    ({"people": 11, "records": 10}, "people"),
    ({"protection__key_compromised": True}, "protection.key_compromised"),
    ({"protection__hash_strength": "weak"}, "protection.hash_strength"),
    ({"exposure__recipient": "none", "exposure__exfiltrated": True}, "exposure.recipient"),
    ({"availability__impact": "serious"}, "availability.impact"),
    ({"data_subject_types": ["Unknown", "Children"]}, "data_subject_types"),
])
def test_contradictions_are_caught(changes, path):
    found = validate_facts(build(**changes))
    assert [p.path for p in found] == [path]


def test_every_problem_is_collected_before_reporting():
    facts = build(regime="gdpr", people="many", breach_types=["availability"],
                  exposure__exfiltrated=True, data_categories=["Healthdata"], extra=1)
    with pytest.raises(FactsError) as caught:
        assess(facts)
    paths = [p.path for p in caught.value.problems]
    assert paths == sorted(paths)
    assert set(paths) == {"data_categories[0]", "exposure.exfiltrated", "extra", "people",
                          "regime"}
    assert str(caught.value).startswith("5 problem(s) in the facts:\n")


def test_errors_never_echo_the_value_given():
    secret = "Jane Doe, 1 Refuge Road"
    facts = build(exposure__recipient=secret, data_categories=[secret], people=secret,
                  aware_at=secret, mitigations=[secret * 10])
    facts[secret] = True
    facts["exposure"][secret] = 1
    text = "\n".join(problems(facts))
    assert "Jane" not in text and "Refuge" not in text
    assert len(problems(facts)) == 7


def test_top_level_must_be_an_object():
    assert problems([1, 2]) == ["(facts): must be a JSON object"]
    assert problems(None) == ["(facts): must be a JSON object"]
