"""Facts and answers shared by the report tests."""

FACTS = {  # the pupil list emailed to the wrong school, as the assessment form sends it
    "regime": "uk-gdpr", "breach_types": ["confidentiality"], "malicious": False,
    "data_categories": ["Basic personal identifiers", "Health data"], "data_subject_types": ["Children"],
    "people": 30, "records": 30, "identifiable": "directly",
    "protection": {"encrypted": False, "key_compromised": None, "hashed": None, "pseudonymised": None},
    "exposure": {"recipient": "known", "exfiltrated": None, "recovered": False},
    "availability": {"backup": None, "restored_within_hours": None, "impact": None},
    "mitigations": [],
}

COMPLETE = {  # what a person adds to the draft to complete it
    "how_found": "The school that received it phoned us.",
    "occurred_at": None, "discovered_at": None,  # filled in by the fixture (relative to now)
    "data_subject_types": ["Children"],
    "likely_consequences": "Distress; the list shows which pupils receive free school meals.",
    "measures_taken": "The school deleted the email and confirmed it in writing.",
    "other_organisations_told": "None",
    "human_error": "yes", "staff_trained": "yes",
    "contact_phone": "020 7946 0000",
}
