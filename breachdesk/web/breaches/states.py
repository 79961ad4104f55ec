"""The breach's state machine: which status may follow which, and who may move it.

An incident is reported, triaged, then either confirmed as a personal data breach (open)
or closed as not one; a breach is contained and closed, and can be reopened.
"""

from django.db import models


class Status(models.TextChoices):
    REPORTED = "reported", "Reported"
    TRIAGE = "triage", "In triage"
    OPEN = "open", "Open"
    CONTAINED = "contained", "Contained"
    CLOSED = "closed", "Closed"
    REOPENED = "reopened", "Reopened"


class Closure(models.TextChoices):
    NOT_A_BREACH = "not_a_breach", "Not a personal data breach"
    RESOLVED = "resolved", "Resolved"


# (from, to) -> the verb a person clicks, and whether a written reason is required.
TRANSITIONS: dict[tuple[str, str], tuple[str, bool]] = {
    (Status.REPORTED, Status.TRIAGE): ("Start triage", False),
    (Status.REPORTED, Status.CLOSED): ("Close: not a personal data breach", True),
    (Status.TRIAGE, Status.OPEN): ("Confirm as a personal data breach", False),
    (Status.TRIAGE, Status.CLOSED): ("Close: not a personal data breach", True),
    (Status.OPEN, Status.CONTAINED): ("Mark as contained", False),
    (Status.OPEN, Status.CLOSED): ("Close the breach", True),
    (Status.CONTAINED, Status.CLOSED): ("Close the breach", True),
    (Status.CONTAINED, Status.OPEN): ("No longer contained", True),
    (Status.CLOSED, Status.REOPENED): ("Reopen", True),
    (Status.REOPENED, Status.CONTAINED): ("Mark as contained", False),
    (Status.REOPENED, Status.CLOSED): ("Close the breach", True),
}

# Statuses in which the record is a confirmed personal data breach (in the Art. 33(5) register).
BREACH_STATUSES = frozenset({Status.OPEN, Status.CONTAINED, Status.REOPENED})
INCIDENT_STATUSES = frozenset({Status.REPORTED, Status.TRIAGE})


class TransitionError(Exception):
    """A status change the state machine does not allow."""


def allowed_from(status: str) -> list[tuple[str, str, bool]]:
    return [(to, verb, needs) for (frm, to), (verb, needs) in TRANSITIONS.items() if frm == status]


def check(frm: str, to: str, reason: str) -> None:
    rule = TRANSITIONS.get((frm, to))
    if rule is None:
        raise TransitionError(f"A case cannot go from {Status(frm).label} to {Status(to).label}.")
    if rule[1] and not reason.strip():
        raise TransitionError("Give a reason for this change.")
