"""From facts to a risk level: ENISA per kind of loss, then the ICO's factors.

Each kind of loss (confidentiality, integrity, availability) gets its own level, so that a
measure that removes one kind (encryption removes the loss of confidentiality, a backup the
loss of availability) removes only its part. The breach's risk is the highest level.

Every factor that fires leaves a :class:`Note`: a plain sentence and the id of its rule,
whose source is listed in ``SOURCES`` and, in full, in docs/risk.md.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from breachdesk.risk.facts import Facts
from breachdesk.risk.rules import LEVELS, RuleSet
from breachdesk.risk.severity import (
    assess_severity,
    confidentiality_lost,
    confidentiality_term,
    sensitive,
)

SOURCES: dict[str, str] = {
    "enisa-score": "ENISA 2013, sections 2-4",
    "exfiltration-not-excluded": "EDPB Guidelines 01/2021, cases 1 and 4",
    "encrypted-key-safe": "UK GDPR Art. 34(3)(a); EDPB Guidelines 01/2021, case 10",
    "key-not-safe": "EDPB Guidelines 01/2021, cases 1 and 10",
    "salted-hash": "EDPB Guidelines 01/2021, case 6",
    "weak-hash": "EDPB Guidelines 01/2021, case 6",
    "credentials-reset": "UK GDPR Art. 34(3)(b); EDPB Guidelines 01/2021, case 7",
    "trusted-deleted": "ICO personal data breach examples, case study 2; WP250 rev.01",
    "trusted": "WP250 rev.01, section IV.B; EDPB Guidelines 01/2021, case 9",
    "recovered": "UK GDPR Art. 34(3)(b); WP250 rev.01, section III.C",
    "recovery-partial": "WP250 rev.01, section IV.B",
    "recovered-reduces": "UK GDPR Art. 34(3)(b); EDPB Guidelines 01/2021, cases 13-16",
    "hostile": "ICO personal data breach examples, case study 1; UK GDPR Recital 75",
    "sensitive-data": "UK GDPR Recital 75 and Arts. 9-10; ICO, Understanding and assessing risk",
    "vulnerable-people": "UK GDPR Recital 75; ENISA 2013, Annex A2; ICO, Understanding and assessing risk",
    "cannot-recall": "ICO, Understanding and assessing risk in personal data breaches (permanence of harm)",
    "volume-floor": "ICO, Understanding and assessing risk (number of people); ENISA 2013, section 5",
    "volume-raise": "ICO, Understanding and assessing risk (number of people); ENISA 2013, section 5",
    "availability-serious": "WP250 rev.01, section I.B.3; EDPB Guidelines 01/2021, case 3",
    "availability-minor": "WP250 rev.01, section I.B.3",
    "availability-unknown": "WP250 rev.01, section I.B.3 (cautious default)",
    "availability-in-time": "EDPB Guidelines 01/2021, case 1",
    "availability-permanent": "EDPB Guidelines 01/2021, case 2; ENISA 2013, CB",
    "availability-slow": "EDPB Guidelines 01/2021, cases 1-2",
}


@dataclass(frozen=True)
class Note:
    rule: str
    text: str

    def sentence(self) -> str:
        return f"{self.text} ({SOURCES[self.rule]})."


@dataclass(frozen=True)
class Levels:
    confidentiality: int | None
    integrity: int | None
    availability: int | None
    notes: tuple[Note, ...]

    @property
    def risk(self) -> str:
        present = [x for x in (self.confidentiality, self.integrity, self.availability)
                   if x is not None]
        return LEVELS[max(present, default=0)]


def _people_at_least(f: Facts, n: int) -> bool:
    """Cautious: an unknown count is taken to reach ``n`` unless the records rule it out."""
    if f.people is not None:
        return f.people >= n
    if f.records is not None:
        return f.records >= n
    return True


def _floors(f: Facts, rs: RuleSet, categories, level: int, notes: list[Note]) -> int:
    """ICO factors that ENISA weighs lightly: each sets a minimum or raises the level."""
    if sensitive(categories):
        level = max(level, 1)
        notes.append(Note("sensitive-data", (
            "Special category or criminal offence data is involved, which the law protects "
            "most because its misuse can cause discrimination and distress, so there is at "
            "least a likely risk")))
    subjects = set(f.data_subject_types or ())
    if subjects & rs.dpc_vulnerable_subjects:
        level = max(level, 1)
        notes.append(Note("vulnerable-people", (
            "The people include children or vulnerable adults, who are less able to protect "
            "themselves, so there is at least a likely risk")))
    # Volume makes an existing likely risk high; it does not turn trivial data into a high
    # risk on its own, hence the raise is tested before the floor.
    if f.people is not None and f.people >= rs.volume_raise_people and level == 1:
        level = 2
        notes.append(Note("volume-raise", (
            f"{f.people:,} people are affected ({rs.volume_raise_people:,} or more), which "
            "makes a likely risk a high one")))
    if _people_at_least(f, rs.volume_floor_people):
        level = max(level, 1)
        counted = "is not known and may be" if f.people is None else "is"
        notes.append(Note("volume-floor", (
            f"The number of people {counted} {rs.volume_floor_people:,} or more, so there is "
            "at least a likely risk")))
    return level


def _readable_categories(f: Facts, rs: RuleSet, notes: list[Note]) -> tuple[str, ...]:
    categories = f.data_categories
    protected = set(categories) & rs.hash_protects
    if f.hashed and f.hash_strength == "salted_strong" and protected:
        categories = tuple(c for c in categories if c not in rs.hash_protects)
        notes.append(Note("salted-hash", (
            "Passwords were stored only as salted hashes made with a current, slow algorithm, "
            "so they cannot practically be recovered and are left out of the score")))
    elif f.hashed and protected:
        notes.append(Note("weak-hash", (
            "Passwords were hashed, but not with a salted, current algorithm (or this is not "
            "known); such hashes can often be reversed, so they count as readable")))
    if set(f.mitigations) & rs.credential_reset_mitigations and set(categories) & protected:
        categories = tuple(c for c in categories if c not in rs.hash_protects)
        notes.append(Note("credentials-reset", (
            "The exposed passwords or credentials have been reset, so they no longer open "
            "anything and are left out of the score")))
    return categories


def _confidentiality(f: Facts, rs: RuleSet, notes: list[Note]) -> int | None:
    if not confidentiality_lost(f):
        return None
    if "confidentiality" not in f.breach_types:
        notes.append(Note("exfiltration-not-excluded", (
            "The breach was, or may have been, deliberate and copying of the data cannot be "
            "ruled out, so it is treated as a loss of confidentiality as well")))
    if f.encrypted and f.key_compromised is False:
        notes.append(Note("encrypted-key-safe", (
            "The data was strongly encrypted and the key is safe, so whoever has it cannot "
            "read it: the loss of confidentiality is unlikely to harm anyone")))
        return 0
    if f.encrypted:
        state = "was compromised" if f.key_compromised else "is not known to be safe"
        notes.append(Note("key-not-safe", (
            f"The data was encrypted but the key {state}, so the data counts as readable")))
    categories = _readable_categories(f, rs, notes)
    if not categories:
        return 0
    recipient = (f.recipient or "unknown") if "confidentiality" in f.breach_types else "attacker"
    if recipient == "trusted" and f.recovered and f.exfiltrated is not True:
        notes.append(Note("trusted-deleted", (
            "The recipient is trusted, bound to confidentiality, and has returned or deleted "
            "the data, so misuse is unlikely")))
        return 0
    clean = f.recovered and f.exfiltrated is False and recipient in ("none", "unknown", "known")
    if clean and recipient != "known" and f.malicious is False:
        notes.append(Note("recovered", (
            "The data was recovered, with no copy made, before anyone is known to have read "
            "it, so misuse is unlikely")))
        return 0
    if f.recovered and not clean:
        notes.append(Note("recovery-partial", (
            "The data was recovered, but recovery does not undo what may already have been "
            "read or copied")))
    terms = (("confidentiality", confidentiality_term(f, rs)),)
    if f.malicious is not False:
        terms += (("malicious intent", rs.cb_malicious),)
    sev = assess_severity(f, rs, categories, terms)
    level = LEVELS.index(rs.band_risk[sev.band])
    notes.append(Note("enisa-score", (
        f"The loss of confidentiality on its own scores {sev.score:g} on the ENISA scale, "
        f"which is {sev.band}")))
    if clean:
        level = max(0, level - 1)
        notes.append(Note("recovered-reduces", (
            "The data was recovered with no copy made, but it may have been read by the "
            "person who had it, which lowers the risk by one level")))
    if recipient == "trusted":
        level = max(0, level - 1)
        notes.append(Note("trusted", (
            "The recipient is trusted and bound to confidentiality, which makes misuse less "
            "likely and lowers the risk by one level")))
    if recipient in ("public", "attacker") or f.exfiltrated is True:
        level = max(level, 1)
        notes.append(Note("cannot-recall", (
            "The data is public or in an attacker's hands and cannot be recalled, so there "
            "is at least a likely risk")))
    level = _floors(f, rs, categories, level, notes)
    if recipient == "hostile":
        level = 2
        notes.append(Note("hostile", (
            "The data reached a known person who is likely to use it against the people it "
            "is about, which can threaten their safety, so the risk is high")))
    return level


def _integrity(f: Facts, rs: RuleSet, notes: list[Note]) -> int | None:
    if "integrity" not in f.breach_types:
        return None
    terms = (("integrity", rs.cb_integrity["recoverable" if f.backup else "lost"]),)
    if f.malicious is not False:
        terms += (("malicious intent", rs.cb_malicious),)
    sev = assess_severity(f, rs, f.data_categories, terms)
    notes.append(Note("enisa-score", (
        f"The alteration of the data on its own scores {sev.score:g} on the ENISA scale, "
        f"which is {sev.band}")))
    return _floors(f, rs, f.data_categories, LEVELS.index(rs.band_risk[sev.band]), notes)


def _availability(f: Facts, rs: RuleSet, notes: list[Note]) -> int | None:
    # Decided on the effect on people and on time to restore, as WP250 and the EDPB do,
    # not on ENISA's DPC: unavailable data harms by what it stops, not by what it reveals.
    if "availability" not in f.breach_types:
        return None
    hours, limit = f.restored_within_hours, rs.restore_in_time_hours
    if f.impact == "serious":
        notes.append(Note("availability-serious", (
            "The data being unavailable seriously affected people (for example care or "
            "payments delayed), so the risk is high")))
        return 2
    if f.impact == "minor":
        notes.append(Note("availability-minor", (
            "The data being unavailable affected people in a minor way, which is a likely "
            "risk")))
        return 1
    if f.impact is None:
        notes.append(Note("availability-unknown", (
            "The effect on people of the data being unavailable is not known, so it is "
            "treated as a likely risk")))
        return 1
    if hours is not None and hours <= limit and f.backup is not False:
        notes.append(Note("availability-in-time", (
            f"The data was restored within {hours:g} hours with no effect on people, so the "
            "loss of availability is unlikely to harm anyone")))
        return 0
    if hours is None and f.backup is not True:
        notes.append(Note("availability-permanent", (
            "There is no backup known and the data has not been restored, so the loss may be "
            "permanent, which is a likely risk")))
        return 1
    notes.append(Note("availability-slow", (
        f"The data was not restored within {limit:g} hours (or when is not known), so there "
        "is a likely risk even though no effect on people is known yet")))
    return 1


def levels(f: Facts, rs: RuleSet) -> Levels:
    notes: list[Note] = []
    conf = _confidentiality(f, rs, notes)
    integ = _integrity(f, rs, notes)
    avail = _availability(f, rs, notes)
    unique = tuple(dict.fromkeys(notes))
    return Levels(conf, integ, avail, unique)


def without_later_measures(f: Facts, rs: RuleSet) -> Facts:
    """The facts as they were before anything was done after the breach (Art. 34(3)(b))."""
    kept = tuple(m for m in f.mitigations if m not in rs.credential_reset_mitigations)
    return replace(f, recovered=False, mitigations=kept)


def without_protection(f: Facts) -> Facts:
    """The facts as if the data had no technical protection (Art. 34(3)(a))."""
    return replace(f, encrypted=False, key_compromised=None, hashed=False,
                   hash_strength=None, pseudonymised=False)


__all__ = ["Levels", "Note", "SOURCES", "levels",
           "without_later_measures", "without_protection"]
