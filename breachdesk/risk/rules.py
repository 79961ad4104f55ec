"""Rule sets: the numbers and thresholds that decide, as dated, versioned data.

A rule set is chosen by legal regime and by the day of awareness, like the deadline rules
in :mod:`breachdesk.deadlines`. A stored decision names its rule set, so it replays under
the same numbers after a newer set is added. Changing a number means adding a rule set
with a later ``in_force_from`` and a new id, never editing one that has decided cases.

Where each number comes from is in docs/risk.md ("The method"), rule by rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from breachdesk import vocab
from breachdesk.deadlines import PECR, UK_GDPR

NONE, RISK, HIGH = "none", "risk", "high"
LEVELS: tuple[str, ...] = (NONE, RISK, HIGH)

ART_34_3_A, ART_34_3_B, ART_34_3_C = "art_34_3_a", "art_34_3_b", "art_34_3_c"
PECR_5A_6 = "pecr_reg_5a_6"
EXCEPTIONS: tuple[str, ...] = (ART_34_3_A, ART_34_3_B, ART_34_3_C, PECR_5A_6)

# ENISA (2013) basic DPC scores: simple 1, behavioural 2, financial 3, sensitive 4, mapped
# onto the ICO's data-category labels. Labels ENISA does not name get the nearest kind.
_DPC_BASE: dict[str, float] = {
    "Basic personal identifiers": 1.0,   # simple data
    "Identification data": 2.0,          # usernames, passwords: ENISA scores credentials by
                                         # what they open; unknown, so one step above simple
    "Economic and financial data": 3.0,  # financial data
    "Official documents": 3.0,           # identity documents: fraud risk like financial data
    "Location data": 2.0,                # behavioural data
    "Criminal convictions or offences": 4.0,
    "Other": 1.0,
    "Not yet known": 3.0,                # unknown content: cautious, see unknown_category_note
    **{label: 4.0 for label in vocab.SPECIAL_CATEGORIES},  # sensitive data
}


@dataclass(frozen=True)
class RuleSet:
    id: str
    regime: str
    in_force_from: date
    summary: str
    # ENISA severity: SE = DPC x EI + CB
    dpc_base: dict[str, float]
    dpc_vulnerable_subjects: frozenset[str]      # +dpc_vulnerable_step when present
    dpc_vulnerable_step: float
    dpc_health_context_subjects: frozenset[str]  # being one reveals health (ENISA "context")
    dpc_health_context_step: float
    ei: dict[str, float]                         # identifiable -> EI
    ei_levels: tuple[float, ...]                 # pseudonymisation steps down one level
    cb_confidentiality: dict[str, float]         # recipient -> CB term
    cb_integrity: dict[str, float]               # "recoverable" | "lost" -> CB term
    cb_availability: dict[str, float]            # "in_time" | "temporary" | "permanent"
    cb_malicious: float
    bands: tuple[tuple[float | None, str], ...]  # (upper bound exclusive, band)
    band_risk: dict[str, str]                    # ENISA band -> starting risk level
    # ICO factors ENISA weighs lightly
    restore_in_time_hours: float
    volume_floor_people: int                     # at or above: at least "risk"
    volume_raise_people: int                     # at or above: one level up
    hash_protects: frozenset[str]                # categories a salted strong hash covers
    credential_reset_mitigations: frozenset[str]
    # what the risk level obliges
    regulator_from: str                          # "risk", or "always" (PECR)
    individuals_from: str                        # "high" (UK GDPR) or "risk" (PECR)
    exceptions: frozenset[str] = field(default_factory=frozenset)
    unintelligible_exception: str = ART_34_3_A
    breach_log: str | None = None

    def band(self, score: float) -> str:
        for upper, name in self.bands:
            if upper is None or score < upper:
                return name
        raise AssertionError("unreachable: the last band is open-ended")


_ENISA_2013 = dict(
    dpc_base=_DPC_BASE,
    dpc_vulnerable_subjects=frozenset({"Children", "Vulnerable adults"}),
    dpc_vulnerable_step=1.0,
    dpc_health_context_subjects=frozenset({"Patients"}),
    dpc_health_context_step=1.0,
    ei={"directly": 1.0, "with_effort": 0.75, "hardly": 0.25},
    ei_levels=(0.25, 0.5, 0.75, 1.0),
    cb_confidentiality={
        "none": 0.0,       # exposed, no evidence anyone processed it
        "trusted": 0.0,    # a known recipient bound to secrecy
        "known": 0.25,     # a known number of recipients
        "hostile": 0.25,
        "unknown": 0.5,    # an unknown number of recipients
        "attacker": 0.5,
        "public": 0.5,
    },
    cb_integrity={"recoverable": 0.25, "lost": 0.5},
    cb_availability={"in_time": 0.0, "temporary": 0.25, "permanent": 0.5},
    cb_malicious=0.5,
    bands=((2.0, "low"), (3.0, "medium"), (4.0, "high"), (None, "very high")),
    band_risk={"low": NONE, "medium": RISK, "high": HIGH, "very high": HIGH},
    restore_in_time_hours=24.0,
    volume_floor_people=1_000,
    volume_raise_people=100_000,
    hash_protects=frozenset({"Identification data"}),
    credential_reset_mitigations=frozenset({"passwords_reset", "credentials_revoked"}),
)

RULE_SETS: tuple[RuleSet, ...] = (
    RuleSet(
        id="uk-gdpr/2018-05-25.1",
        regime=UK_GDPR,
        in_force_from=date(2018, 5, 25),
        summary=(
            "UK GDPR Arts. 33-34 with ENISA 2013 severity and the ICO's risk factors: report "
            "a likely risk; tell the people of a likely high risk unless Art. 34(3) applies."
        ),
        regulator_from=RISK,
        individuals_from=HIGH,
        exceptions=frozenset({ART_34_3_A, ART_34_3_B, ART_34_3_C}),
        **_ENISA_2013,
    ),
    RuleSet(
        id="pecr/2013-08-25.1",
        regime=PECR,
        in_force_from=date(2013, 8, 25),
        summary=(
            "PECR reg. 5A with Regulation 611/2013: report every personal data breach; tell "
            "subscribers and users when it is likely to affect them adversely, unless the "
            "data was made unintelligible (reg. 5A(6)); keep a breach log."
        ),
        regulator_from="always",
        individuals_from=RISK,
        exceptions=frozenset({PECR_5A_6}),
        unintelligible_exception=PECR_5A_6,
        breach_log="month",
        **_ENISA_2013,
    ),
)


class UnknownRuleSet(ValueError):
    """No rule set matches the regime and date, or the stored id."""


def rule_set_for(regime: str, aware_at: datetime) -> RuleSet:
    """The rule set in force for ``regime`` on the day of awareness."""
    candidates = [r for r in RULE_SETS if r.regime == regime and r.in_force_from <= aware_at.date()]
    if not candidates:
        raise UnknownRuleSet(f"no {regime} rule set was in force on {aware_at.date()}")
    return max(candidates, key=lambda r: r.in_force_from)


def rule_set_by_id(rule_set_id: str) -> RuleSet:
    """The rule set a stored decision was made under."""
    for rule_set in RULE_SETS:
        if rule_set.id == rule_set_id:
            return rule_set
    raise UnknownRuleSet(f"unknown rule set {rule_set_id!r}")
