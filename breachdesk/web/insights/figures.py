"""The figures behind both dashboards, the board report and the exports.

Figures that come from other parts of breachdesk (people told, heard from the media, support
answered in time) are read through ``aftercare.figures`` when that app is installed, and are
zero until it has data. Times are UK time; quarters are calendar quarters, as the regulator's.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone

from breachdesk import vocab
from breachdesk.web.breaches.states import Status
from breachdesk.web.regulator import rules

AGE_BANDS = ((30, "Under 30 days"), (90, "30 to 90 days"), (365, "90 days to a year"), (None, "Over a year"))


def quarter_of(when: datetime | date) -> str:
    if isinstance(when, datetime):
        when = timezone.localtime(when)
    return f"{when.year} Qtr {(when.month - 1) // 3 + 1}"


def last_quarters(today: date, n: int) -> list[str]:
    out, year, q = [], today.year, (today.month - 1) // 3 + 1
    for _ in range(n):
        out.append(f"{year} Qtr {q}")
        year, q = (year - 1, 4) if q == 1 else (year, q - 1)
    return out[::-1]


def _median_hours(deltas: list[timedelta]) -> float | None:
    return round(statistics.median(d.total_seconds() / 3600 for d in deltas), 1) if deltas else None


def _care(breach):
    """aftercare's per-breach figures, or None without that app."""
    try:
        from breachdesk.web.aftercare.figures import for_breach
    except ImportError:
        return None
    try:
        return for_breach(breach)
    except LookupError:
        return None


@dataclass
class OrganisationFigures:
    today: date
    open_by_status: list[tuple[str, int]] = field(default_factory=list)
    reported: int = 0
    reported_in_72h: int = 0
    median_hours_to_report: float | None = None
    median_hours_to_tell: float | None = None
    people_told: int = 0
    heard_from_media: int = 0
    support_answered: int = 0
    support_answered_in_time: int = 0
    actions_live: int = 0
    actions_overdue: int = 0
    quarters: list[str] = field(default_factory=list)
    by_quarter_and_type: dict[str, list[int]] = field(default_factory=dict)
    cases: list = field(default_factory=list)

    @property
    def pct_in_72h(self) -> int | None:
        return round(100 * self.reported_in_72h / self.reported) if self.reported else None

    @property
    def pct_answered_in_time(self) -> int | None:
        return round(100 * self.support_answered_in_time / self.support_answered) if self.support_answered else None

    def table(self) -> list[tuple[str, str, object]]:
        """(section, label, value) rows: the CSV and the spreadsheet's first sheet."""
        rows = [("Open breaches by status", label, n) for label, n in self.open_by_status]
        rows += [("Reporting", "Reported to the regulator", self.reported),
                 ("Reporting", "Reported within 72 hours", self.reported_in_72h),
                 ("Reporting", "Median hours from awareness to report", self.median_hours_to_report),
                 ("People", "Median hours from awareness to people told", self.median_hours_to_tell),
                 ("People", "People told directly", self.people_told),
                 ("People", "People who heard first from the media", self.heard_from_media),
                 ("Support", "Support requests answered", self.support_answered),
                 ("Support", "Answered in time", self.support_answered_in_time),
                 ("Actions", "Actions not done", self.actions_live),
                 ("Actions", "Actions overdue", self.actions_overdue)]
        for kind, counts in self.by_quarter_and_type.items():
            rows += [("Breaches by quarter: " + kind, q, n) for q, n in zip(self.quarters, counts, strict=True)]
        return [(s, label, "" if v is None else v) for s, label, v in rows]


