from django.core.management.base import BaseCommand, CommandError

from breachdesk.web.audit.log import verify_chain


class Command(BaseCommand):
    help = "Check that the audit log's hash chain is unbroken (exit status 1 if not)."

    def handle(self, *args, **options):
        checked, broken = verify_chain()
        if broken is not None:
            raise CommandError(
                f"The audit chain is broken at entry {broken}: it or an earlier entry was "
                f"altered or removed ({checked} entries before it verified)."
            )
        self.stdout.write(f"The audit chain verifies: {checked} entries.")
