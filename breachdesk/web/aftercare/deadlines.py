"""When a support request or complaint must be acknowledged and answered.

Both are dates in UK time, fixed when the request arrives and stored on it, so a later change
of policy never moves a promise already made:

- acknowledge within 30 days of receipt (complaints to a controller must be acknowledged
  within 30 days: Data (Use and Access) Act 2025, inserting Art. 164A DPA 2018);
- answer within one calendar month, counted as the ICO counts it: the same day next month,
  or the last day of next month when there is no such day (31 January -> 28/29 February).

A request is due on its date all day; it is overdue from the day after.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from django.utils import timezone

ACKNOWLEDGE_DAYS = 30
DUE_SOON_DAYS = 5  # reminders start this many days before a due date


def one_month_after(day: date) -> date:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def acknowledge_by(received_at: datetime) -> date:
    return timezone.localtime(received_at).date() + timedelta(days=ACKNOWLEDGE_DAYS)


def answer_by(received_at: datetime) -> date:
    return one_month_after(timezone.localtime(received_at).date())


def state(due: date | None, today: date) -> str:
    """``overdue``, ``due_soon`` or ``""`` for a due date (None: nothing is due)."""
    if due is None:
        return ""
    if today > due:
        return "overdue"
    if (due - today).days <= DUE_SOON_DAYS:
        return "due_soon"
    return ""
