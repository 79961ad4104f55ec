from django.core.management.base import BaseCommand, CommandError

from breachdesk.web.accounts.models import User
from breachdesk.web.api.models import ApiToken


class Command(BaseCommand):
    help = (
        "Create an API token that acts as the user with EMAIL (with their role, in their "
        "organisation). The token is printed once and cannot be shown again."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The user the token acts as.")
        parser.add_argument("name", help="What the token is for, e.g. 'SIEM integration'.")

    def handle(self, *args, email, name, **options):
        user = User.objects.filter(email=email.strip().lower()).select_related("organisation").first()
        if user is None:
            raise CommandError("No user has that email address.")
        if not user.is_active:
            raise CommandError("That user is deactivated; a token for them would not work.")
        if user.organisation_id is None:
            raise CommandError("That user belongs to no organisation.")
        if not name.strip():
            raise CommandError("Give the token a name that says what it is for.")
        token, plain = ApiToken.issue(user, name.strip()[:100])
        self.stderr.write(
            f"Created token {token.public_id} for {user.organisation} (acting as a "
            f"{user.get_role_display().lower()}). Copy it now: it will not be shown again."
        )
        self.stdout.write(plain)
