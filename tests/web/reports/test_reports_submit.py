"""Submitting a report: to the regulator on breachdesk, or recorded as sent another way.
Either way the breach is marked as reported, on the timeline and in the audit log, at once."""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from breachdesk.web.audit.models import AuditEntry
from breachdesk.web.breaches.models import Event
from breachdesk.web.reports import services
from breachdesk.web.reports.models import RegulatorReport

pytestmark = pytest.mark.django_db


def url(report, name="submit"):
    return reverse(f"reports:{name}", args=[report.breach.public_id, report.public_id])


def test_submitting_on_breachdesk_reaches_the_regulator(ready, dpo, signed_in, regulator_org):
    response = signed_in(dpo).post(url(ready), {"route": "breachdesk"})
    assert response.status_code == 302
    report = RegulatorReport.objects.get(pk=ready.pk)
    assert report.status == "submitted" and report.submitted_by == dpo
    assert report.regulator == regulator_org
    assert report.regulator_reference == f"REG-{report.public_id.upper()}"
    assert list(RegulatorReport.objects.filter(regulator=regulator_org, status="submitted")) == [report]
    assert list(RegulatorReport.objects.received_by(regulator_org)) == [report]
    assert report.snapshot["how_found"] == "The school that received it phoned us."
    assert set(report.snapshot) == set(report.fields())

    breach = report.breach
    breach.refresh_from_db()
    assert breach.regulator_reported_at == report.submitted_at
    assert breach.regulator_reference == report.regulator_reference
    event = breach.events.filter(kind=Event.Kind.DECISION).first()
    assert event.decision == "reported" and event.summary == "Reported to the regulator"
    assert "Initial report (report 1) sent to Regulator on breachdesk" in event.text
    assert AuditEntry.objects.filter(action="submit", object_id=report.public_id).exists()

    page = signed_in(dpo).get(reverse("breaches:detail", args=[breach.public_id])).content.decode()
    assert "Reported to the regulator" in page


def test_sent_by_another_route_records_the_date_and_reference(ready, dpo, signed_in):
    sent = timezone.localtime() - timedelta(hours=2)
    response = signed_in(dpo).post(url(ready), {"route": "other", "sent_at": sent.strftime("%Y-%m-%dT%H:%M"),
                                                "reference": "IC-555-X"})
    assert response.status_code == 302, response.content.decode()
    report = RegulatorReport.objects.get(pk=ready.pk)
    assert report.status == "sent" and report.regulator_reference == "IC-555-X"
    assert report.submitted_at == sent.replace(second=0, microsecond=0)
    assert not RegulatorReport.objects.received_by(report.regulator).exists()
    report.breach.refresh_from_db()
    assert report.breach.regulator_reported_at == report.submitted_at
    assert report.breach.regulator_reference == "IC-555-X"


def test_another_route_needs_the_date_and_reference(ready, dpo, signed_in):
    response = signed_in(dpo).post(url(ready), {"route": "other"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Give the date and time it was sent" in page and "Give the reference the regulator gave you" in page
    assert RegulatorReport.objects.get(pk=ready.pk).status == "draft"


def test_an_incomplete_report_cannot_be_submitted(draft, dpo, signed_in):
    response = signed_in(dpo).post(url(draft), {"route": "breachdesk"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and "Say how the breach was found" in page
    draft.refresh_from_db()
    draft.breach.refresh_from_db()
    assert draft.status == "draft" and draft.breach.regulator_reported_at is None
    assert not draft.breach.events.filter(decision="reported").exists()


def test_a_late_report_needs_the_reasons_for_the_delay(ready, dpo, signed_in):
    later = ready.breach.deadline + timedelta(hours=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = signed_in(dpo).post(url(ready), {"route": "breachdesk"})
        assert response.status_code == 400
        assert "This report is after the deadline: give the reasons for the delay" in response.content.decode()
        services.update(ready, dpo, {"delay_reasons": "The school told us only on the third day."})
        report = services.submit(ready, dpo, route=services.BREACHDESK)
    breach = report.breach
    breach.refresh_from_db()
    assert breach.delay_reasons == "The school told us only on the third day."
    assert breach.regulator_reported_at == later
    assert breach.events.filter(kind="edited").first().changes["delay_reasons"][1].startswith("The school")


def test_sent_late_by_another_route_also_needs_reasons(ready, dpo):
    deadline = ready.breach.deadline
    with mock.patch("django.utils.timezone.now", return_value=deadline + timedelta(hours=2)):
        with pytest.raises(services.ReportError) as caught:
            services.submit(ready, dpo, route=services.OTHER, reference="IC-1", sent_at=deadline + timedelta(minutes=5))
        assert [f for f, _ in caught.value.problems] == ["delay_reasons"]
        # Sent in time, recorded afterwards: not late.
        report = services.submit(ready, dpo, route=services.OTHER, reference="IC-1",
                                 sent_at=deadline - timedelta(minutes=5))
    assert report.status == "sent" and report.delay_reasons == ""


def test_submission_is_one_transaction(ready, dpo):
    with mock.patch("breachdesk.web.reports.services.record", side_effect=RuntimeError("audit down")):
        with pytest.raises(RuntimeError):
            services.submit(ready, dpo, route=services.BREACHDESK)
    ready.refresh_from_db()
    ready.breach.refresh_from_db()
    assert ready.status == "draft" and ready.snapshot == {}
    assert ready.breach.regulator_reported_at is None
    assert not ready.breach.events.filter(decision="reported").exists()


def test_a_report_is_submitted_once(ready, dpo, signed_in):
    services.submit(ready, dpo, route=services.BREACHDESK)
    with pytest.raises(services.ReportError, match="already been submitted"):
        services.submit(ready, dpo, route=services.BREACHDESK)
    response = signed_in(dpo).post(url(ready), {"route": "breachdesk"})
    assert response.status_code == 302
    assert ready.breach.events.filter(decision="reported").count() == 1


def test_a_follow_up_leaves_the_first_report_time_alone(ready, dpo):
    first = services.submit(ready, dpo, route=services.BREACHDESK)
    follow = services.draft(first.breach, dpo)
    services.update(follow, dpo, {"what_changed": "No change in the numbers; the school confirmed deletion."})
    follow = services.submit(follow, dpo, route=services.BREACHDESK)
    assert follow.regulator_reference == first.regulator_reference
    breach = follow.breach
    breach.refresh_from_db()
    assert breach.regulator_reported_at == first.submitted_at
    assert breach.events.first().summary == "Follow-up report 2 sent to the regulator"
    assert RegulatorReport.objects.received_by(first.regulator).count() == 2


def test_an_organisation_without_a_regulator_on_breachdesk_sends_another_way(ready, dpo, signed_in, council):
    type(council).objects.filter(pk=council.pk).update(regulator=None)
    page = signed_in(dpo).get(url(ready, "detail")).content.decode()
    assert 'value="breachdesk"' not in page and 'value="other"' in page
    ready.breach.organisation.refresh_from_db()
    with pytest.raises(services.ReportError) as caught:
        services.submit(RegulatorReport.objects.get(pk=ready.pk), dpo, route=services.BREACHDESK)
    assert caught.value.problems[0][0] == "route"
