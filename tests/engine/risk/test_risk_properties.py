"""Invariants over generated facts: protection never raises the risk, more people never
lower it, and every decision replays identically."""

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from breachdesk import vocab
from breachdesk.risk import assess, replay, validate_facts

ORDER = {"none": 0, "risk": 1, "high": 2}
maybe_bool = st.one_of(st.none(), st.booleans())


@st.composite
def facts(draw):
    people = draw(st.one_of(st.none(), st.integers(1, 2_000_000)))
    records = draw(st.one_of(st.none(), st.integers(people or 1, 3_000_000)))
    encrypted = draw(maybe_bool)
    hashed = draw(maybe_bool)
    return {
        "regime": draw(st.sampled_from(["uk-gdpr", "pecr"])),
        "aware_at": "2026-11-20T09:30:00+00:00",
        "breach_types": draw(st.lists(st.sampled_from(
            ["confidentiality", "integrity", "availability"]), min_size=1, max_size=3,
            unique=True)),
        "malicious": draw(maybe_bool),
        "data_categories": draw(st.lists(st.sampled_from(vocab.DATA_CATEGORIES), min_size=1,
                                         max_size=3, unique=True)),
        "data_subject_types": draw(st.lists(st.sampled_from(
            [t for t in vocab.DATA_SUBJECT_TYPES if t != "Unknown"]), max_size=2, unique=True)),
        "people": people,
        "records": records,
        "identifiable": draw(st.sampled_from(["directly", "with_effort", "hardly", None])),
        "protection": {
            "encrypted": encrypted,
            "key_compromised": draw(maybe_bool) if encrypted else None,
            "hashed": hashed,
            "hash_strength": draw(st.sampled_from(["salted_strong", "weak", None]))
            if hashed else None,
            "pseudonymised": draw(maybe_bool),
        },
        "exposure": {
            "recipient": draw(st.sampled_from(
                ["none", "trusted", "known", "hostile", "unknown", "attacker", "public", None])),
            "exfiltrated": draw(maybe_bool),
            "recovered": draw(maybe_bool),
        },
        "availability": {
            "backup": draw(maybe_bool),
            "restored_within_hours": draw(st.one_of(st.none(), st.integers(0, 200))),
            "impact": draw(st.sampled_from(["none", "minor", "serious", None])),
        },
        "individual_contact": draw(st.sampled_from(["feasible", "disproportionate", None])),
        "mitigations": draw(st.lists(st.sampled_from(["passwords_reset", "staff_trained"]),
                                     max_size=2, unique=True)),
    }


def valid(f):
    return not validate_facts(f)


def protect(f, how):
    g = copy.deepcopy(f)
    if how == "encrypt":
        g["protection"].update(encrypted=True, key_compromised=False)
    elif how == "recover":
        g["exposure"]["recovered"] = True
    elif how == "no-copy":
        if g["exposure"]["exfiltrated"] is None:
            g["exposure"]["exfiltrated"] = False
    elif how == "not-deliberate":
        if g["malicious"] is None:
            g["malicious"] = False
    elif how == "backup":
        g["availability"].update(backup=True, restored_within_hours=2)
    elif how == "salted-hash":
        g["protection"].update(hashed=True, hash_strength="salted_strong")
    elif how == "reset":
        g["mitigations"] = [*g["mitigations"], "passwords_reset"]
    elif how == "pseudonymise":
        g["protection"]["pseudonymised"] = True
    return g


PROTECTIONS = ["encrypt", "recover", "no-copy", "not-deliberate", "backup", "salted-hash",
               "reset", "pseudonymise"]


@settings(max_examples=300, deadline=None)
@given(facts(), st.sampled_from(PROTECTIONS))
def test_a_protective_fact_never_raises_the_risk(f, how):
    g = protect(f, how)
    if not (valid(f) and valid(g)):
        return
    before, after = assess(f), assess(g)
    assert ORDER[after.risk] <= ORDER[before.risk]
    assert after.notify_individuals <= before.notify_individuals or (
        before.individuals_exception == "art_34_3_c")


@settings(max_examples=300, deadline=None)
@given(facts(), st.integers(1, 10_000_000))
def test_more_people_never_lower_the_severity_or_risk(f, extra):
    if f["people"] is None:
        return
    g = copy.deepcopy(f)
    g["people"] = f["people"] + extra
    g["records"] = None
    f = {**f, "records": None}
    if not (valid(f) and valid(g)):
        return
    before, after = assess(f), assess(g)
    assert after.severity.score >= before.severity.score
    assert ORDER[after.risk] >= ORDER[before.risk]


@settings(max_examples=200, deadline=None)
@given(facts())
def test_every_decision_replays_identically(f):
    if not valid(f):
        return
    stored = assess(f).to_dict()
    assert replay(stored).to_dict() == stored
    assert stored["notify_regulator"] or stored["risk"] == "none"
    assert not stored["notify_individuals"] or stored["notify_regulator"]
    assert all(isinstance(r, str) and r.strip() for r in stored["reasons"])
