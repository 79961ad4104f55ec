"""Each factor moves the decision the way its source says, other facts held still."""

import pytest
from factbook import DROP, build

from breachdesk.risk import assess


def risk(**changes):
    return assess(build(**changes)).risk


def severity(**changes):
    return assess(build(**changes)).severity


@pytest.mark.parametrize(("categories", "base"), [
    (["Basic personal identifiers"], 1), (["Location data"], 2), (["Identification data"], 2),
    (["Economic and financial data"], 3), (["Official documents"], 3), (["Not yet known"], 3),
    (["Health data"], 4), (["Criminal convictions or offences"], 4),
    (["Basic personal identifiers", "Sexual orientation data"], 4),
])
def test_dpc_base_is_the_most_sensitive_category(categories, base):
    assert severity(data_categories=categories).dpc_base == base


def test_dpc_adjustments_and_cap():
    assert severity(data_subject_types=["Patients"]).dpc == 2  # health inferable
    assert severity(data_subject_types=["Patients"], data_categories=["Health data"]).dpc == 4
    assert severity(data_subject_types=["Children"], data_categories=["Health data"]).dpc == 4


@pytest.mark.parametrize(("identifiable", "pseudonymised", "ei"), [
    ("directly", False, 1.0), ("with_effort", False, 0.75), ("hardly", False, 0.25),
    (None, False, 1.0), ("with_effort", True, 0.5), ("directly", True, 1.0),
    ("hardly", True, 0.25),
])
def test_ease_of_identification(identifiable, pseudonymised, ei):
    assert severity(identifiable=identifiable, protection__pseudonymised=pseudonymised).ei == ei


@pytest.mark.parametrize(("recipient", "cb"), [
    ("none", 0), ("trusted", 0), ("known", 0.25), ("hostile", 0.25), ("unknown", 0.5),
    ("attacker", 0.5), ("public", 0.5), (None, 0.5),
])
def test_confidentiality_term(recipient, cb):
    assert severity(exposure__recipient=recipient).cb == cb


def test_malice_and_unknown_malice_add_half_a_point():
    assert severity(malicious=True).cb - severity(malicious=False).cb == 0.5
    assert severity(malicious=None).cb == severity(malicious=True).cb


@pytest.mark.parametrize(("availability", "cb"), [
    ({"backup": True, "restored_within_hours": 3, "impact": "none"}, 0),
    ({"backup": True, "restored_within_hours": 30, "impact": "none"}, 0.25),
    ({"backup": True, "impact": "minor"}, 0.25),
    ({"backup": False, "impact": "minor"}, 0.5),
    ({"impact": "minor"}, 0.5),
])
def test_availability_term(availability, cb):
    facts = dict(breach_types=["availability"], exposure__exfiltrated=False,
                 availability=availability)
    assert severity(**facts).cb == cb


def test_bands():
    assert severity().band == "low"  # 1 x 1 + 0.25
    assert severity(data_categories=["Location data"]).band == "medium"  # 2.25
    assert severity(data_categories=["Economic and financial data"]).band == "high"  # 3.25
    assert severity(data_categories=["Health data"]).band == "very high"  # 4.25


def test_special_category_data_is_at_least_a_risk():
    facts = dict(identifiable="hardly", exposure__recipient="none")
    assert severity(**facts, data_categories=["Health data"]).band == "low"
    assert risk(**facts) == "none"
    assert risk(**facts, data_categories=["Health data"]) == "risk"
    assert risk(**facts, data_categories=["Criminal convictions or offences"]) == "risk"


def test_vulnerable_adults_are_at_least_a_risk():
    facts = dict(identifiable="hardly", exposure__recipient="none")
    assert risk(**facts, data_subject_types=["Vulnerable adults"]) == "risk"


def test_volume_floor_and_raise():
    assert risk(people=999, records=999) == "none"
    assert risk(people=1000, records=1000) == "risk"
    assert risk(people=None, records=None) == "risk"  # unknown: cautious
    assert risk(people=None, records=500) == "none"  # the records rule it out
    located = dict(data_categories=["Location data"])
    assert risk(**located, people=99_999, records=99_999) == "risk"
    assert risk(**located, people=100_000, records=100_000) == "high"


def test_public_or_attacker_data_cannot_be_recalled():
    facts = dict(identifiable="hardly")
    assert risk(**facts, exposure__recipient="known") == "none"
    assert risk(**facts, exposure__recipient="public") == "risk"
    assert risk(**facts, exposure__recipient="attacker") == "risk"


def test_trusted_recipient_lowers_by_one_level():
    facts = dict(data_categories=["Economic and financial data"])
    assert risk(**facts, exposure__recipient="known") == "high"
    assert risk(**facts, exposure__recipient="trusted") == "risk"


def test_recovery_from_a_known_recipient_lowers_by_one_level():
    facts = dict(data_categories=["Economic and financial data"])
    assert risk(**facts, exposure__recovered=True) == "risk"
    assert risk(**facts, exposure__recovered=True, exposure__exfiltrated=None) == "high"


def test_recovery_before_anyone_read_it_removes_the_risk():
    facts = dict(data_categories=["Economic and financial data"], exposure__recipient="unknown")
    assert risk(**facts) == "high"
    assert risk(**facts, exposure__recovered=True) == "none"
    # A thief may have read it: 3 + 0.5 + 0.5 = 4 is high, one level down for the recovery.
    assert risk(**facts, exposure__recovered=True, malicious=True) == "risk"


@pytest.mark.parametrize(("impact", "restored", "backup", "level"), [
    ("serious", 1, True, "high"), ("minor", 1, True, "risk"), (None, 1, True, "risk"),
    ("none", 1, True, "none"), ("none", 24, True, "none"), ("none", 25, True, "risk"),
    ("none", None, False, "risk"), ("none", None, True, "risk"),
])
def test_availability_factors(impact, restored, backup, level):
    availability = {"backup": backup, "restored_within_hours": restored, "impact": impact}
    assert risk(breach_types=["availability"], exposure__exfiltrated=False,
                availability=availability) == level


def test_integrity_is_scored_on_its_own():
    assert risk(breach_types=["integrity"], exposure=DROP) == "none"
    assert risk(breach_types=["integrity"], exposure=DROP,
                data_categories=["Health data"]) == "high"
    assert risk(breach_types=["integrity"], exposure=DROP, malicious=True,
                data_categories=["Location data"]) == "high"  # 2 + 0.25 + 0.5 -> high


def test_encryption_removes_confidentiality_loss_only():
    both = dict(breach_types=["confidentiality", "availability"],
                availability={"backup": False, "impact": "serious"},
                protection__encrypted=True, protection__key_compromised=False)
    assert risk(**both) == "high"


def test_unknown_facts_are_named_and_drive_what_would_change():
    d = assess(build(malicious=None, identifiable=None, data_subject_types=DROP,
                     exposure__exfiltrated=None))
    assert {"malicious", "identifiable", "data_subject_types", "exposure.exfiltrated"} <= set(
        d.unknowns)
    assert any(r.startswith("Not yet known: ") for r in d.reasons)
    assert d.would_change, "unknowns near a threshold must say what would change"
    for sentence in d.would_change:
        assert sentence.startswith("If ") and sentence.endswith(".")
