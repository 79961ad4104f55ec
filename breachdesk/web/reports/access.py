"""The one way views find a report: through the breach, so outsiders get 404."""

from django.http import Http404

from breachdesk.web.breaches.access import breach_for
from breachdesk.web.reports.models import RegulatorReport


def report_for(user, public_id: str, report_id: str, need: str | None = None) -> RegulatorReport:
    """The report if ``user`` may see its breach (404 otherwise); 403 if they may see but not ``need``."""
    breach = breach_for(user, public_id, need)
    report = (RegulatorReport.objects.select_related("assessment", "previous", "regulator", "submitted_by")
              .filter(breach=breach, public_id=report_id).first())
    if report is None:
        raise Http404
    report.breach = breach
    return report
