from django.conf import settings
from django.core.management.base import BaseCommand

from breachdesk.web.notices import retention


class Command(BaseCommand):
    help = ("Delete print packs and the letter PDFs in them once they are older than "
            "BREACHDESK_PRINT_FILES_DAYS (run daily, from cron).")

    def handle(self, *args, **options):
        counts = retention.purge()
        self.stdout.write(f"{counts['packs']} print packs older than {settings.PRINT_FILES_DAYS} days: "
                          f"{counts['files']} files deleted")
