"""The regulator's demo data (called at the end of ``load_demo``): a quarter of incoming
reports from synthetic organisations, cases in every state, a large government department's
enforcement notice with 45 recommendations and three yearly progress reports (one accepted,
one needing more information, one overdue), and a reprimand to the demo council for revealing
a safe address. Deterministic; every organisation and person is made up."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from breachdesk import vocab
from breachdesk.web.accounts.models import Organisation, User
from breachdesk.web.breaches.models import Breach
from breachdesk.web.regulator import monitoring, rules, services
from breachdesk.web.regulator.models import ProgressReport
from breachdesk.web.remediation import services as remediation
from breachdesk.web.remediation.models import Status as ActionStatus
from breachdesk.web.reports.models import RegulatorReport

ORGANISATIONS = [  # (name, sector, prefix)
    ("Harbourside NHS Foundation Trust", "Health", "HNT"), ("Westfold Academy Trust", "Education and childcare", "WAT"),
    ("Calder Building Society", "Finance, insurance and credit", "CBS"),
    ("Lowmoor District Council", "Local government", "LDC"),
    ("Brightwell Retail Ltd", "Retail and manufacture", "BRL"), ("Kestrel Solicitors LLP", "Legal", "KSL"),
    ("Fernbank Care Homes", "Social care", "FCH"), ("Riverside Housing Group", "Land or property services", "RHG"),
    ("Northgate Telecom", "Online Technology and Telecoms", "NGT"),
    ("St Aidan's Hospice", "Charitable and voluntary", "SAH"),
    ("Marlow Recruitment", "General business", "MRC"), ("Eastern Rail Travel", "Transport and leisure", "ERT"),
]
DEPARTMENT = ("Department for Revenue and Benefits (demo)", "Central Government", "DRB")
KINDS = [k for k in vocab.INCIDENT_TYPE_KEYS if not k.endswith("other-cyber-incident")]
HOURS = [6, 12, 20, 30, 40, 50, 60, 70, 90, 130, 200]
# States the quarter's cases are walked to, in proportion (ICO: most close with no action or advice).
WALKS = [[], [rules.TRIAGE], [rules.TRIAGE, rules.AWAITING_INFORMATION],
         [rules.TRIAGE, (rules.CLOSED, "no_further_action")], [rules.TRIAGE, (rules.CLOSED, "no_further_action")],
         [rules.TRIAGE, (rules.CLOSED, "advice_given")], [rules.TRIAGE, (rules.CLOSED, "advice_given")],
         [rules.TRIAGE, (rules.CLOSED, "not_a_breach")], [rules.TRIAGE, rules.INVESTIGATION]]
RECOMMENDATIONS = [
    "Encrypt all removable media and laptops holding personal data", "Stop sending bulk data on physical media by post",
    "Appoint a senior information risk owner for each directorate", "Keep an inventory of bulk data holdings",
    "Train every member of staff who handles customer records", "Log and review every bulk data extract",
    "Require senior approval for any bulk transfer of personal data", "Review data sharing agreements annually",
    "Introduce role-based access to the benefits database", "Remove local admin rights from standard laptops",
]


def _user(org, role="dpo"):
    email = f"{role}@{org.reference_prefix.lower()}.demo.invalid"
    user = User.objects.filter(email=email).first()
    return user or User.objects.create_user(email, None, organisation=org, role=role,
                                            first_name="Demo", last_name=org.reference_prefix)


def _received(org, regulator, user, rng, *, when, title, kind=None, people=None, hours=None, breach=None):
    """A breach reported on breachdesk ``when`` (synthetic: straight to a submitted report)."""
    kind = kind or rng.choice(KINDS)
    label, category = vocab.INCIDENT_TYPE_KEYS[kind]
    people = people if people is not None else rng.choice([3, 8, 40, 120, 600, 2400, 15000, 140000])
    hours = hours if hours is not None else rng.choice(HOURS)
    aware = when - timedelta(hours=hours)
    cats = rng.sample(["Basic personal identifiers", "Economic and financial data", "Health data",
                       "Identification data", "Location data", "Official documents"], k=rng.choice([1, 1, 2, 3]))
    subjects = rng.sample(["Customers or prospective customers", "Employees", "Patients", "Children", "Students",
                           "Vulnerable adults"], k=rng.choice([1, 1, 2]))
    if breach is None:
        number = Breach.objects.filter(organisation=org).count() + 1
        breach = Breach.objects.create(
            organisation=org, reference=f"{org.reference_prefix}-{aware.year}-{number:04d}", status="open",
            title=title or label, what_happened=f"{label}.", noticed_at=aware, aware_at=aware, occurred_at=aware,
            incident_type=kind, is_cyber=category == vocab.CYBER, confidentiality=True, data_categories=cats,
            data_subject_types=subjects, people_estimate=people, regulator_reported_at=when, created_at=aware)
    else:
        cats, subjects, people = breach.data_categories, breach.data_subject_types, breach.people_estimate
        kind, aware = breach.incident_type, breach.aware_at
    fields = {"what_happened": breach.what_happened, "incident_type": kind, "is_cyber": breach.is_cyber,
              "aware_at": aware.isoformat(), "data_categories": cats, "people": people, "data_subject_types": subjects,
              "measures_taken": "Contained; an investigation is under way."}
    report = RegulatorReport.objects.create(
        breach=breach, number=1, kind="initial", status="submitted", regulator=regulator,
        regulator_reference=f"{regulator.reference_prefix}-{breach.public_id.upper()}", snapshot=fields,
        what_happened=breach.what_happened, incident_type=kind, is_cyber=breach.is_cyber, aware_at=aware,
        data_categories=cats, people=people, data_subject_types=subjects, created_by=user, submitted_by=user,
        submitted_at=when, recorded_at=when)
    return services.receive(report)


def _walk(case, officer, steps):
    for step in steps:
        to, closure = step if isinstance(step, tuple) else (step, "")
        services.transition(case, officer, to, f"Demo: {rules.STATES[to].lower()}.", closure=closure)


def load(regulator, council, people) -> None:
    rng = random.Random(2026)
    officer, manager = people["officer@regulator.example"], people["manager@regulator.example"]
    now = timezone.now()
    orgs = [Organisation.objects.create(name=n, sector=s, reference_prefix=p, regulator=regulator)
            for n, s, p in ORGANISATIONS]
    # A quarter of incoming reports, and a few from the quarter before, for the trend.
    for i in range(72):
        org = orgs[i % len(orgs)]
        when = now - timedelta(days=rng.uniform(0.2, 88) if i < 60 else rng.uniform(95, 180))
        case = _received(org, regulator, _user(org), rng, when=when, title="")
        _walk(case, officer, WALKS[i % len(WALKS)])
        if i % 4 == 0:
            services.assign(case, manager, officer)

    # Cases in the later states: an outcome, monitoring, complied, non-compliance, a penalty.
    later = [(orgs[0], "Patient letters sent to old addresses"), (orgs[2], "Mortgage files on an unsecured share"),
             (orgs[6], "Care plans emailed to a relative"), (orgs[8], "Customer database exposed online")]
    for n, (org, title) in enumerate(later):
        case = _received(org, regulator, _user(org), rng, when=now - timedelta(days=150 + 40 * n), title=title)
        _walk(case, officer, [rules.TRIAGE, rules.INVESTIGATION])
        notice = monitoring.issue(case, officer, kind=rules.REPRIMAND, summary=f"{org.name}: {title.lower()}.",
                                  recommendations="Review how you check addresses and recipients.",
                                  steps=["Review the process that failed", "Train the staff involved"])
        _walk(case, officer, [rules.OUTCOME, *[[], [rules.MONITORING], [rules.MONITORING, rules.COMPLIED],
                                               [rules.MONITORING, rules.NON_COMPLIANCE]][n]])
        if n == 2:
            notice.requirements.update(status=rules.DONE)
    fined = _received(orgs[8], regulator, _user(orgs[8]), rng, when=now - timedelta(days=300),
                      title="Ransomware: customer records stolen", kind="cyber:ransomware", people=180000)
    _walk(fined, officer, [rules.TRIAGE, rules.INVESTIGATION])
    intent = now - timedelta(days=120)
    services.issue_notice(fined, manager, kind=rules.INTENT, summary="We intend to fine Northgate Telecom.",
                          issued_at=intent)
    services.issue_notice(fined, manager, kind=rules.PENALTY, summary="Fined for failing to secure customer data.",
                          penalty_amount=1250000, issued_at=intent + timedelta(days=60),
                          compliance_by=(intent + timedelta(days=120)).date())
    _walk(fined, officer, [rules.OUTCOME, (rules.CLOSED, "no_further_action")])
    # Art. 34(4) on a case under investigation.
    tell = _received(orgs[1], regulator, _user(orgs[1]), rng, when=now - timedelta(days=20),
                     title="Pupil safeguarding notes sent to parents", people=45)
    _walk(tell, officer, [rules.TRIAGE, rules.INVESTIGATION])
    monitoring.require_tell_people(tell, officer, due_by=timezone.localdate() + timedelta(days=10),
                                   reason="Safeguarding notes about children: a high risk to them.")

    _department(regulator, officer, manager, rng, now)
    _council_reprimand(regulator, council, people, officer, rng, now)


def _department(regulator, officer, manager, rng, now):
    """2008's pattern: an enforcement notice requiring 45 recommendations, progress at 12, 24, 36 months."""
    name, sector, prefix = DEPARTMENT
    dept = Organisation.objects.create(name=name, sector=sector, reference_prefix=prefix, regulator=regulator)
    dpo = _user(dept)
    case = _received(dept, regulator, dpo, rng, when=now - timedelta(days=37 * 30 + 60),
                     title="Two discs of child benefit records lost in the internal post",
                     kind="non-cyber:loss-theft-of-device-containing-personal-data", people=25_000_000, hours=130)
    _walk(case, officer, [rules.TRIAGE, rules.INVESTIGATION])
    issued = now - timedelta(days=37 * 30)
    steps = [f"{RECOMMENDATIONS[i % len(RECOMMENDATIONS)]} (review recommendation {i + 1})" for i in range(45)]
    notice = monitoring.issue(case, manager, kind=rules.ENFORCEMENT, issued_at=issued, steps=steps,
                              summary="Carry out the 45 recommendations of the official review and report "
                                      "progress at 12, 24 and 36 months.",
                              compliance_by=(issued + timedelta(days=36 * 30)).date(),
                              report_count=3, report_every_months=12)
    _walk(case, officer, [rules.OUTCOME, rules.MONITORING])
    first, second, _third = notice.progress_reports.all()
    for report, done_share, accepted in ((first, 0.4, True), (second, 0.7, False)):
        updates = {r.public_id: (rules.DONE if r.number <= 45 * done_share else rules.IN_PROGRESS,
                                 "See the attached programme report.") for r in notice.requirements.all()}
        monitoring.save_draft(report, dpo, summary="Programme update from the department.", updates=updates)
        monitoring.submit(report, dpo)
        ProgressReport.objects.filter(pk=report.pk).update(submitted_at=timezone.make_aware(
            timezone.datetime.combine(report.due_on - timedelta(days=3), timezone.datetime.min.time())))
        report.refresh_from_db()
        monitoring.review(report, officer, accepted=accepted,
                          note="" if accepted else "Send the encryption audit for recommendations 1 to 12.")
    # The third report is overdue: nothing submitted (the monitor_compliance command escalates it).


