"""Rules about a breach's facts that both the forms and the API enforce.

Each problem is (field, message) in plain words, so a form can show it beside the field
and the API can name the field. Messages never repeat what was typed.
"""

from datetime import timedelta

from breachdesk import vocab

# Clocks on people's devices drift; a time a few minutes "in the future" is not an error.
FUTURE_SLACK = timedelta(minutes=5)

_TIMES = {
    "noticed_at": "when it was noticed",
    "occurred_at": "when it happened",
    "discovered_at": "when it was discovered",
    "aware_at": "when the organisation became aware",
    "contained_at": "when it was contained",
}

# (earlier, later): the later may not come before the earlier.
_ORDER = [
    ("occurred_at", "discovered_at"),
    ("occurred_at", "aware_at"),
    ("discovered_at", "aware_at"),
    ("occurred_at", "contained_at"),
]


def problems(values: dict, now) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for field, words in _TIMES.items():
        when = values.get(field)
        if when is not None and when > now + FUTURE_SLACK:
            found.append((field, f"The time {words} must be in the past"))
    for earlier, later in _ORDER:
        a, b = values.get(earlier), values.get(later)
        if a is not None and b is not None and b < a:
            found.append((later, f"The time {_TIMES[later]} cannot be before the time {_TIMES[earlier]}"))

    people, records = values.get("people_estimate"), values.get("records_estimate")
    if people is not None and records is not None and people > records:
        found.append(("people_estimate", "The number of people cannot be more than the number of records"))

    kind = values.get("incident_type")
    if kind:
        pair = vocab.INCIDENT_TYPE_KEYS.get(kind)
        if pair is None:
            found.append(("incident_type", "Choose an incident type from the list"))
        elif values.get("is_cyber") is not None and values["is_cyber"] != (pair[1] == vocab.CYBER):
            found.append(("incident_type", "The incident type does not match whether this was a cyber incident"))

    categories = values.get("data_categories") or []
    unknown = [c for c in categories if c not in vocab.DATA_CATEGORIES]
    if unknown:
        found.append(("data_categories", "Choose data categories from the list"))
    elif "Not yet known" in categories and len(categories) > 1:
        found.append(("data_categories", "Choose 'Not yet known' on its own, or the categories you know"))
    subjects = values.get("data_subject_types") or []
    if any(s not in vocab.DATA_SUBJECT_TYPES for s in subjects):
        found.append(("data_subject_types", "Choose types of people from the list"))
    return found


def confirm_problems(values: dict) -> list[tuple[str, str]]:
    """What a breach needs before it is confirmed as a personal data breach."""
    found = []
    if values.get("aware_at") is None:
        found.append(("aware_at", "Enter when the organisation became aware of the breach"))
    if not values.get("incident_type"):
        found.append(("incident_type", "Choose the incident type"))
    if not (values.get("confidentiality") or values.get("integrity") or values.get("availability")):
        found.append(("breach_types", "Choose at least one of confidentiality, integrity or availability"))
    return found
