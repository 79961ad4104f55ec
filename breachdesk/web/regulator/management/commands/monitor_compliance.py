"""Daily: reminders before progress reports, required steps and Art. 34(4) deadlines fall due;
escalation of what is overdue (officer, then manager, then non-compliance); reminders to the
owners of remediation actions. Safe to run more than once a day: nothing is sent twice."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from breachdesk.web.regulator import monitoring
from breachdesk.web.remediation import services as remediation


class Command(BaseCommand):
    help = "Send compliance reminders and escalations, and remind owners of remediation actions (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Run as if today were this date (YYYY-MM-DD), e.g. to catch up.")

    def handle(self, *args, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError("--today must be a date such as 2026-11-20") from None
        counts = monitoring.run(day)
        actions = remediation.remind(day)
        self.stdout.write(f"{counts['reminders']} reminders, {counts['escalations']} escalations, "
                          f"{counts['non_compliance']} cases moved to non-compliance, {actions} action reminders")
