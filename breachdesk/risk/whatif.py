"""What would change the answer: re-decide with one fact changed, keep the changes that matter.

Candidates are the unknown facts (in both directions) and the few measures a DPO can still
take or confirm. Each is tried under the same rule set; a sentence is kept only when the
obligations change, so the list stays short and every line is true.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from breachdesk.risk.facts import Facts
from breachdesk.risk.rules import RuleSet


def _candidates(f: Facts, rs: RuleSet) -> Iterator[tuple[str, Facts]]:
    conf = "confidentiality" in f.breach_types
    if f.malicious is None:
        yield "it is shown that the breach was not deliberate", replace(f, malicious=False)
        yield "it turns out the breach was deliberate", replace(f, malicious=True)
    if f.exfiltrated is None:
        yield "it is shown that no copy of the data was taken", replace(f, exfiltrated=False)
        if conf:
            yield "a copy of the data is found to have been taken", replace(f, exfiltrated=True)
    if f.encrypted is None:
        yield ("the data is confirmed to be strongly encrypted with the key safe",
               replace(f, encrypted=True, key_compromised=False))
    if f.encrypted and f.key_compromised is None:
        yield "the encryption key is confirmed safe", replace(f, key_compromised=False)
        yield "the encryption key turns out to be compromised", replace(f, key_compromised=True)
    if conf and not f.recovered and f.recipient in (None, "none", "unknown", "known", "trusted"):
        yield ("the data is retrieved, or its deletion confirmed, with no copy kept",
               replace(f, recovered=True, exfiltrated=False))
    if conf and f.recipient is None:
        yield ("the recipient turns out to be trusted and bound to confidentiality",
               replace(f, recipient="trusted"))
        yield ("the recipient turns out to be someone likely to misuse the data",
               replace(f, recipient="hostile"))
    if f.identifiable is None:
        yield "the people turn out to be hardly identifiable from the data", replace(
            f, identifiable="hardly")
    if f.people is None or f.people < rs.volume_floor_people:
        n = rs.volume_floor_people
        yield f"{n:,} or more people are affected", replace(
            f, people=n, records=max(n, f.records or n))
    if f.people is None or f.people < rs.volume_raise_people:
        n = rs.volume_raise_people
        yield f"{n:,} or more people are affected", replace(
            f, people=n, records=max(n, f.records or n))
    if f.people is None and (f.records is None or f.records >= rs.volume_floor_people):
        yield (f"fewer than {rs.volume_floor_people:,} people turn out to be affected",
               replace(f, people=rs.volume_floor_people - 1, records=None))
    if f.data_subject_types is None or "Unknown" in f.data_subject_types:
        yield "the people turn out to include children or vulnerable adults", replace(
            f, data_subject_types=("Children",))
    if "Not yet known" in f.data_categories:
        yield "the data turns out to include special category data", replace(
            f, data_categories=("Health data",))
        yield "the data turns out to be only basic identifiers", replace(
            f, data_categories=("Basic personal identifiers",))
    if "availability" in f.breach_types:
        if f.impact is None:
            yield "people turn out not to be affected by the loss of availability", replace(
                f, impact="none")
            yield "people are seriously affected by the loss of availability", replace(
                f, impact="serious")
        if f.restored_within_hours is None:
            yield (f"the data is restored from backup within {rs.restore_in_time_hours:g} hours",
                   replace(f, backup=True, restored_within_hours=rs.restore_in_time_hours))
    if f.individual_contact is None:
        yield ("telling each person directly would involve disproportionate effort",
               replace(f, individual_contact="disproportionate"))


_EXCEPTION_LABELS = {
    "art_34_3_a": "Art. 34(3)(a)",
    "art_34_3_b": "Art. 34(3)(b)",
    "pecr_reg_5a_6": "PECR reg. 5A(6)",
}


def _consequence(out) -> str:
    if not out.notify_regulator:
        action = "record only, with no report to the regulator"
    else:
        action = "report to the regulator"
        if out.notify_individuals:
            action += " and tell the people affected"
        elif out.exception == "art_34_3_c":
            action += " and make a public communication"
    if out.exception and out.exception != "art_34_3_c":
        action += f"; people not told under {_EXCEPTION_LABELS[out.exception]}"
    return f"the risk would be '{out.risk}' ({action})"


def would_change(f: Facts, rs: RuleSet, current, decide: Callable) -> list[str]:
    """Sentences naming a change of fact and the decision it would lead to."""
    out: list[str] = []
    for condition, changed in _candidates(f, rs):
        other = decide(changed, rs)
        if other.key() != current.key():
            sentence = f"If {condition}, {_consequence(other)}."
            if sentence not in out:
                out.append(sentence)
    return out
