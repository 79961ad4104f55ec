"""Filtering and sorting the register. The clock depends on each case's rule, so the
deadline filters run in Python over one organisation's cases (hundreds to thousands)."""

from django.db.models import Q
from django.utils import timezone

from breachdesk import vocab


def filtered(queryset, data: dict):
    if q := data.get("q"):
        queryset = queryset.filter(Q(reference__icontains=q) | Q(title__icontains=q))
    if status := data.get("status"):
        queryset = queryset.filter(status=status)
    if kind := data.get("incident_type"):
        queryset = queryset.filter(incident_type=kind)
    if regime := data.get("regime"):
        queryset = queryset.filter(regime=regime)
    if category := data.get("category"):
        # JSON lists are stored as text on both databases; a quoted label matches one item.
        queryset = queryset.filter(data_categories__icontains=f'"{category}"')
    rows = list(queryset)
    now = timezone.now()
    if month := data.get("month"):
        # a month as people in the UK count it, not a UTC month
        rows = [b for b in rows if b.aware_at and timezone.localtime(b.aware_at).strftime("%Y-%m") == month]
    if clock := data.get("clock"):
        rows = [b for b in rows if (c := b.clock(now)) is not None and c.urgency == clock]
    if band := data.get("people"):
        rows = [b for b in rows if vocab.people_band(b.people_scoped or b.people_estimate) == band]
    return sort(rows, data.get("sort") or "-created", now)


def sort(rows, key: str, now):
    far = now.replace(year=now.year + 100)
    if key == "deadline":
        return sorted(rows, key=lambda b: (b.regulator_reported_at is not None, b.deadline or far))
    if key == "-people":
        return sorted(rows, key=lambda b: -(b.people_scoped or b.people_estimate or 0))
    if key == "reference":
        return sorted(rows, key=lambda b: b.reference)
    return sorted(rows, key=lambda b: b.created_at, reverse=True)
