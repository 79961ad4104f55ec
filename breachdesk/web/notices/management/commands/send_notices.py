from django.core.management.base import BaseCommand

from breachdesk.web.notices import sending
from breachdesk.web.notices.models import Campaign


class Command(BaseCommand):
    help = "Send what is due in every campaign that is sending (for cron, beside the worker)."

    def handle(self, *args, **options):
        for campaign in Campaign.objects.filter(status=Campaign.Status.SENDING).select_related("breach"):
            counts = sending.run(campaign)
            self.stdout.write(f"{campaign.public_id}: {counts or 'nothing due'}")
