"""A report as a JSON document (stable keys; see docs/reports.md) and as a PDF."""

from __future__ import annotations

from datetime import datetime

from django.utils.timezone import localtime

from breachdesk import vocab
from breachdesk.web.breaches.models import YesNoUnknown
from breachdesk.web.core.pdf import from_template
from breachdesk.web.reports.models import FIELDS, FORMAT, HumanError, PeopleTold, RegulatorReport


def _when(value):
    return value.isoformat() if value is not None else None


def document(report: RegulatorReport) -> dict:
    """The report as the regulator would read it. Keys never change meaning."""
    breach, organisation, assessment = report.breach, report.breach.organisation, report.assessment
    return {
        "format": FORMAT,
        "id": report.public_id,
        "number": report.number,
        "kind": report.kind,
        "status": report.status,
        "breach": {"id": breach.public_id, "reference": breach.reference},
        "organisation": {"id": organisation.public_id, "name": organisation.name, "sector": organisation.sector},
        "regulator": {"id": report.regulator.public_id, "name": report.regulator.name} if report.regulator else None,
        "regulator_reference": report.regulator_reference,
        "follows": report.previous.public_id if report.previous else None,
        "assessment": None if assessment is None else {
            "id": assessment.public_id, "number": assessment.number, "rule_set": assessment.rule_set,
            "risk": assessment.risk, "notify_regulator": assessment.notify_regulator,
            "notify_individuals": assessment.notify_individuals, "status": assessment.status,
        },
        "deadline": _when(breach.deadline),
        "submitted_at": _when(report.submitted_at),
        "submitted_by": str(report.submitted_by) if report.submitted_by else None,
        "fields": report.fields(),
        "changes": report.changes(),
    }


_CHOICES = {
    "people_told": dict(PeopleTold.choices), "human_error": dict(HumanError.choices),
    "staff_trained": dict(YesNoUnknown.choices),
    "incident_type": {k: f"{label} ({'cyber' if cat == vocab.CYBER else 'non-cyber'})"
                      for k, (label, cat) in vocab.INCIDENT_TYPE_KEYS.items()},
}
_TIMES = {"occurred_at", "discovered_at", "aware_at"}


def shown(key: str, value) -> str:
    """A snapshot value in the words people read."""
    if value is None or value == "" or value == []:
        return "Not given"
    if key in _CHOICES:
        return _CHOICES[key].get(value, value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return "\n".join(value)
    if key in _TIMES:
        when = localtime(datetime.fromisoformat(value))
        return f"{when:%-d %B %Y, %H:%M} (UK time)"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def rows(report: RegulatorReport) -> list[tuple[str, str, str]]:
    """(key, label, value in words) for each field, in the form's order, for the page and the PDF."""
    values = report.fields()
    out = [(key, label, shown(key, values.get(key))) for key, label in FIELDS.items()]
    return [r for r in out if r[0] != "what_changed" or report.is_follow_up]


def changes_shown(report: RegulatorReport) -> list[dict]:
    return [{**c, "before": shown(c["field"], c["before"]), "after": shown(c["field"], c["after"])}
            for c in report.changes()]


def pdf(report: RegulatorReport) -> bytes:
    return from_template("reports/pdf.html", {"report": report, "breach": report.breach,
                                              "rows": rows(report), "changes": changes_shown(report)})
