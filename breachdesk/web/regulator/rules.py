"""The regulator's case workflow and the legal timing rules, as data and small functions.

Pure: no database, no Django models, so each rule is tested on its own. Sources:
- DPA 2018 s.155 and Sch. 16 para 3: a penalty notice only after a notice of intent, giving
  at least 21 days for representations, and within 6 months of the notice of intent unless
  the Commissioner and the person agree a longer period (para 2(2), 4).
- DPA 2018 s.162: a person may appeal against a notice to the Tribunal; the Tribunal rules
  give 28 days. A notice's requirements may not fall due before the appeal period ends
  unless the notice says it must be complied with urgently, with reasons (s.150(7)-(8)).
- DPA 1998 s.47: failing to comply with an enforcement notice was an offence; under the
  DPA 2018 it is grounds for a penalty notice (s.155(1)(b)).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

RECEIVED, TRIAGE, AWAITING_INFORMATION, CLOSED, INVESTIGATION, OUTCOME, MONITORING, COMPLIED, NON_COMPLIANCE = (
    "received", "triage", "awaiting_information", "closed", "investigation", "outcome", "monitoring",
    "complied", "non_compliance")

STATES = {
    RECEIVED: "Received", TRIAGE: "In triage", AWAITING_INFORMATION: "Awaiting information",
    CLOSED: "Closed", INVESTIGATION: "Under investigation", OUTCOME: "Outcome issued",
    MONITORING: "Monitoring compliance", COMPLIED: "Complied", NON_COMPLIANCE: "Not complying",
}

CLOSURES = {
    "not_a_breach": "Not a personal data breach",
    "no_further_action": "No further action",
    "advice_given": "Closed with advice",
}

# (from, to) -> what the officer clicks. Every move needs a recorded reason.
TRANSITIONS = {
    (RECEIVED, TRIAGE): "Start triage",
    (TRIAGE, AWAITING_INFORMATION): "Ask the organisation for information",
    (AWAITING_INFORMATION, TRIAGE): "Information received",
    (TRIAGE, CLOSED): "Close the case",
    (AWAITING_INFORMATION, CLOSED): "Close the case",
    (TRIAGE, INVESTIGATION): "Open an investigation",
    (INVESTIGATION, CLOSED): "Close the case",
    (INVESTIGATION, OUTCOME): "Record the outcome",
    (OUTCOME, MONITORING): "Monitor compliance",
    (OUTCOME, CLOSED): "Close the case",
    (MONITORING, COMPLIED): "Mark as complied",
    (MONITORING, NON_COMPLIANCE): "Record non-compliance",
    (NON_COMPLIANCE, INVESTIGATION): "Escalate: investigate again",
    (NON_COMPLIANCE, OUTCOME): "Escalate: issue a further notice",
    (NON_COMPLIANCE, MONITORING): "Back to monitoring",
    (COMPLIED, CLOSED): "Close the case",
}

REPRIMAND, ENFORCEMENT, INTENT, PENALTY = "reprimand", "enforcement_notice", "notice_of_intent", "penalty_notice"
NOTICE_KINDS = {REPRIMAND: "Reprimand", ENFORCEMENT: "Enforcement notice", INTENT: "Notice of intent",
                PENALTY: "Penalty notice"}

DPA_1998, DPA_2018 = "dpa1998", "dpa2018"
REGIMES = {DPA_1998: "Data Protection Act 1998", DPA_2018: "Data Protection Act 2018 and UK GDPR"}

REPRESENTATIONS = timedelta(days=21)
PENALTY_WITHIN = timedelta(days=183)  # six months from the notice of intent
APPEAL_WINDOW = timedelta(days=28)


class RuleBroken(ValueError):
    """A step out of order or out of time; the message names the rule that forbids it."""


def check_transition(frm: str, to: str, reason: str) -> None:
    if (frm, to) not in TRANSITIONS:
        raise RuleBroken(f"A case cannot go from {STATES[frm].lower()} to {STATES[to].lower()}.")
    if not reason.strip():
        raise RuleBroken("Give the reason for this step; it is kept on the case.")


@dataclass(frozen=True)
class PriorNotice:
    kind: str
    issued_at: datetime


def check_notice(kind: str, *, issued_at: datetime, prior: list[PriorNotice], compliance_by: date | None,
                 urgent: bool, urgent_reason: str, extension_reason: str = "") -> None:
    """Refuse a notice the law does not allow now; say which rule."""
    if kind not in NOTICE_KINDS:
        raise RuleBroken("Choose a kind of notice.")
    if kind == PENALTY:
        intents = [p for p in prior if p.kind == INTENT]
        if not intents:
            raise RuleBroken("A penalty notice needs a notice of intent first (DPA 2018 Sch. 16 para 2).")
        intent = max(intents, key=lambda p: p.issued_at)
        if issued_at - intent.issued_at < REPRESENTATIONS:
            ends = (intent.issued_at + REPRESENTATIONS).date()
            raise RuleBroken(f"The 21 days for representations after the notice of intent run until {ends:%d %B %Y} "
                             "(DPA 2018 Sch. 16 para 3).")
        if issued_at - intent.issued_at > PENALTY_WITHIN and not extension_reason.strip():
            raise RuleBroken("A penalty notice must follow within 6 months of the notice of intent unless the period "
                             "was extended: record the reason for the extension (DPA 2018 Sch. 16 para 2(2)).")
    if kind in (ENFORCEMENT, PENALTY) and compliance_by is not None:
        appeal_ends = (issued_at + APPEAL_WINDOW).date()
        if compliance_by < appeal_ends and not (urgent and urgent_reason.strip()):
            raise RuleBroken(f"Compliance cannot be due before the 28-day appeal window ends on "
                             f"{appeal_ends:%d %B %Y}, unless the notice is marked urgent with reasons "
                             "(DPA 2018 s.150(7)-(8)).")


def appeal_ends(issued_at: datetime) -> date:
    return (issued_at + APPEAL_WINDOW).date()


def non_compliance_consequence(regime: str) -> str:
    if regime == DPA_1998:
        return "Failing to comply with an enforcement notice is a criminal offence (DPA 1998 s.47)."
    return "Failing to comply is grounds for a penalty notice (DPA 2018 s.155(1)(b))."


# --- monitoring: requirements, progress reports, escalation -------------------------------
# Policy, not law: how long before a due date each side is reminded, and how an overdue
# progress report or a missed requirement climbs (officer, then manager, then the case moves
# to non-compliance). Tests freeze time against these numbers.

NOT_STARTED, IN_PROGRESS, DONE = "not_started", "in_progress", "done"
REQUIREMENT_STATUSES = {NOT_STARTED: "Not started", IN_PROGRESS: "In progress", DONE: "Done"}

REMIND_BEFORE_DAYS = (30, 7)
ESCALATION = (  # (days overdue, step)
    (1, "officer"),
    (14, "manager"),
    (28, "non_compliance"),
)
MAX_REQUIREMENTS = 200
MAX_PROGRESS_REPORTS = 20
NOTICES_WITH_REQUIREMENTS = (REPRIMAND, ENFORCEMENT)
# Art. 34(4) may be required while the case is open and not yet closed or received.
TELL_PEOPLE_STATES = (TRIAGE, AWAITING_INFORMATION, INVESTIGATION, OUTCOME, MONITORING, NON_COMPLIANCE)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    import calendar

    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def schedule(first_due: date, every_months: int, count: int) -> list[date]:
    """Due dates of ``count`` progress reports, the first on ``first_due``, then every ``every_months``."""
    if not 1 <= count <= MAX_PROGRESS_REPORTS:
        raise RuleBroken(f"Ask for between 1 and {MAX_PROGRESS_REPORTS} progress reports.")
    if not 1 <= every_months <= 60:
        raise RuleBroken("Progress reports are due every 1 to 60 months.")
    return [add_months(first_due, every_months * i) for i in range(count)]


def check_requirements(kind: str, steps: list[str]) -> None:
    if steps and kind not in NOTICES_WITH_REQUIREMENTS:
        raise RuleBroken("Required steps and progress reports belong to a reprimand or an enforcement notice.")
    if len(steps) > MAX_REQUIREMENTS:
        raise RuleBroken(f"A notice holds at most {MAX_REQUIREMENTS} required steps.")


def check_first_report(issued_at: datetime, first_due: date, urgent: bool) -> None:
    """A progress report is a requirement of the notice: not due inside the appeal window (s.150(7))."""
    if first_due < appeal_ends(issued_at) and not urgent:
        raise RuleBroken(f"The first progress report cannot be due before the 28-day appeal window ends on "
                         f"{appeal_ends(issued_at):%d %B %Y}, unless the notice is urgent (DPA 2018 s.150(7)-(8)).")


def due_state(due: date, today: date, done: bool = False) -> str:
    """'done', 'overdue', 'due_soon' (within the first reminder), or 'upcoming'."""
    if done:
        return "done"
    if today > due:
        return "overdue"
    if (due - today).days <= REMIND_BEFORE_DAYS[0]:
        return "due_soon"
    return "upcoming"


def escalation_step(due: date, today: date) -> str | None:
    """The highest escalation step reached by something due on ``due`` and not done."""
    late = (today - due).days
    reached = None
    for days, step in ESCALATION:
        if late >= days:
            reached = step
    return reached


def reminder_due(due: date, today: date) -> int | None:
    """The reminder (days before) to send today, if any: the nearest one already reached."""
    left = (due - today).days
    if left < 0:
        return None
    reached = [d for d in REMIND_BEFORE_DAYS if left <= d]
    return min(reached) if reached else None


def check_tell_people(status: str, due_by: date, today: date, reason: str) -> None:
    if status not in TELL_PEOPLE_STATES:
        raise RuleBroken("The people can be required to be told only while the case is open.")
    if due_by <= today:
        raise RuleBroken("Give a due date after today.")
    if not reason.strip():
        raise RuleBroken("Say why the people must be told: the high risk to them (UK GDPR Art. 34(4)).")


# --- the regulator's published outcome categories ("Decision Taken") -----------------------

def decision_taken(status: str, closure: str, notice_kinds: set[str]) -> str:
    """The ICO's "Decision Taken" for a case: a formal notice (other than a notice of intent)
    is regulatory action; advice is informal action; an open investigation is pursued."""
    if notice_kinds - {INTENT}:
        return "Regulatory action taken"
    if status == CLOSED:
        return "Informal Action Taken" if closure == "advice_given" else "No Further Action"
    if status in (INVESTIGATION, OUTCOME, MONITORING, COMPLIED, NON_COMPLIANCE):
        return "Investigation Pursued"
    return "Not Yet Assigned"
