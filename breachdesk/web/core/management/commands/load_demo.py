"""Demo data: a fictional borough council, its people in every role, a dozen breaches in
every state (one near its deadline, one overdue), a housing association as the outsider,
and a regulator. Every person is made up (Faker en_GB); run it again and nothing changes."""

import base64
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker

from breachdesk.web.accounts.models import Organisation, User
from breachdesk.web.accounts.roles import Role
from breachdesk.web.aftercare import demo as aftercare_demo
from breachdesk.web.breaches import services
from breachdesk.web.breaches.models import Breach, Event
from breachdesk.web.breaches.states import Status
from breachdesk.web.regulator import demo as regulator_demo

PASSWORD = "demo-password-2026"
COUNCIL = "Northmere Borough Council"

# (title, incident type key, hours since awareness or None, final status, extra)
BREACHES = [
    ("Rent arrears spreadsheet emailed to the wrong housing association",
     "non-cyber:data-emailed-to-incorrect-recipient", 150, Status.CONTAINED,
     {"reported_after": 30, "people": 43, "records": 43, "cats": ["Basic personal identifiers", "Economic and financial data"],
      "subjects": ["Customers or prospective customers"], "c": True}),
    ("Social care case files left on a train", "non-cyber:loss-theft-of-paperwork-or-data-left-in-insecure-location",
     400, Status.CONTAINED, {"reported_after": 50, "people": 6, "records": 6,
      "cats": ["Basic personal identifiers", "Health data"], "subjects": ["Children", "Vulnerable adults"], "c": True}),
    ("Unencrypted laptop stolen from an officer's car", "non-cyber:loss-theft-of-device-containing-personal-data",
     66, Status.OPEN, {"people": 1200, "records": 3400, "cats": ["Basic personal identifiers", "Official documents"],
      "subjects": ["Customers or prospective customers"], "c": True}),
    ("Revenues officer's mailbox taken over after a phishing email", "cyber:phishing", 80, Status.OPEN,
     {"people": 5100, "records": 9000, "cats": ["Basic personal identifiers", "Economic and financial data"],
      "subjects": ["Customers or prospective customers", "Employees"], "c": True, "cyber": True}),
    ("Safe address not redacted in a court bundle sent to an ex-partner", "non-cyber:failure-to-redact",
     200, Status.OPEN, {"reported_after": 20, "people": 3, "records": 1,
      "cats": ["Basic personal identifiers", "Location data"], "subjects": ["Vulnerable adults", "Children"], "c": True}),
    ("Foster carers emailed without using bcc", "non-cyber:failure-to-use-bcc", 900, Status.CLOSED,
     {"not_reported": "Email addresses only, shared with other approved foster carers who were asked to delete the email and confirmed they had. No likely risk to people's rights.",
      "people": 58, "records": 58, "cats": ["Basic personal identifiers"], "subjects": ["Other"], "c": True}),
    ("Council tax letter posted to a previous address", "non-cyber:data-posted-or-faxed-to-incorrect-recipient",
     700, Status.CLOSED, {"not_reported": "One letter showing a name and council tax balance, returned unopened by the new occupier. No likely risk.",
      "people": 1, "records": 1, "cats": ["Basic personal identifiers", "Economic and financial data"],
      "subjects": ["Customers or prospective customers"], "c": True}),
    ("Ransomware on the school admissions server", "cyber:ransomware", 300, Status.CONTAINED,
     {"reported_after": 60, "people": 2300, "records": 2300, "cats": ["Basic personal identifiers", "Health data"],
      "subjects": ["Children"], "c": True, "a": True, "cyber": True}),
    ("Resident's details read out at the customer service counter", "non-cyber:verbal-disclosure-of-personal-data",
     None, Status.REPORTED, {}),
    ("Another resident's benefit claim shown in the online account", "non-cyber:data-of-wrong-data-subject-shown-in-client-portal",
     None, Status.TRIAGE, {}),
    ("Bin bag of forms found behind the depot", "non-cyber:incorrect-disposal-of-paperwork", None, Status.CLOSED,
     {"not_a_breach": "The forms were blank templates with no personal data on them."}),
    ("HR shared folder open to all staff", "cyber:hardware-software-misconfiguration", 20, Status.OPEN,
     {"people": 310, "records": 310, "cats": ["Basic personal identifiers", "Health data", "Economic and financial data"],
      "subjects": ["Employees"], "c": True, "cyber": True}),
]


