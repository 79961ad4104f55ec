"""The decision: what the risk level obliges, with reasons a DPO can paste into a record.

``assess`` picks the rule set and deadline rule in force on the day of awareness;
``replay`` re-runs a stored decision under the rule set and deadline rule it names, so it
comes out the same after newer rules are added.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from breachdesk import deadlines
from breachdesk.risk import rules
from breachdesk.risk.facts import Facts
from breachdesk.risk.levels import Levels, levels, without_later_measures, without_protection
from breachdesk.risk.rules import LEVELS, RISK, RuleSet
from breachdesk.risk.severity import Severity, assess_severity
from breachdesk.risk.whatif import would_change

_EXCEPTION_TEXT = {
    rules.ART_34_3_A: (
        "Without its technical protection the breach would be a high risk, but the data is "
        "unintelligible to anyone not authorised to see it, so the people need not be told "
        "(UK GDPR Art. 34(3)(a))."
    ),
    rules.ART_34_3_B: (
        "Before the measures taken since, the breach would be a high risk; those measures "
        "mean the high risk is no longer likely to materialise, so the people need not be "
        "told (UK GDPR Art. 34(3)(b)). Keep the evidence that the measures worked."
    ),
    rules.ART_34_3_C: (
        "The risk is high but telling each person would involve disproportionate effort, so "
        "a public communication or similar measure that informs them as effectively must be "
        "made instead (UK GDPR Art. 34(3)(c))."
    ),
    rules.PECR_5A_6: (
        "Without its technical protection the breach would be likely to affect subscribers "
        "or users adversely, but the data is unintelligible, so they need not be told if the "
        "regulator accepts the protection was adequate (PECR reg. 5A(6))."
    ),
}
_RISK_TEXT = {
    "none": "unlikely to result in a risk to people's rights and freedoms",
    "risk": "likely to result in a risk to people's rights and freedoms",
    "high": "likely to result in a high risk to people's rights and freedoms",
}


@dataclass(frozen=True)
class Decision:
    """A risk decision. ``to_dict()`` is the stored and published shape."""

    rule_set: str
    regime: str
    deadline_rule: str
    severity: Severity
    risk: str
    notify_regulator: bool
    regulator_deadline: datetime
    notify_individuals: bool
    individuals_exception: str | None
    public_communication: bool
    breach_log: str | None
    reasons: tuple[str, ...]
    would_change: tuple[str, ...]
    unknowns: tuple[str, ...]
    factors: tuple[str, ...]
    facts: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        from breachdesk.risk.levels import SOURCES

        return {
            "rule_set": self.rule_set,
            "regime": self.regime,
            "deadline_rule": self.deadline_rule,
            "severity": self.severity.to_dict(),
            "risk": self.risk,
            "notify_regulator": self.notify_regulator,
            "regulator_deadline": self.regulator_deadline.isoformat(),
            "notify_individuals": self.notify_individuals,
            "individuals_exception": self.individuals_exception,
            "public_communication": self.public_communication,
            "breach_log": self.breach_log,
            "reasons": list(self.reasons),
            "would_change": list(self.would_change),
            "unknowns": list(self.unknowns),
            "factors": [{"rule": r, "source": SOURCES[r]} for r in self.factors],
            "facts": self.facts,
        }


@dataclass(frozen=True)
class Outcome:
    """The parts of a decision that obligations depend on; compared for "what would change"."""

    risk: str
    notify_regulator: bool
    notify_individuals: bool
    exception: str | None
    levels: Levels

    def key(self) -> tuple:
        return (self.risk, self.notify_regulator, self.notify_individuals, self.exception)


def outcome(f: Facts, rs: RuleSet) -> Outcome:
    found = levels(f, rs)
    risk = LEVELS.index(found.risk)
    threshold = LEVELS.index(rs.individuals_from)
    notify_regulator = rs.regulator_from == "always" or risk >= LEVELS.index(RISK)
    exception = None
    notify_individuals = risk >= threshold
    if notify_individuals:
        if rules.ART_34_3_C in rs.exceptions and f.individual_contact == "disproportionate":
            exception, notify_individuals = rules.ART_34_3_C, False
    else:
        before = without_later_measures(f, rs)
        if rules.ART_34_3_B in rs.exceptions and LEVELS.index(levels(before, rs).risk) >= threshold:
            exception = rules.ART_34_3_B
        elif LEVELS.index(levels(without_protection(before), rs).risk) >= threshold:
            if rs.unintelligible_exception in rs.exceptions:
                exception = rs.unintelligible_exception
    return Outcome(found.risk, notify_regulator, notify_individuals, exception, found)


def _when(moment: datetime) -> str:
    offset = moment.utcoffset()
    zone = "UTC" if not offset else moment.strftime("UTC%z")
    return f"{moment.day} {moment:%B %Y} at {moment:%H:%M} {zone}"


def _headline(out: Outcome, rs: RuleSet, deadline: datetime) -> str:
    if out.notify_regulator and out.risk == "none":
        report = (f"Report the breach to the regulator by {_when(deadline)}: under this "
                  "regime every breach is reported")
    elif out.notify_regulator:
        report = f"Report the breach to the regulator by {_when(deadline)}"
    else:
        report = ("Record the breach in the breach register; it need not be reported to the "
                  "regulator")
    if out.notify_individuals:
        tell = "and tell the people affected without undue delay"
    elif out.exception == rules.ART_34_3_C:
        tell = "and make a public communication instead of telling each person"
    else:
        tell = "; the people affected need not be told"
    return f"{report} {tell}. The breach is {_RISK_TEXT[out.risk]}.".replace(" ;", ";")


def _unknown_sentences(unknowns: list[str]) -> list[str]:
    if not unknowns:
        return []
    return [(
        "Not yet known: " + ", ".join(unknowns) + ". Each unknown is given the cautious "
        "answer until it is known; see what would change the decision."
    )]


def decide(raw: dict, rs: RuleSet, deadline_rule: deadlines.DeadlineRule) -> Decision:
    f = Facts.parse(raw)
    out = outcome(f, rs)
    deadline = deadline_rule.deadline(f.aware_at)
    sev = assess_severity(f, rs)
    adjust = "".join(f" {v:+g} for {k}" for k, v in sev.dpc_adjustments)
    reasons = [
        _headline(out, rs, deadline),
        (f"ENISA severity: DPC {sev.dpc:g} x EI {sev.ei:g} + CB {sev.cb:g} = {sev.score:g} "
         f"({sev.band}). DPC starts at {sev.dpc_base:g} for the most sensitive data"
         f"{adjust}; this score is for the breach before any protection or recovery."),
        *(note.sentence() for note in out.levels.notes),
    ]
    if out.exception:
        reasons.append(_EXCEPTION_TEXT[out.exception])
    unknowns = f.unknowns()
    reasons.extend(_unknown_sentences(unknowns))
    reasons.append(
        f"Decided under rule set {rs.id} and deadline rule {deadline_rule.version}: "
        f"{deadline_rule.summary}"
    )
    return Decision(
        rule_set=rs.id,
        regime=rs.regime,
        deadline_rule=deadline_rule.version,
        severity=sev,
        risk=out.risk,
        notify_regulator=out.notify_regulator,
        regulator_deadline=deadline,
        notify_individuals=out.notify_individuals,
        individuals_exception=out.exception,
        public_communication=out.exception == rules.ART_34_3_C,
        breach_log=rs.breach_log,
        reasons=tuple(reasons),
        would_change=tuple(would_change(f, rs, out, outcome)),
        unknowns=tuple(unknowns),
        factors=tuple(dict.fromkeys(n.rule for n in out.levels.notes)),
        facts=copy.deepcopy(raw),
    )


def assess(facts: dict) -> Decision:
    """Decide under the rules in force on the day of awareness.

    Raises :class:`~breachdesk.risk.facts.FactsError` listing every problem in ``facts``.
    """
    f = Facts.parse(facts)
    rs = rules.rule_set_for(f.regime, f.aware_at)
    return decide(facts, rs, deadlines.rule_for(f.regime, f.aware_at))


def replay(stored: dict) -> Decision:
    """Re-run a stored decision (``Decision.to_dict()``) under the rules it names."""
    missing = [k for k in ("rule_set", "deadline_rule", "facts") if k not in stored]
    if missing:
        raise ValueError(f"not a stored decision: missing {', '.join(missing)}")
    rs = rules.rule_set_by_id(stored["rule_set"])
    return decide(stored["facts"], rs, deadlines.rule_by_version(stored["deadline_rule"]))


__all__ = ["Decision", "assess", "replay"]
