import copy

BASE = {
    "regime": "uk-gdpr",
    "aware_at": "2026-11-20T09:30:00+00:00",
    "breach_types": ["confidentiality"],
    "malicious": False,
    "data_categories": ["Basic personal identifiers"],
    "data_subject_types": ["Customers or prospective customers"],
    "people": 10,
    "records": 10,
    "identifiable": "directly",
    "protection": {"encrypted": False, "hashed": False, "pseudonymised": False},
    "exposure": {"recipient": "known", "exfiltrated": False, "recovered": False},
    "availability": {"backup": True},
}


def build(**changes):
    """BASE with changes; nested objects by 'exposure__recipient'; None values stay null,
    the marker DROP removes the key."""
    facts = copy.deepcopy(BASE)
    for key, value in changes.items():
        target, _, leaf = key.rpartition("__")
        where = facts[target] if target else facts
        if value is DROP:
            where.pop(leaf, None)
        else:
            where[leaf] = value
    return facts


DROP = object()


