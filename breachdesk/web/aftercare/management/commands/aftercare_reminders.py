from django.core.management.base import BaseCommand

from breachdesk.web.aftercare import reminders


class Command(BaseCommand):
    help = ("Email the owners of support requests and complaints that are due within 5 days or overdue "
            "(unowned ones go to the DPOs). Run once a day; each request is included at most once a day.")

    def handle(self, *args, **options):
        counts = reminders.send()
        self.stdout.write(f"{counts['emails']} reminder emails about {counts['requests']} requests")
