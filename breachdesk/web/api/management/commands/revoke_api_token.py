from django.core.management.base import BaseCommand, CommandError

from breachdesk.web.api.models import ApiToken


class Command(BaseCommand):
    help = "Revoke an API token by its id (shown when it was created) or its bd_… prefix."

    def add_arguments(self, parser):
        parser.add_argument("token_id", help="The token's id, or the part after bd_ up to the next _.")

    def handle(self, *args, token_id, **options):
        key = token_id.strip().removeprefix("bd_").split("_")[0]
        token = ApiToken.objects.filter(public_id=key).first() or \
            ApiToken.objects.filter(prefix=key).first()
        if token is None:
            raise CommandError("No API token has that id.")
        if token.is_revoked:
            self.stderr.write("That token was already revoked.")
            return
        token.revoke()
        self.stdout.write(f"Revoked token {token.public_id}.")
