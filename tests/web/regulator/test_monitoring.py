"""Requirements, progress reports, Art. 34(4), reminders and escalation (with frozen time)."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from breachdesk.web.regulator import monitoring, rules, services
from breachdesk.web.regulator.models import Nudge, ProgressReport, TellPeopleOrder


def _at(day: date, hour=9):
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _fill(report, user, status=rules.DONE):
    updates = {r.public_id: (status, f"Step {r.number} handled.") for r in report.notice.requirements.all()}
    return monitoring.save_draft(report, user, summary="Good progress.", updates=updates)


# --- pure rules ---------------------------------------------------------------------------

def test_schedule_every_twelve_months_for_three_years():
    assert rules.schedule(date(2026, 1, 31), 12, 3) == [date(2026, 1, 31), date(2027, 1, 31), date(2028, 1, 31)]
    assert rules.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    with pytest.raises(rules.RuleBroken, match="between 1 and"):
        rules.schedule(date(2026, 1, 1), 12, 0)


def test_escalation_ladder_and_reminders():
    due = date(2026, 6, 1)
    assert rules.reminder_due(due, date(2026, 5, 2)) == 30
    assert rules.reminder_due(due, date(2026, 5, 28)) == 7
    assert rules.reminder_due(due, date(2026, 4, 1)) is None
    assert rules.escalation_step(due, date(2026, 6, 1)) is None
    assert rules.escalation_step(due, date(2026, 6, 2)) == "officer"
    assert rules.escalation_step(due, date(2026, 6, 15)) == "manager"
    assert rules.escalation_step(due, date(2026, 6, 29)) == "non_compliance"


@pytest.mark.parametrize("status,closure,kinds,expected", [
    ("received", "", set(), "Not Yet Assigned"),
    ("triage", "", set(), "Not Yet Assigned"),
    ("closed", "no_further_action", set(), "No Further Action"),
    ("closed", "not_a_breach", set(), "No Further Action"),
    ("closed", "advice_given", set(), "Informal Action Taken"),
    ("investigation", "", {"notice_of_intent"}, "Investigation Pursued"),
    ("monitoring", "", {"reprimand"}, "Regulatory action taken"),
])
def test_decision_taken_uses_the_regulators_outcomes(status, closure, kinds, expected):
    assert rules.decision_taken(status, closure, kinds) == expected


def test_steps_from_text_drops_list_markers():
    assert monitoring.steps_from_text("1. Encrypt laptops\n- Train staff\n\n•  Audit access\n") == [
        "Encrypt laptops", "Train staff", "Audit access"]


# --- issuing with requirements --------------------------------------------------------------

def test_an_enforcement_notice_holds_steps_and_a_schedule(notice):
    assert [r.text for r in notice.requirements.all()][0] == "Encrypt every laptop"
    reports = list(notice.progress_reports.all())
    assert [r.number for r in reports] == [1, 2, 3]
    assert reports[1].due_on == rules.add_months(reports[0].due_on, 12)
    assert reports[0].due_on == rules.add_months(notice.issued_at.date(), 12)


def test_steps_on_a_notice_of_intent_are_refused(case, regulator_officer):
    for to in (rules.TRIAGE, rules.INVESTIGATION):
        services.transition(case, regulator_officer, to, "go")
    with pytest.raises(rules.RuleBroken, match="reprimand or an enforcement notice"):
        monitoring.issue(case, regulator_officer, kind=rules.INTENT, summary="We intend", steps=["x"])
    assert not case.notices.exists()  # all or nothing


def test_first_report_inside_the_appeal_window_is_refused(case, regulator_officer):
    for to in (rules.TRIAGE, rules.INVESTIGATION):
        services.transition(case, regulator_officer, to, "go")
    with pytest.raises(rules.RuleBroken, match="appeal window"):
        monitoring.issue(case, regulator_officer, kind=rules.ENFORCEMENT, summary="Do it", steps=["a"],
                         report_count=1, first_report_on=timezone.localdate() + timedelta(days=10))
    assert not case.notices.exists()


def test_issue_form_creates_steps_and_reports(signed_in, regulator_officer, case):
    for to in (rules.TRIAGE, rules.INVESTIGATION):
        services.transition(case, regulator_officer, to, "go")
    response = signed_in(regulator_officer).post(reverse("regulator:issue", args=[case.public_id]), {
        "kind": "enforcement_notice", "summary": "Secure it", "steps": "Encrypt\nTrain\nCheck",
        "report_count": "3", "report_every_months": "12",
        "compliance_by": str(timezone.localdate() + timedelta(days=60)), "published": "on"})
    assert response.status_code == 302
    notice = case.notices.get()
    assert notice.requirements.count() == 3 and notice.progress_reports.count() == 3


# --- progress reports -----------------------------------------------------------------------

def test_draft_then_submit_once(notice, dpo, regulator_officer):
    report = notice.progress_reports.first()
    with pytest.raises(rules.RuleBroken, match="status for every requirement"):
        monitoring.submit(report, dpo)
    _fill(report, dpo, rules.IN_PROGRESS)
    report = monitoring.submit(report, dpo)
    assert report.status == "submitted" and not report.late
    assert set(notice.requirements.values_list("status", flat=True)) == {rules.IN_PROGRESS}
    with pytest.raises(rules.RuleBroken, match="already been submitted"):
        monitoring.submit(report, dpo)
    with pytest.raises(rules.RuleBroken, match="can no longer be changed"):
        _fill(report, dpo)


def test_late_report_is_accepted_but_marked_late(notice, dpo, regulator_officer):
    report = notice.progress_reports.first()
    with time_machine.travel(_at(report.due_on + timedelta(days=3)), tick=False):
        _fill(report, dpo)
        report = monitoring.submit(report, dpo)
        assert report.late
        monitoring.review(report, regulator_officer, accepted=True, note="")
    report.refresh_from_db()
    assert report.status == "accepted" and report.late
    assert "late" in notice.case.events.filter(internal=False).first().summary or any(
        "late" in e.summary for e in notice.case.events.all())


def test_more_information_lets_the_organisation_submit_again(notice, dpo, regulator_officer,
                                                             django_capture_on_commit_callbacks):
    report = notice.progress_reports.first()
    _fill(report, dpo)
    monitoring.submit(report, dpo)
    with pytest.raises(rules.RuleBroken, match="what more information"):
        monitoring.review(report, regulator_officer, accepted=False, note=" ")
    with django_capture_on_commit_callbacks(execute=True):
        monitoring.review(report, regulator_officer, accepted=False, note="Send the encryption report.")
    reviewed = mail.outbox[-1]
    assert "more information needed" in reviewed.subject and "Send the encryption report." in reviewed.body
    assert reviewed.to == ["dp-inbox@northmere.example", "dpo@northmere.example"]
    _fill(report, dpo)
    report = monitoring.submit(report, dpo)
    assert report.status == "submitted"


def test_the_grid_shows_compliance_per_requirement_over_time(notice, dpo, regulator_officer):
    first = notice.progress_reports.first()
    _fill(first, dpo, rules.IN_PROGRESS)
    monitoring.submit(first, dpo)
    grid = monitoring.grid(notice)
    assert [row["cells"] for row in grid["rows"]] == [[rules.IN_PROGRESS, "", ""]] * 3
    assert grid["done"] == 0 and grid["total"] == 3


def test_regulator_reviews_through_the_page(signed_in, notice, dpo, regulator_officer):
    report = notice.progress_reports.first()
    _fill(report, dpo)
    monitoring.submit(report, dpo)
    step = notice.requirements.first()
    url = reverse("regulator:progress", args=[notice.case.public_id, report.public_id])
    client = signed_in(regulator_officer)
    assert "Step 1 handled." in client.get(url).content.decode()
    response = client.post(url, {"outcome": "accepted", "note": "", f"status-{step.public_id}": "in_progress"})
    assert response.status_code == 302
    report.refresh_from_db()
    step.refresh_from_db()
    assert report.status == "accepted" and step.status == rules.IN_PROGRESS


def test_the_regulator_cannot_read_a_draft(signed_in, notice, dpo, regulator_officer):
    report = notice.progress_reports.first()
    _fill(report, dpo)
    page = signed_in(regulator_officer).get(
        reverse("regulator:progress", args=[notice.case.public_id, report.public_id])).content.decode()
    assert "Step 1 handled." not in page and "has not submitted" in page


# --- Art. 34(4) -----------------------------------------------------------------------------

def test_tell_people_is_tracked_from_the_organisations_figures(case, regulator_officer, dpo,
                                                               django_capture_on_commit_callbacks):
    from breachdesk.web.people.models import AffectedPerson

    services.transition(case, regulator_officer, rules.TRIAGE, "look")
    with pytest.raises(rules.RuleBroken, match="due date after today"):
        monitoring.require_tell_people(case, regulator_officer, due_by=timezone.localdate(), reason="High risk")
    with django_capture_on_commit_callbacks(execute=True):
        order = monitoring.require_tell_people(case, regulator_officer, reason="Health data of children",
                                               due_by=timezone.localdate() + timedelta(days=14))
    assert order.completed_at is None and "must tell the people" in mail.outbox[-1].subject
    people = [AffectedPerson.objects.create(breach=case.breach, reference=f"P{i}") for i in range(2)]
    monitoring.refresh(order)
    assert (order.people, order.told) == (2, 0)
    for person in people:
        person.issue_portal_code()
    monitoring.refresh(order)
    assert order.told == 2 and order.completed_at is not None


def test_tell_people_refused_on_a_closed_case(case, regulator_officer):
    services.transition(case, regulator_officer, rules.TRIAGE, "look")
    services.transition(case, regulator_officer, rules.CLOSED, "fine", closure="advice_given")
    with pytest.raises(rules.RuleBroken, match="while the case is open"):
        monitoring.require_tell_people(case, regulator_officer, due_by=timezone.localdate() + timedelta(days=5),
                                       reason="x")
    assert not TellPeopleOrder.objects.exists()


# --- reminders and escalation, frozen time ----------------------------------------------------

def test_reminders_then_escalation_then_non_compliance(notice, dpo, regulator_officer, regulator_manager,
                                                       django_capture_on_commit_callbacks):
    due = notice.progress_reports.first().due_on
    notice.compliance_by = due + timedelta(days=400)  # only the progress report falls due here
    notice.save()
    mail.outbox.clear()

    def run(day):
        with time_machine.travel(_at(day), tick=False), django_capture_on_commit_callbacks(execute=True):
            call_command("monitor_compliance", stdout=io.StringIO())

    run(due - timedelta(days=30))
    reminder = mail.outbox[-1]
    assert "Progress report 1 is due on" in reminder.subject
    assert {"dpo@northmere.example", "officer@regulator.example"} <= set(reminder.to)
    run(due - timedelta(days=30))  # the same day again sends nothing new
    assert len(mail.outbox) == 1
    run(due - timedelta(days=7))
    assert len(mail.outbox) == 2
    run(due + timedelta(days=1))
    assert "overdue" in mail.outbox[-1].subject and "officer@regulator.example" in mail.outbox[-1].to
    run(due + timedelta(days=14))
    assert "Escalated" in mail.outbox[-1].subject and "manager@regulator.example" in mail.outbox[-1].to
    notice.case.refresh_from_db()
    assert notice.case.status == rules.MONITORING
    run(due + timedelta(days=28))
    notice.case.refresh_from_db()
    assert notice.case.status == rules.NON_COMPLIANCE
    event = notice.case.events.filter(summary__contains="Not complying").first()
    assert "Progress report 1 was due" in event.reason and "penalty notice" in event.reason
    steps = set(Nudge.objects.filter(subject__startswith="progress:").values_list("step", flat=True))
    assert steps == {"remind-30", "remind-7", "officer", "manager", "non_compliance"}


def test_a_submitted_report_is_not_chased(notice, dpo, django_capture_on_commit_callbacks):
    report = notice.progress_reports.first()
    _fill(report, dpo)
    monitoring.submit(report, dpo)
    mail.outbox.clear()
    with time_machine.travel(_at(report.due_on + timedelta(days=2)), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        monitoring.run()
    assert not any("Progress report 1" in m.subject for m in mail.outbox)


def test_missed_requirements_escalate(notice, dpo, regulator_manager):
    with time_machine.travel(_at(notice.compliance_by + timedelta(days=15)), tick=False):
        counts = monitoring.run()
        flags = monitoring.flags(notice.case)
    assert counts["escalations"] >= 2
    assert any("required steps" in f.what for f in flags)
    assert Nudge.objects.filter(subject__startswith="steps:", step="manager").exists()


def test_overdue_shows_on_both_sides(signed_in, notice, dpo, regulator_officer):
    report = notice.progress_reports.first()
    with time_machine.travel(_at(report.due_on + timedelta(days=2)), tick=False):
        regulator_page = signed_in(regulator_officer).get(reverse("regulator:case", args=[notice.case.public_id]))
        org_page = signed_in(dpo).get(reverse("remediation:case", args=[notice.case.public_id]))
    assert "Progress report 1 is overdue" in regulator_page.content.decode()
    assert "Progress report 1 is overdue" in org_page.content.decode()


def test_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--today must be a date"):
        call_command("monitor_compliance", today="tomorrow")


# --- access -----------------------------------------------------------------------------------

@pytest.mark.parametrize("who,status", [("regulator_officer", 200), ("regulator_manager", 200), ("dpo", 404),
                                        ("outsider", 404), ("auditor", 404), ("executive", 404)])
def test_monitoring_pages_for_each_role(request, signed_in, notice, who, status):
    client = signed_in(request.getfixturevalue(who))
    report = notice.progress_reports.first()
    case_id = notice.case.public_id
    assert client.get(reverse("regulator:notice", args=[case_id, notice.public_id])).status_code == status
    assert client.get(reverse("regulator:progress", args=[case_id, report.public_id])).status_code == status
    response = client.post(reverse("regulator:tell_people", args=[case_id]), {
        "due_by": str(timezone.localdate() + timedelta(days=9)), "reason": "High risk"})
    assert response.status_code == (302 if status == 200 else 404)
    assert TellPeopleOrder.objects.exists() is (status == 200)


def test_bulk_assign_is_all_or_nothing(signed_in, case, regulator_officer, regulator_manager):
    client = signed_in(regulator_manager)
    client.post(reverse("regulator:bulk_assign"), {"case": [case.public_id, "nosuchcase"],
                                                   "officer": regulator_officer.public_id})
    case.refresh_from_db()
    assert case.assigned_to is None
    client.post(reverse("regulator:bulk_assign"), {"case": [case.public_id], "officer": regulator_officer.public_id})
    case.refresh_from_db()
    assert case.assigned_to == regulator_officer


def test_evidence_is_downloadable_by_the_regulator_once_submitted(signed_in, notice, dpo, regulator_officer):
    report = notice.progress_reports.first()
    _fill(report, dpo)
    upload = SimpleUploadedFile("encryption.pdf", b"%PDF-1.4 proof", content_type="application/pdf")
    response = signed_in(dpo).post(reverse("remediation:progress_evidence", args=[notice.case.public_id,
                                                                                  report.public_id]),
                                   {"file": upload})
    assert response.status_code == 302
    item = report.evidence.get()
    url = reverse("regulator:progress_evidence", args=[notice.case.public_id, report.public_id, item.public_id])
    assert signed_in(regulator_officer).get(url).status_code == 404  # still a draft
    monitoring.submit(ProgressReport.objects.get(pk=report.pk), dpo)
    response = signed_in(regulator_officer).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 proof"
