"""The facts contract: schema, validation with every problem collected, and parsed facts.

Error messages name the field path and the rule, never the value given: a wrong value in a
breach record may itself be personal data (a name typed into the wrong box). Where a value
is close to an allowed label, the message suggests the allowed label instead.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from breachdesk.risk import rules

FACTS_SCHEMA: dict[str, Any] = json.loads(
    resources.files("breachdesk.risk").joinpath("facts.schema.json").read_text("utf-8")
)
_VALIDATOR = Draft202012Validator(FACTS_SCHEMA)
_SAFE_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,40}$")
_JSON_TYPES = {
    "integer": "a whole number", "number": "a number", "string": "a string",
    "boolean": "true or false", "array": "a list", "object": "an object", "null": "null",
}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the facts: where, and what rule it breaks."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class FactsError(ValueError):
    """The facts are invalid; ``problems`` lists every problem found, in field order."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the facts:\n{lines}")


def _path(parts) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(facts)"


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "a whole number"
    for py, name in ((float, "a number"), (str, "a string"), (list, "a list"), (dict, "an object")):
        if isinstance(value, py):
            return name
    return "null"


def _suggest(value: Any, allowed) -> str:
    if not isinstance(value, str):
        return ""
    options = [a for a in allowed if isinstance(a, str)]
    lowered = {a.lower(): a for a in options}
    match = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.75)
    return f"; did you mean {lowered[match[0]]!r}?" if match else ""


def _schema_problem(error) -> list[Problem]:
    path = _path(error.absolute_path)
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "enum":
        shown = ", ".join("null" if a is None else str(a) for a in expected)
        if len(expected) > 10:
            ico = str(next(iter(error.absolute_path), "")).startswith("data_")
            what = "an ICO label" if ico else "an allowed value"
            hint = _suggest(value, expected)
            return [Problem(path, f"is not {what} (see the schema for the list){hint}")]
        return [Problem(path, f"is not one of: {shown}{_suggest(value, expected)}")]
    if kind == "type":
        kinds = [expected] if isinstance(expected, str) else expected
        wanted = " or ".join(_JSON_TYPES[t] for t in kinds).replace(" or null", " (or null)")
        if path == "(facts)":
            return [Problem(path, "must be a JSON object")]
        return [Problem(path, f"must be {wanted}, not {_type_name(value)}")]
    if kind == "required":
        missing = [k for k in expected if k not in value]
        return [Problem(_path([*error.absolute_path, k]), "is required") for k in missing]
    if kind == "additionalProperties":
        schema_props = error.schema.get("properties", {})
        problems = []
        for key in value:
            if key in schema_props:
                continue
            allowed = ", ".join(schema_props)
            if _SAFE_KEY.match(key):
                problems.append(Problem(
                    _path([*error.absolute_path, key]),
                    f"is not a known fact; allowed here: {allowed}{_suggest(key, schema_props)}",
                ))
            else:  # the key itself may be personal data typed in the wrong place
                problems.append(Problem(_path(error.absolute_path), (
                    f"has an unknown fact whose name is not shown; allowed here: {allowed}")))
        return problems
    if kind == "minimum":
        return [Problem(path, f"must be at least {expected}")]
    if kind == "minItems":
        return [Problem(path, "must list at least one value")]
    if kind == "uniqueItems":
        return [Problem(path, "lists the same value more than once")]
    if kind == "maxLength":
        return [Problem(path, f"is longer than {expected} characters")]
    return [Problem(path, f"breaks the schema rule {kind!r}")]  # pragma: no cover - all kinds above