class Command(BaseCommand):
    help = "Load the demo organisations, people and breaches (safe to run twice)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true")

    @transaction.atomic
    def handle(self, *args, quiet=False, **options):
        if Organisation.objects.filter(name=COUNCIL).exists():
            if not quiet:
                self.stdout.write("The demo data is already loaded.")
                self._print_sign_ins()
            return
        fake = Faker("en_GB")
        Faker.seed(2026)
        regulator = Organisation.objects.create(
            name="Information Commissioner (demo)", kind=Organisation.Kind.REGULATOR,
            sector="Regulators", reference_prefix="REG")
        council = Organisation.objects.create(
            name=COUNCIL, sector="Local government", reference_prefix="NBC", regulator=regulator,
            alert_email="dataprotection@northmere.example")
        outsider = Organisation.objects.create(
            name="Eastwick Housing Association", sector="Land or property services",
            reference_prefix="EHA", regulator=regulator)

        people = {}
        for role, org, email in [
            (Role.DPO, council, "dpo@northmere.example"),
            (Role.HANDLER, council, "handler@northmere.example"),
            (Role.REPORTER, council, "staff@northmere.example"),
            (Role.EXECUTIVE, council, "chief.executive@northmere.example"),
            (Role.AUDITOR, council, "auditor@northmere.example"),
            (Role.DPO, outsider, "dpo@eastwick.example"),
            (Role.OFFICER, regulator, "officer@regulator.example"),
            (Role.MANAGER, regulator, "manager@regulator.example"),
        ]:
            user = User.objects.create_user(email, PASSWORD, first_name=fake.first_name(),
                                            last_name=fake.last_name(), organisation=org, role=role)
            if user.needs_two_factor:
                TOTPDevice.objects.create(user=user, name="Demo authenticator", confirmed=True)
            people[email] = user

        self._breaches(council, people["staff@northmere.example"], people["dpo@northmere.example"],
                       people["handler@northmere.example"])
        services.report_incident(people["dpo@eastwick.example"], title="Tenancy file sent to the wrong tenant",
                                 what_happened="A tenancy file was posted to the wrong flat.",
                                 noticed_at=timezone.now() - timedelta(hours=3))
        aftercare_demo.load(None if quiet else self.stdout)
        regulator_demo.load(regulator, council, people)
        if not quiet:
            self._print_sign_ins()

    def _breaches(self, council, reporter, dpo, handler):
        now = timezone.now()
        for title, kind, hours, final, extra in BREACHES:
            aware = now - timedelta(hours=hours) if hours is not None else None
            noticed = (aware or now) - timedelta(hours=2)
            breach = services.report_incident(
                reporter, title=title, noticed_at=noticed,
                what_happened=f"{title}. Reported by a member of staff; details are being confirmed.",
                data_involved_initial="Not sure yet.")
            if final == Status.REPORTED:
                continue
            services.transition(breach, handler, Status.TRIAGE)
            if final == Status.TRIAGE:
                continue
            if "not_a_breach" in extra:
                services.transition(breach, handler, Status.CLOSED, extra["not_a_breach"])
                continue
            services.confirm_breach(breach, handler, {
                "aware_at": aware, "incident_type": kind, "is_cyber": extra.get("cyber", False),
                "occurred_at": aware - timedelta(hours=12), "discovered_at": aware - timedelta(hours=1),
                "confidentiality": extra.get("c", False), "availability": extra.get("a", False),
                "data_categories": extra.get("cats", []), "data_subject_types": extra.get("subjects", []),
                "people_estimate": extra.get("people"), "records_estimate": extra.get("records"),
                "measures_taken": "Contained the data and started an investigation.",
            })
            if "reported_after" in extra:
                services.record_decision(breach, dpo, Event.Decision.REPORTED,
                                         "Likely risk to people's rights and freedoms.",
                                         reported_at=aware + timedelta(hours=extra["reported_after"]),
                                         regulator_reference=f"DEMO-{breach.reference[-4:]}")
            if "not_reported" in extra:
                services.record_decision(breach, dpo, Event.Decision.NOT_REPORTING, extra["not_reported"])
            if final in (Status.CONTAINED, Status.CLOSED):
                services.transition(breach, handler, Status.CONTAINED)
            if final == Status.CLOSED:
                services.transition(breach, dpo, Status.CLOSED, "Actions complete; lessons shared with the team.")
        # A late report needs its reasons: the 60-hour ransomware report was in time, so none here.
        assert Breach.objects.filter(organisation=council).count() == len(BREACHES)

    def _print_sign_ins(self):
        self.stdout.write(f"\nDemo sign-ins (password for all: {PASSWORD})")
        for user in User.objects.filter(email__endswith=".example").select_related("organisation").order_by("organisation__name", "role"):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            key = base64.b32encode(device.bin_key).decode().rstrip("=") if device else "no second factor"
            self.stdout.write(f"  {user.email:38} {user.get_role_display():26} authenticator key: {key}")
        self.stdout.write("Add a key to an authenticator app, or print the current code with:\n"
                          "  breachdesk manage demo_code dpo@northmere.example\n")