def organisation(org, today: date | None = None, quarters: int = 8) -> OrganisationFigures:
    from breachdesk.web.breaches.models import Breach
    from breachdesk.web.regulator.models import Case
    from breachdesk.web.remediation.models import Action

    today = today or timezone.localdate()
    out = OrganisationFigures(today=today, quarters=last_quarters(today, quarters))
    breaches = Breach.objects.filter(organisation=org)
    labels = dict(Status.choices)
    counts = Counter(breaches.exclude(status=Status.CLOSED).values_list("status", flat=True))
    out.open_by_status = [(labels[s], counts[s]) for s in Status.values if s != Status.CLOSED and counts[s]]

    register = list(breaches.in_register().filter(aware_at__isnull=False))
    reported = [b for b in register if b.regulator_reported_at]
    out.reported = len(reported)
    window = timedelta(hours=72)
    out.reported_in_72h = sum(1 for b in reported if b.regulator_reported_at - b.aware_at <= window)
    out.median_hours_to_report = _median_hours([b.regulator_reported_at - b.aware_at for b in reported])

    tell = []
    for breach in register:
        care = _care(breach)
        if care is None:
            continue
        out.people_told += care.told
        out.heard_from_media += care.heard_from_media
        out.support_answered += care.answered
        out.support_answered_in_time += care.answered_in_time
        if care.first_told_after_awareness is not None:
            tell.append(care.first_told_after_awareness)
    out.median_hours_to_tell = _median_hours(tell)

    actions = Action.objects.filter(organisation=org)
    out.actions_live = actions.live().count()
    out.actions_overdue = actions.overdue(today).count()

    index = {q: i for i, q in enumerate(out.quarters)}
    by_type: dict[str, list[int]] = {}
    for breach in register:
        q = quarter_of(breach.aware_at)
        if q in index:
            label = breach.incident_type_label or "Not known yet"
            by_type.setdefault(label, [0] * len(out.quarters))[index[q]] += 1
    out.by_quarter_and_type = dict(sorted(by_type.items(), key=lambda kv: -sum(kv[1])))
    out.cases = list(Case.objects.filter(organisation=org).select_related("regulator", "breach")[:50])
    return out


# --- the regulator ---------------------------------------------------------------------------

@dataclass
class RegulatorFigures:
    today: date
    quarters: list[str]
    records: list
    by_quarter: dict[str, list[int]] = field(default_factory=dict)
    breakdowns: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    by_state: list[tuple[str, int]] = field(default_factory=list)
    by_age: list[tuple[str, int]] = field(default_factory=list)
    monitoring: list[dict] = field(default_factory=list)


def _count(values) -> list[tuple[str, int]]:
    return Counter(values).most_common()


def regulator(reg, today: date | None = None, quarters: int = 4) -> RegulatorFigures:
    from breachdesk.web.insights import trends
    from breachdesk.web.regulator.models import Case, ProgressReport, RegulatoryNotice

    today = today or timezone.localdate()
    periods = last_quarters(today, quarters)
    records = [r for r in trends.cases(reg) if r.period in periods]
    out = RegulatorFigures(today=today, quarters=periods, records=records)
    index = {q: i for i, q in enumerate(periods)}
    for r in records:
        out.by_quarter.setdefault(r.incident_category, [0] * len(periods))[index[r.period]] += 1
    out.breakdowns = {
        "Sector": _count(r.sector for r in records),
        "Incident type": _count(r.incident_type for r in records),
        "Cyber or non-cyber": _count(r.incident_category for r in records),
        "People affected": sorted(_count(r.people_band for r in records),
                                  key=lambda kv: [b for _, b in vocab.PEOPLE_BANDS].index(kv[0])
                                  if kv[0] in [b for _, b in vocab.PEOPLE_BANDS] else 99),
        "Time taken to report": sorted(_count(r.time_band for r in records),
                                       key=lambda kv: [b for _, b in vocab.TIME_TO_REPORT_BANDS].index(kv[0])
                                       if kv[0] in [b for _, b in vocab.TIME_TO_REPORT_BANDS] else 99),
        "Outcome": _count(r.decision for r in records),
    }
    cases = Case.objects.filter(regulator=reg)
    states = Counter(cases.values_list("status", flat=True))
    out.by_state = [(label, states[s]) for s, label in rules.STATES.items() if states[s]]
    ages = Counter()
    now = timezone.now()
    for received in cases.exclude(status=rules.CLOSED).values_list("received_at", flat=True):
        days = (now - received).days
        ages[next(label for limit, label in AGE_BANDS if limit is None or days < limit)] += 1
    out.by_age = [(label, ages[label]) for _, label in AGE_BANDS if ages[label]]
    notices = (RegulatoryNotice.objects.filter(case__regulator=reg, kind__in=rules.NOTICES_WITH_REQUIREMENTS,
                                               case__status__in=(rules.OUTCOME, rules.MONITORING,
                                                                 rules.NON_COMPLIANCE))
               .select_related("case__organisation"))
    for notice in notices:
        reqs = list(notice.requirements.values_list("status", flat=True))
        reports = list(notice.progress_reports.all())
        open_reports = [p for p in reports if p.is_open]
        out.monitoring.append({
            "notice": notice, "case": notice.case, "requirements": len(reqs),
            "done": sum(1 for s in reqs if s == rules.DONE),
            "reports": len(reports), "accepted": sum(1 for p in reports if p.status == ProgressReport.Status.ACCEPTED),
            "overdue": sum(1 for p in open_reports if p.due_on < today),
            "next_due": min((p.due_on for p in open_reports), default=None)})
    return out
