from django.core.management.base import BaseCommand, CommandError

from breachdesk.web.notices import bounces


class Command(BaseCommand):
    help = ("Read delivery status notifications (bounces) from a Maildir folder or an mbox file and "
            "fall back to each bounced person's next channel. Safe to run again on the same mailbox.")

    def add_arguments(self, parser):
        parser.add_argument("mailbox", help="a Maildir folder or an mbox file")
        parser.add_argument("--delete", action="store_true",
                            help="remove the reports that were dealt with from the mailbox")

    def handle(self, *args, mailbox, delete, **options):
        try:
            counts = bounces.process(mailbox, delete=delete)
        except (ValueError, OSError) as exc:
            raise CommandError(f"Cannot read the mailbox: {exc}") from None
        if not counts:
            self.stdout.write("The mailbox is empty.")
        for outcome, number in sorted(counts.items()):
            self.stdout.write(f"{outcome}: {number}")
