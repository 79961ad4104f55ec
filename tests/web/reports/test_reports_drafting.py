"""Drafting a report from the breach and its signed-off assessment, checking it for
completeness, and changing it while it is a draft."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from report_helpers import FACTS

from breachdesk.web.audit.models import AuditEntry
from breachdesk.web.breaches import services as breach_services
from breachdesk.web.reports import services
from breachdesk.web.reports.models import RegulatorReport, ReportLocked

pytestmark = pytest.mark.django_db


def url(report, name="detail"):
    return reverse(f"reports:{name}", args=[report.breach.public_id, report.public_id])


def test_a_draft_is_taken_from_the_breach_and_the_signed_off_assessment(assessed, dpo):
    report = services.draft(assessed, dpo)
    assessment = assessed.assessments.get()
    assert (report.kind, report.number, report.status) == ("initial", 1, "draft")
    assert report.assessment == assessment
    assert report.regulator == assessed.organisation.regulator
    assert report.what_happened == assessed.what_happened
    assert report.incident_type == "non-cyber:data-emailed-to-incorrect-recipient" and report.is_cyber is False
    assert report.aware_at == assessed.aware_at
    assert (report.people, report.records) == (30, 30)
    assert report.data_categories == ["Basic personal identifiers"]
    assert (report.contact_name, report.contact_email) == ("Dpo Example", "dpo@northmere.example")
    # Children's health data sent to a known recipient: high risk, so the people will be told.
    assert assessment.notify_individuals is True and report.people_told == "will_tell"
    assert assessed.events.first().summary == "Initial report to the regulator drafted (report 1)"
    assert AuditEntry.objects.filter(action="create", object_type="regulatorreport",
                                     object_id=report.public_id).exists()


def test_scoped_counts_win_over_estimates(assessed, dpo):
    type(assessed).objects.filter(pk=assessed.pk).update(people_scoped=27, records_scoped=29)
    assessed.refresh_from_db()
    report = services.draft(assessed, dpo)
    assert (report.people, report.records) == (27, 29)


def test_a_handler_drafting_still_names_the_dpo_as_contact(assessed, handler, dpo):
    report = services.draft(assessed, handler)
    assert report.contact_email == "dpo@northmere.example" and report.created_by == handler


def test_not_telling_people_says_why(breach, dpo):
    from breachdesk.web.assessments import services as assessments

    facts = {**FACTS, "aware_at": breach.aware_at.isoformat(), "data_subject_types": ["Employees"],
             "people": 3, "records": 3}
    decision, _ = assessments.decide(facts)
    assessments.save(breach, dpo, facts, decision, override={
        "risk": "risk", "notify_regulator": True, "notify_individuals": False,
        "justification": "The three colleagues already know."}, sign_off=True)
    report = services.draft(breach, dpo)
    assert report.people_told == "not_telling"
    assert "found no likely high risk" in report.people_told_details


def test_a_proposed_assessment_is_not_used(breach, handler):
    from breachdesk.web.assessments import services as assessments

    facts = {**FACTS, "aware_at": breach.aware_at.isoformat()}
    decision, _ = assessments.decide(facts)
    assessments.save(breach, handler, facts, decision, sign_off=False)
    report = services.draft(breach, handler)
    assert report.assessment is None and report.people_told == "undecided"


def test_only_one_draft_at_a_time(draft, dpo):
    with pytest.raises(services.DraftExists) as caught:
        services.draft(draft.breach, dpo)
    assert caught.value.draft == draft


def test_an_incident_cannot_have_a_report(incident, dpo):
    with pytest.raises(services.ReportError, match="Confirm this as a personal data breach"):
        services.draft(incident, dpo)


def test_the_completeness_check_names_each_missing_field_in_plain_words(draft):
    missing = dict(draft.missing())
    assert missing == {
        "how_found": "Say how the breach was found",
        "occurred_at": "Give when the breach happened (your best estimate)",
        "discovered_at": "Give when the breach was discovered",
        "data_subject_types": "Choose whose data it was",
        "likely_consequences": "Describe the likely consequences for the people affected",
        "measures_taken": "Say what you have done, or propose to do, about the breach",
        "other_organisations_told": "Say which other organisations you have told, or write 'None'",
        "human_error": "Say whether the breach was caused by human error",
        "contact_phone": "Give the contact's telephone number",
    }


def test_staff_training_is_asked_only_where_there_was_human_error(ready, dpo):
    services.update(ready, dpo, {"staff_trained": "unknown"})
    ready.refresh_from_db()
    assert [f for f, _ in ready.missing()] == ["staff_trained"]
    services.update(ready, dpo, {"human_error": "no"})
    ready.refresh_from_db()
    assert ready.missing() == []


def test_reasons_for_delay_are_needed_past_the_deadline(ready):
    assert not ready.is_late()
    late = ready.breach.deadline + timedelta(minutes=1)
    assert ready.missing(at=late) == [
        ("delay_reasons", "This report is after the deadline: give the reasons for the delay")]


def test_the_page_lists_what_is_missing_with_links_to_the_form(signed_in, handler, draft):
    page = signed_in(handler).get(url(draft)).content.decode()
    assert "Before this report can be submitted" in page
    assert f'href="{url(draft, "edit")}#id_how_found">Say how the breach was found</a>' in page
    assert "Submit the report" not in page  # a handler drafts; the DPO submits


def test_the_draft_form_saves_and_keeps_input_on_error(signed_in, handler, draft):
    client = signed_in(handler)
    form = client.get(url(draft, "edit")).content.decode()
    assert "What happened?" in form and "Contact telephone number" in form
    assert "What has changed since the last report?" not in form  # only for follow-ups
    future = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url(draft, "edit"), {
        "what_happened": "A pupil list went to the wrong school.", "how_found": "They phoned us.",
        "occurred_at": future, "people": "40", "records": "30", "people_told": "will_tell",
        "human_error": "yes", "staff_trained": "unknown", "contact_phone": "0113 496 0000",
    })
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "The time when it happened must be in the past" in page
    assert "The number of people cannot be more than the number of records" in page
    assert "They phoned us." in page and 'value="0113 496 0000"' in page  # kept
    draft.refresh_from_db()
    assert draft.how_found == ""  # nothing saved

    response = client.post(url(draft, "edit"), {
        "what_happened": "A pupil list went to the wrong school.", "how_found": "They phoned us.",
        "incident_type": draft.incident_type, "is_cyber": "False",
        "people": "30", "records": "30", "people_told": "will_tell", "human_error": "yes",
        "staff_trained": "unknown", "contact_name": "Dpo Example", "contact_email": "dpo@northmere.example",
        "contact_phone": "0113 496 0000", "data_categories": ["Basic personal identifiers"],
    })
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.how_found == "They phoned us." and draft.contact_phone == "0113 496 0000"
    entry = AuditEntry.objects.filter(action="change", object_id=draft.public_id).get()
    assert "how_found" in entry.detail["fields"]
    assert "They phoned us" not in str(entry.detail)


def test_saving_a_draft_does_not_change_the_breach(ready):
    ready.breach.refresh_from_db()
    assert ready.breach.how_found == "" and ready.breach.likely_consequences == ""


def test_a_submitted_report_is_never_edited(ready, dpo, signed_in):
    services.submit(ready, dpo, route=services.BREACHDESK)
    ready.refresh_from_db()
    with pytest.raises(services.ReportError):
        services.update(ready, dpo, {"how_found": "Changed later"})
    ready.how_found = "Changed later"
    with pytest.raises(ReportLocked):
        ready.save()
    with pytest.raises(ReportLocked):
        ready.delete()
    client = signed_in(dpo)
    response = client.post(url(ready, "edit"), {"how_found": "Changed later"})
    assert response.status_code == 302 and response["Location"] == url(ready)
    assert RegulatorReport.objects.get(pk=ready.pk).how_found == "The school that received it phoned us."
    assert "Change the draft" not in client.get(url(ready)).content.decode()


# --- follow-ups -------------------------------------------------------------------------

def test_a_follow_up_carries_the_reference_and_says_what_changed(ready, dpo, handler, signed_in):
    first = services.submit(ready, dpo, route=services.OTHER, sent_at=timezone.now() - timedelta(minutes=5),
                            reference="IC-123456-A1B2")
    breach = first.breach
    breach.refresh_from_db()
    breach_services.update(breach, handler, {"people_estimate": 28, "measures_proposed": "Retrain the team."})
    follow = services.draft(breach, handler)
    assert (follow.kind, follow.number, follow.previous) == ("follow_up", 2, first)
    assert follow.regulator_reference == "IC-123456-A1B2"
    assert follow.contact_phone == "020 7946 0000"  # carried from the last report
    changed = {c["field"]: (c["before"], c["after"]) for c in follow.changes()}
    assert changed["people"] == (30, 28)
    assert changed["measures_proposed"] == ("", "Retrain the team.")
    assert "what_changed" not in changed
    assert follow.what_changed.startswith("Updated: ")
    assert "approximate number of people" in follow.what_changed

    page = signed_in(handler).get(url(follow)).content.decode()
    assert "What changed since the last report" in page
    assert 'data-testid="changes"' in page and "Retrain the team." in page
    edit = signed_in(handler).get(url(follow, "edit")).content.decode()
    assert "The regulator&#x27;s reference for the first report" in edit and 'data-testid="changes"' in edit


def test_a_follow_up_needs_the_reference_and_what_changed(ready, dpo):
    services.submit(ready, dpo, route=services.BREACHDESK)
    follow = services.draft(ready.breach, dpo)
    services.update(follow, dpo, {"regulator_reference": "", "what_changed": ""})
    follow.refresh_from_db()
    assert dict(follow.missing()) == {
        "regulator_reference": "Give the regulator's reference for the first report",
        "what_changed": "Say what has changed since the last report",
    }


def test_a_breach_reported_outside_breachdesk_gets_a_follow_up(breach, dpo):
    breach_services.record_decision(breach, dpo, "reported", "Reported by phone.",
                                    reported_at=timezone.now() - timedelta(hours=1), regulator_reference="IC-9")
    report = services.draft(breach, dpo)
    assert report.kind == "follow_up" and report.regulator_reference == "IC-9" and report.previous is None