def _parse_time(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment


def _obj(facts: dict, key: str) -> dict:
    value = facts.get(key)
    return value if isinstance(value, dict) else {}


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _contradictions(f: dict) -> list[Problem]:
    """Facts that cannot all be true. Robust to ill-typed facts, so that one report lists
    type errors and contradictions together."""
    out = []
    listed = f.get("breach_types")
    types = {t for t in listed if isinstance(t, str)} if isinstance(listed, list) else None
    protection, exposure = _obj(f, "protection"), _obj(f, "exposure")
    availability = _obj(f, "availability")
    if exposure.get("exfiltrated") is True and types is not None and "confidentiality" not in types:
        out.append(Problem("exposure.exfiltrated", (
            "is true but breach_types does not include 'confidentiality': data copied out of "
            "your control is a loss of confidentiality"
        )))
    if exposure.get("exfiltrated") is True and exposure.get("recipient") == "none":
        out.append(Problem("exposure.recipient", (
            "is 'none' but exposure.exfiltrated is true: someone has the copy"
        )))
    if protection.get("key_compromised") is True and protection.get("encrypted") is not True:
        out.append(Problem("protection.key_compromised", (
            "is true but protection.encrypted is not: a key matters only for encrypted data"
        )))
    if (protection.get("encrypted") is True and protection.get("key_compromised") is True
            and f.get("identifiable") == "hardly"):
        out.append(Problem("identifiable", (
            "is 'hardly' but the data is encrypted with a compromised key: whoever has the key "
            "reads the data as it was; say how identifiable the decrypted data is"
        )))
    if protection.get("hash_strength") is not None and protection.get("hashed") is False:
        out.append(Problem("protection.hash_strength", "is set but protection.hashed is false"))
    people, records = f.get("people"), f.get("records")
    if _count(people) and _count(records) and people > records:
        out.append(Problem("people", (
            "is more than records: each person affected has at least one record"
        )))
    if (availability.get("impact") in ("minor", "serious") and types is not None
            and "availability" not in types):
        out.append(Problem("availability.impact", (
            "describes an effect of lost availability but breach_types does not include "
            "'availability'"
        )))
    listed = f.get("data_subject_types")
    labels = {x for x in listed if isinstance(x, str)} if isinstance(listed, list) else set()
    if "Unknown" in labels and len(labels) > 1:
        out.append(Problem("data_subject_types", "lists 'Unknown' together with known types"))
    return out


def validate_facts(facts: Any) -> list[Problem]:
    """Every problem with ``facts``, sorted by field path; an empty list when they are valid."""
    problems: list[Problem] = []
    for error in _VALIDATOR.iter_errors(facts):
        problems.extend(_schema_problem(error))
    if not isinstance(facts, dict):
        return sorted(set(problems))
    aware = facts.get("aware_at")
    if isinstance(aware, str):
        moment = _parse_time(aware)
        if moment is None:
            problems.append(Problem("aware_at", "is not an ISO 8601 date and time"))
        elif moment.tzinfo is None:
            problems.append(Problem("aware_at", "needs a UTC offset, e.g. +00:00 or Z"))
        elif facts.get("regime") in ("uk-gdpr", "pecr"):
            try:
                rules.rule_set_for(facts["regime"], moment)
            except rules.UnknownRuleSet:
                problems.append(Problem("aware_at", (
                    f"is before any {facts['regime']} rule set was in force"
                )))
    problems.extend(_contradictions(facts))
    return sorted(set(problems))


@dataclass(frozen=True)
class Facts:
    """Validated facts, with ``None`` wherever the fact is unknown."""

    regime: str
    aware_at: datetime
    breach_types: frozenset[str]
    malicious: bool | None
    data_categories: tuple[str, ...]
    data_subject_types: tuple[str, ...] | None
    people: int | None
    records: int | None
    identifiable: str | None
    encrypted: bool | None
    key_compromised: bool | None
    hashed: bool | None
    hash_strength: str | None
    pseudonymised: bool | None
    recipient: str | None
    exfiltrated: bool | None
    recovered: bool | None
    backup: bool | None
    restored_within_hours: float | None
    impact: str | None
    individual_contact: str | None
    mitigations: tuple[str, ...]

    @classmethod
    def parse(cls, facts: Any) -> Facts:
        """Validate and parse; raises :class:`FactsError` listing every problem."""
        problems = validate_facts(facts)
        if problems:
            raise FactsError(problems)
        protection = facts.get("protection", {})
        exposure = facts.get("exposure", {})
        availability = facts.get("availability", {})
        subjects = facts.get("data_subject_types")
        return cls(
            regime=facts["regime"],
            aware_at=datetime.fromisoformat(facts["aware_at"]),
            breach_types=frozenset(facts["breach_types"]),
            malicious=facts.get("malicious"),
            data_categories=tuple(facts["data_categories"]),
            data_subject_types=tuple(subjects) if subjects else None,
            people=facts.get("people"),
            records=facts.get("records"),
            identifiable=facts.get("identifiable"),
            encrypted=protection.get("encrypted"),
            key_compromised=protection.get("key_compromised"),
            hashed=protection.get("hashed"),
            hash_strength=protection.get("hash_strength"),
            pseudonymised=protection.get("pseudonymised"),
            recipient=exposure.get("recipient"),
            exfiltrated=exposure.get("exfiltrated"),
            recovered=exposure.get("recovered"),
            backup=availability.get("backup"),
            restored_within_hours=availability.get("restored_within_hours"),
            impact=availability.get("impact"),
            individual_contact=facts.get("individual_contact"),
            mitigations=tuple(facts.get("mitigations", ())),
        )

    def unknowns(self) -> list[str]:
        """Field paths of the facts that matter here and are not known."""
        conf = "confidentiality" in self.breach_types
        out = []
        checks = [
            ("malicious", self.malicious is None),
            ("data_subject_types", self.data_subject_types is None
             or "Unknown" in self.data_subject_types),
            ("data_categories", "Not yet known" in self.data_categories),
            ("people", self.people is None),
            ("records", self.records is None),
            ("identifiable", self.identifiable is None),
            ("protection.encrypted", self.encrypted is None),
            ("protection.key_compromised", self.encrypted is True and self.key_compromised is None),
            ("protection.hash_strength", self.hashed is True and self.hash_strength is None),
            ("exposure.recipient", conf and self.recipient is None),
            ("exposure.exfiltrated", self.exfiltrated is None),
            ("exposure.recovered", conf and self.recovered is None),
            ("availability.backup", self.backup is None),
            ("availability.impact", "availability" in self.breach_types and self.impact is None),
        ]
        for path, unknown in checks:
            if unknown:
                out.append(path)
        return out