def _council_reprimand(regulator, council, people, officer, rng, now):
    breach = Breach.objects.get(organisation=council, incident_type="non-cyber:failure-to-redact")
    dpo = people["dpo@northmere.example"]
    case = _received(council, regulator, dpo, rng, when=breach.regulator_reported_at, title="", breach=breach)
    _walk(case, officer, [rules.TRIAGE, rules.INVESTIGATION])
    notice = monitoring.issue(
        case, officer, kind=rules.REPRIMAND,
        summary="Northmere Borough Council revealed a domestic abuse survivor's safe address to her former "
                "partner in an unredacted court bundle.",
        recommendations="Check every document for safe addresses before it leaves the council.",
        steps=["Flag safe addresses in the case management system", "Two-person check of court bundles before sending",
               "Train family court liaison staff on redaction"],
        report_count=1, first_report_on=timezone.localdate() + timedelta(days=150))
    _walk(case, officer, [rules.OUTCOME, rules.MONITORING])
    first, second, third = notice.requirements.all()
    handler = people["handler@northmere.example"]
    remediation.create(council, dpo, title="Add a safe-address flag to the case system", requirement=first,
                       owner=handler, status=ActionStatus.DONE)
    remediation.create(council, dpo, title="Second-person check of every court bundle", requirement=second,
                       owner=handler, status=ActionStatus.IN_PROGRESS, due_on=timezone.localdate() + timedelta(days=30))
    remediation.create(council, dpo, title="Redaction training for the family court team", requirement=third,
                       owner=handler, due_on=timezone.localdate() - timedelta(days=5))
    remediation.create(council, dpo, title="Encrypt laptops issued to officers", breach=Breach.objects.get(
        organisation=council, incident_type="non-cyber:loss-theft-of-device-containing-personal-data"),
        owner=handler, due_on=timezone.localdate() + timedelta(days=60), status=ActionStatus.IN_PROGRESS)
