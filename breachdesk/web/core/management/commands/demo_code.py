from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Print the current sign-in code of a demo user (development only)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, email, **options):
        if settings.PRODUCTION:
            raise CommandError("demo_code is for development and demos only.")
        if not email.endswith(".example"):
            raise CommandError("demo_code only works for the demo accounts (…​.example).")
        device = TOTPDevice.objects.filter(user__email=email.lower(), confirmed=True).first()
        if device is None:
            raise CommandError("That demo account has no authenticator.")
        self.stdout.write(f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}")
