"""The risk decision engine: facts in, a reasoned decision out. Pure Python, no Django.

    >>> from breachdesk.risk import assess
    >>> decision = assess(facts)          # raises FactsError listing every problem
    >>> decision.to_dict()                # store this; replay(stored) gives it back

Exceptions: ``FactsError`` (invalid facts; ``.problems`` lists each ``Problem``) and
``UnknownRuleSet`` (a stored decision names a rule set this version does not have), both
subclasses of ``ValueError``.
"""

from breachdesk.risk.decision import Decision, assess, replay
from breachdesk.risk.facts import FACTS_SCHEMA, FactsError, Problem, validate_facts
from breachdesk.risk.rules import RULE_SETS, RuleSet, UnknownRuleSet, rule_set_for

__all__ = [
    "FACTS_SCHEMA",
    "RULE_SETS",
    "Decision",
    "FactsError",
    "Problem",
    "RuleSet",
    "UnknownRuleSet",
    "assess",
    "replay",
    "rule_set_for",
    "validate_facts",
]
