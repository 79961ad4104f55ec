"""When the regulator must hear of a breach: deadline rules as dated, versioned data.

A rule is chosen by legal regime and by the date the organisation became aware, so a case
keeps the rule it was decided under when the law changes: a change is a new version with a
later ``in_force_from``, never an edit of an old one.

Sources:
- UK GDPR Art. 33(1): report "without undue delay and, where feasible, not later than
  72 hours after having become aware of it"; a late report must give reasons for the delay.
- PECR reg. 5A and Commission Regulation (EU) No 611/2013 Art. 2(2), retained in UK law:
  a provider of a public electronic communications service notifies the regulator within
  24 hours of detection where feasible, and keeps a log of breaches (reg. 5A(7)); the ICO
  asks for the log monthly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

UK_GDPR = "uk-gdpr"
PECR = "pecr"
REGIMES: tuple[str, ...] = (UK_GDPR, PECR)


@dataclass(frozen=True)
class DeadlineRule:
    regime: str
    version: str
    in_force_from: date
    report_within: timedelta
    summary: str
    log_every: str | None = None

    def deadline(self, aware_at: datetime) -> datetime:
        """The report deadline, in UTC.

        Python adds a timedelta to a zone-aware datetime as *wall-clock* time, which is an
        hour out across a clock change; the law counts elapsed hours, so add in UTC.
        """
        if aware_at.tzinfo is None:
            raise ValueError("aware_at must be timezone-aware")
        return aware_at.astimezone(UTC) + self.report_within


RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        regime=UK_GDPR,
        version="uk-gdpr/2018-05-25",
        in_force_from=date(2018, 5, 25),
        report_within=timedelta(hours=72),
        summary="Report within 72 hours of becoming aware (UK GDPR Art. 33(1)).",
    ),
    DeadlineRule(
        regime=PECR,
        version="pecr/2013-08-25",
        in_force_from=date(2013, 8, 25),
        report_within=timedelta(hours=24),
        summary=(
            "Report within 24 hours of detection where feasible (PECR reg. 5A with "
            "Regulation 611/2013); keep a breach log and send it monthly."
        ),
        log_every="month",
    ),
)


class UnknownRegime(ValueError):
    """The regime is not one we have rules for."""


def rule_for(regime: str, aware_at: datetime) -> DeadlineRule:
    """The rule in force for ``regime`` on the day of awareness."""
    if regime not in REGIMES:
        raise UnknownRegime(f"unknown regime {regime!r}; expected one of {', '.join(REGIMES)}")
    candidates = [
        r for r in RULES if r.regime == regime and r.in_force_from <= aware_at.date()
    ]
    if not candidates:
        raise UnknownRegime(f"no {regime} deadline rule was in force on {aware_at.date()}")
    return max(candidates, key=lambda r: r.in_force_from)


def rule_by_version(version: str) -> DeadlineRule:
    """The rule a stored case was decided under, so it replays as it was."""
    for rule in RULES:
        if rule.version == version:
            return rule
    raise UnknownRegime(f"unknown deadline rule version {version!r}")


@dataclass(frozen=True)
class Clock:
    """Where a breach stands against its deadline at a moment."""

    deadline: datetime
    remaining: timedelta  # negative when overdue
    reported: bool
    not_reporting: bool = False  # a decision not to report was recorded, with its reasons

    @property
    def overdue(self) -> bool:
        return not self.reported and not self.not_reporting and self.remaining < timedelta(0)

    @property
    def urgency(self) -> str:
        """``reported``, ``not-reporting``, ``overdue``, ``due-soon`` (under 12 hours left) or
        ``running``."""
        if self.reported:
            return "reported"
        if self.not_reporting:
            return "not-reporting"
        if self.remaining < timedelta(0):
            return "overdue"
        if self.remaining < timedelta(hours=12):
            return "due-soon"
        return "running"


def clock(rule: DeadlineRule, aware_at: datetime, now: datetime, reported_at: datetime | None = None,
          *, not_reporting: bool = False) -> Clock:
    """The clock stops when the breach is reported, or when a decision not to report it is
    recorded (UK GDPR Art. 33(5) asks for the reasons to be kept, not for a report)."""
    deadline = rule.deadline(aware_at)
    until = (reported_at if reported_at is not None else now).astimezone(UTC)
    return Clock(deadline=deadline, remaining=deadline - until, reported=reported_at is not None,
                 not_reporting=not_reporting and reported_at is None)


def humanise(delta: timedelta) -> str:
    """'2 days 3 hours', '45 minutes': the clock as a person reads it (sign dropped)."""
    seconds = abs(int(delta.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if not days and (minutes or not parts):
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)
