"""ENISA (2013) severity: SE = DPC x EI + CB.

DPC (data processing context, 1-4) starts from the most sensitive kind of data and is
adjusted for context; EI (ease of identification) is 0.25, 0.5, 0.75 or 1; CB (circumstances
of the breach) adds terms for loss of confidentiality, integrity and availability and for
malicious intent. Unknown inputs take the cautious value; the caller reports them.
"""

from __future__ import annotations

from dataclasses import dataclass

from breachdesk import vocab
from breachdesk.risk.facts import Facts
from breachdesk.risk.rules import RuleSet

METHOD = "ENISA-2013"


@dataclass(frozen=True)
class Severity:
    dpc_base: float
    dpc: float
    dpc_adjustments: tuple[tuple[str, float], ...]
    ei: float
    cb_terms: tuple[tuple[str, float], ...]
    band: str

    @property
    def cb(self) -> float:
        return sum(v for _, v in self.cb_terms)

    @property
    def score(self) -> float:
        return round(self.dpc * self.ei + self.cb, 4)

    def to_dict(self) -> dict:
        return {
            "method": METHOD,
            "dpc": self.dpc,
            "ei": self.ei,
            "cb": self.cb,
            "score": self.score,
            "band": self.band,
            "dpc_base": self.dpc_base,
            "dpc_adjustments": [{"factor": k, "value": v} for k, v in self.dpc_adjustments],
            "cb_terms": [{"term": k, "value": v} for k, v in self.cb_terms],
        }


def confidentiality_lost(f: Facts) -> bool:
    """Declared, or not excluded: a deliberate attack whose copying cannot be ruled out is
    treated as a loss of confidentiality too (EDPB 01/2021, ransomware cases)."""
    if "confidentiality" in f.breach_types:
        return True
    return f.exfiltrated is None and f.malicious is not False


def dpc(f: Facts, rs: RuleSet, categories: tuple[str, ...]) -> tuple[float, float, tuple]:
    """(base, adjusted DPC, adjustments) over the given categories."""
    base = max((rs.dpc_base[c] for c in categories), default=1.0)
    adjustments = []
    subjects = set(f.data_subject_types or ())
    if subjects & rs.dpc_vulnerable_subjects:
        adjustments.append(("vulnerable people", rs.dpc_vulnerable_step))
    reveals_health = not (set(categories) & {"Health data"})
    if subjects & rs.dpc_health_context_subjects and reveals_health:
        adjustments.append(("health inferable from context", rs.dpc_health_context_step))
    adjusted = min(4.0, max(1.0, base + sum(v for _, v in adjustments)))
    return base, adjusted, tuple(adjustments)


def ease_of_identification(f: Facts, rs: RuleSet) -> float:
    ei = rs.ei[f.identifiable or "directly"]
    if f.pseudonymised and f.identifiable not in (None, "directly"):
        lower = [level for level in rs.ei_levels if level < ei]
        ei = lower[-1] if lower else ei
    return ei


def availability_term(f: Facts, rs: RuleSet) -> float:
    hours = f.restored_within_hours
    if hours is not None and hours <= rs.restore_in_time_hours and f.backup is not False:
        return rs.cb_availability["in_time"]
    if f.backup is True or hours is not None:
        return rs.cb_availability["temporary"]
    return rs.cb_availability["permanent"]  # no backup, or not known to exist


def confidentiality_term(f: Facts, rs: RuleSet) -> float:
    if "confidentiality" not in f.breach_types:
        return rs.cb_confidentiality["unknown"]  # inferred: an attacker may hold a copy
    return rs.cb_confidentiality[f.recipient or "unknown"]


def cb_terms(f: Facts, rs: RuleSet) -> tuple[tuple[str, float], ...]:
    terms = []
    if confidentiality_lost(f):
        terms.append(("confidentiality", confidentiality_term(f, rs)))
    if "integrity" in f.breach_types:
        terms.append(("integrity", rs.cb_integrity["recoverable" if f.backup else "lost"]))
    if "availability" in f.breach_types:
        terms.append(("availability", availability_term(f, rs)))
    if f.malicious is not False:
        terms.append(("malicious intent", rs.cb_malicious))
    return tuple(terms)


def assess_severity(f: Facts, rs: RuleSet, categories: tuple[str, ...] | None = None,
                    terms: tuple[tuple[str, float], ...] | None = None) -> Severity:
    """ENISA severity over ``categories`` (default: all) and CB ``terms`` (default: all)."""
    base, adjusted, adjustments = dpc(f, rs, categories or f.data_categories)
    ei = ease_of_identification(f, rs)
    terms = cb_terms(f, rs) if terms is None else terms
    score = adjusted * ei + sum(v for _, v in terms)
    return Severity(base, adjusted, adjustments, ei, terms, rs.band(round(score, 4)))


def sensitive(categories) -> bool:
    return bool(set(categories) & (vocab.SPECIAL_CATEGORIES | vocab.CRIMINAL_OFFENCE_CATEGORIES))
