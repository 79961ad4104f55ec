from django.core.management.base import BaseCommand
from django.db import transaction

from breachdesk.web.people import crypto
from breachdesk.web.people.models import AffectedPerson


class Command(BaseCommand):
    help = "Re-encrypt every affected person's contact details under the newest key in BREACHDESK_FIELD_KEYS."

    def handle(self, *args, **options):
        done = 0
        ids = list(AffectedPerson.objects.values_list("id", flat=True))
        for start in range(0, len(ids), 2000):
            with transaction.atomic():
                batch = list(AffectedPerson.objects.filter(id__in=ids[start:start + 2000]).only("id", "contact"))
                for person in batch:
                    person.contact = crypto.rotate(person.contact)
                AffectedPerson.objects.bulk_update(batch, ["contact"])
                done += len(batch)
        self.stdout.write(f"Re-encrypted {done} contact records under the newest key.")
