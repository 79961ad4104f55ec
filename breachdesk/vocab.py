"""The regulator's published vocabularies.

Labels are the ICO's own, as used in its breach report form and in its published
"data security incident trends" data, so that our exports line up with the regulator's
statistics. Code refers to them by label; the label *is* the stable key.
"""

from __future__ import annotations

DATA_CATEGORIES: tuple[str, ...] = (
    "Basic personal identifiers",
    "Identification data",
    "Economic and financial data",
    "Official documents",
    "Location data",
    "Genetic or biometric data",
    "Criminal convictions or offences",
    "Data revealing racial or ethnic origin",
    "Political opinions",
    "Religious or philosophical beliefs",
    "Trade union membership",
    "Health data",
    "Sex life data",
    "Sexual orientation data",
    "Gender Reassignment Data",
    "Not yet known",
    "Other",
)

# Art. 9 special categories and Art. 10 criminal offence data: the ones that raise risk.
SPECIAL_CATEGORIES: frozenset[str] = frozenset(
    {
        "Genetic or biometric data",
        "Data revealing racial or ethnic origin",
        "Political opinions",
        "Religious or philosophical beliefs",
        "Trade union membership",
        "Health data",
        "Sex life data",
        "Sexual orientation data",
        "Gender Reassignment Data",
    }
)
CRIMINAL_OFFENCE_CATEGORIES: frozenset[str] = frozenset({"Criminal convictions or offences"})

DATA_SUBJECT_TYPES: tuple[str, ...] = (
    "Employees",
    "Customers or prospective customers",
    "Children",
    "Vulnerable adults",
    "Patients",
    "Students",
    "Subscribers",
    "Users",
    "Other",
    "Unknown",
)

CYBER = "Cyber"
NON_CYBER = "Non Cyber"

# (label, incident category). "Unauthorised access" is listed under both categories by the
# regulator, so the pair, not the label alone, identifies an incident type.
INCIDENT_TYPES: tuple[tuple[str, str], ...] = (
    ("Brute Force", CYBER),
    ("Cryptographic flaw", CYBER),
    ("Denial of service", CYBER),
    ("Hardware/software misconfiguration", CYBER),
    ("Malware", CYBER),
    ("Phishing", CYBER),
    ("Ransomware", CYBER),
    ("Unauthorised access", CYBER),
    ("Other cyber incident", CYBER),
    ("Alteration of personal data", NON_CYBER),
    ("Data emailed to incorrect recipient", NON_CYBER),
    ("Data of wrong data subject shown in client portal", NON_CYBER),
    ("Data posted or faxed to incorrect recipient", NON_CYBER),
    ("Failure to redact", NON_CYBER),
    ("Failure to use bcc", NON_CYBER),
    ("Incorrect disposal of hardware", NON_CYBER),
    ("Incorrect disposal of paperwork", NON_CYBER),
    ("Loss/theft of device containing personal data", NON_CYBER),
    ("Loss/theft of paperwork or data left in insecure location", NON_CYBER),
    ("Unauthorised access", NON_CYBER),
    ("Verbal disclosure of personal data", NON_CYBER),
    ("Other non-cyber incident", NON_CYBER),
)


def incident_type_key(label: str, category: str) -> str:
    """A stable machine key for an incident type, e.g. ``cyber:phishing``."""
    slug = "".join(c if c.isalnum() else "-" for c in label.lower()).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    return f"{'cyber' if category == CYBER else 'non-cyber'}:{slug}"


INCIDENT_TYPE_KEYS: dict[str, tuple[str, str]] = {
    incident_type_key(label, cat): (label, cat) for label, cat in INCIDENT_TYPES
}

SECTORS: tuple[str, ...] = (
    "Central Government",
    "Charitable and voluntary",
    "Education and childcare",
    "Finance, insurance and credit",
    "General business",
    "Health",
    "Justice",
    "Land or property services",
    "Legal",
    "Local government",
    "Marketing",
    "Media",
    "Membership association",
    "Online Technology and Telecoms",
    "Political",
    "Regulators",
    "Religious",
    "Retail and manufacture",
    "Social care",
    "Transport and leisure",
    "Utilities",
    "Unknown",
)

DECISIONS_TAKEN: tuple[str, ...] = (
    "Informal Action Taken",
    "Investigation Pursued",
    "No Further Action",
    "Not Yet Assigned",
    "Regulatory action taken",
)

# (upper bound inclusive or None, label): the regulator's "No. Data Subjects Affected" bands.
PEOPLE_BANDS: tuple[tuple[int | None, str], ...] = (
    (9, "1 to 9"),
    (99, "10 to 99"),
    (999, "100 to 1k"),
    (9_999, "1k to 10k"),
    (99_999, "10k to 100k"),
    (None, "100k and above"),
)

# (upper bound in hours, exclusive, or None, label): "Time Taken to Report".
TIME_TO_REPORT_BANDS: tuple[tuple[float | None, str], ...] = (
    (24, "Less than 24 hours"),
    (72, "24 hours to 72 hours"),
    (24 * 7, "72 hours to 1 week"),
    (None, "More than 1 week"),
)


def people_band(people: int | None) -> str:
    """The regulator's size band for a count of people; "Unknown" when not known."""
    if people is None or people < 1:
        return "Unknown"
    for upper, label in PEOPLE_BANDS:
        if upper is None or people <= upper:
            return label
    raise AssertionError("unreachable: the last band is open-ended")


def time_to_report_band(hours: float) -> str:
    """The regulator's band for the hours from awareness to the report."""
    for upper, label in TIME_TO_REPORT_BANDS:
        if upper is None or hours < upper:
            return label
    raise AssertionError("unreachable: the last band is open-ended")
