"""Remediation actions: access for each role, linking to requirements, drafting a progress
report from them, reminders, and bulk changes that are all or nothing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from breachdesk.web.regulator import monitoring, rules
from breachdesk.web.remediation import services
from breachdesk.web.remediation.models import Action, Status


@pytest.fixture
def action(council, dpo, handler):
    return services.create(council, dpo, title="Turn on laptop encryption", owner=handler,
                           due_on=timezone.localdate() + timedelta(days=30))


@pytest.mark.parametrize("who,read,write", [("dpo", 200, 302), ("handler", 200, 302), ("auditor", 200, 403),
                                            ("executive", 200, 403), ("reporter", 404, 404),
                                            ("outsider", 404, 404), ("regulator_officer", 404, 404)])
def test_action_access(request, signed_in, action, who, read, write):
    client = signed_in(request.getfixturevalue(who))
    listed = client.get(reverse("remediation:actions"))
    assert listed.status_code == (200 if who == "outsider" else read)  # an outsider sees only their own
    assert action.title not in listed.content.decode() or who not in ("outsider",)
    assert client.get(reverse("remediation:action", args=[action.public_id])).status_code == read
    response = client.post(reverse("remediation:action", args=[action.public_id]), {
        "title": "Changed", "source": "audit", "status": "in_progress"})
    assert response.status_code == write
    action.refresh_from_db()
    assert (action.title == "Changed") is (write == 302)


def test_new_action_from_the_form(signed_in, dpo, handler):
    response = signed_in(dpo).post(reverse("remediation:new"), {
        "title": "Annual access review", "source": "audit", "source_detail": "Internal audit 2026",
        "owner": handler.public_id, "due_on": "2027-01-31", "status": "open"})
    assert response.status_code == 302
    assert Action.objects.get().owner == handler


def test_another_organisations_breach_is_refused(council, dpo, outsider):
    from breachdesk.web.breaches import services as breach_services

    theirs = breach_services.report_incident(outsider, title="x", what_happened="y", noticed_at=timezone.now())
    with pytest.raises(services.Refused, match="your organisation's breaches"):
        services.create(council, dpo, title="Not ours", breach=theirs)


def test_a_progress_report_is_drafted_from_the_actions(notice, council, dpo, handler):
    first, second, third = notice.requirements.all()
    services.create(council, dpo, title="Encrypt the laptops", requirement=first, status=Status.DONE)
    services.create(council, dpo, title="Train the admissions team", requirement=second, status=Status.IN_PROGRESS,
                    owner=handler, due_on=timezone.localdate() + timedelta(days=10))
    services.create(council, dpo, title="Train the finance team", requirement=second, status=Status.DONE)
    report = notice.progress_reports.first()
    services.draft_from_actions(report, dpo)
    updates = {u.requirement.number: u for u in monitoring.updates_for(report)}
    assert [updates[n].status for n in (1, 2, 3)] == [rules.DONE, rules.IN_PROGRESS, rules.NOT_STARTED]
    assert "Train the admissions team (in progress, owner Handler Example" in updates[2].narrative
    assert Action.objects.filter(requirement=first).get().source == "regulator"


def test_the_organisation_submits_from_its_workspace(signed_in, notice, dpo, handler):
    report = notice.progress_reports.first()
    url = reverse("remediation:progress", args=[notice.case.public_id, report.public_id])
    data = {"summary": "All done", "step": "submit"}
    for r in notice.requirements.all():
        data[f"{r.public_id}-status"] = "done"
        data[f"{r.public_id}-narrative"] = f"Done {r.number}"
    assert signed_in(handler).post(url, data).status_code == 403  # a handler drafts; the DPO submits
    assert signed_in(dpo).post(url, data).status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"
    assert set(notice.requirements.values_list("status", flat=True)) == {"done"}


def test_an_organisation_never_sees_another_organisations_case_or_internal_notes(signed_in, notice, outsider, dpo):
    case = notice.case
    assert signed_in(outsider).get(reverse("remediation:case", args=[case.public_id])).status_code == 404
    page = signed_in(dpo).get(reverse("remediation:case", args=[case.public_id])).content.decode()
    assert "reason for investigation" not in page  # the officer's internal reasons
    assert "Encrypt every laptop" in page and "Enforcement notice" in page


def test_owners_are_reminded_before_and_when_overdue(action):
    today = action.due_on - timedelta(days=7)
    assert services.remind(today) == 1 and "due" in mail.outbox[-1].subject
    assert services.remind(today) == 0
    assert services.remind(action.due_on + timedelta(days=1)) == 1 and "overdue" in mail.outbox[-1].subject
    assert services.remind(action.due_on + timedelta(days=2)) == 0
    assert mail.outbox[-1].to == ["handler@northmere.example"]


def test_bulk_status_is_all_or_nothing(signed_in, action, council, dpo, outsider, outsider_org):
    theirs = services.create(outsider_org, outsider, title="Theirs")
    client = signed_in(dpo)
    client.post(reverse("remediation:bulk"), {"action": [action.public_id, theirs.public_id], "status": "done"})
    action.refresh_from_db()
    assert action.status == "open"
    client.post(reverse("remediation:bulk"), {"action": [action.public_id], "status": "done"})
    action.refresh_from_db()
    assert action.status == "done" and action.done_at is not None
