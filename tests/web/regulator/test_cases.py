from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from breachdesk.web.regulator import rules, services
from breachdesk.web.regulator.models import Case


@pytest.fixture
def submitted(ready, dpo):
    from breachdesk.web.reports import services as report_services

    return report_services.submit(ready, dpo, route="breachdesk")


@pytest.fixture
def case(submitted):
    return Case.objects.get()


def test_a_submitted_report_arrives_as_a_case(submitted, regulator_org, council):
    case = Case.objects.get()
    assert (case.regulator, case.organisation, case.status) == (regulator_org, council, "received")
    assert case.reference.startswith("REG-C")
    assert list(case.reports) == [submitted]


def test_a_report_sent_by_another_route_makes_no_case(ready, dpo):
    from breachdesk.web.reports import services as report_services

    report_services.submit(ready, dpo, route="other", sent_at=timezone.now(), reference="ICO-123")
    assert not Case.objects.exists()


def test_follow_up_reports_join_the_same_case(case, submitted, dpo):
    from breachdesk.web.reports import services as report_services

    follow_up = report_services.draft(submitted.breach, dpo)
    report_services.update(follow_up, dpo, {"what_changed": "We found 12 more people."})
    report_services.submit(follow_up, dpo, route="breachdesk")
    assert Case.objects.count() == 1 and case.reports.count() == 2


def _walk(case, officer, *steps):
    for to in steps:
        services.transition(case, officer, to, f"reason for {to}")


def test_the_workflow_to_an_enforcement_notice(case, regulator_officer):
    _walk(case, regulator_officer, rules.TRIAGE, rules.INVESTIGATION)
    with pytest.raises(rules.RuleBroken, match="Issue the reprimand or notice"):
        services.transition(case, regulator_officer, rules.OUTCOME, "done")
    notice = services.issue_notice(case, regulator_officer, kind=rules.ENFORCEMENT, summary="Encrypt every laptop.",
                                   compliance_by=(timezone.now() + timedelta(days=90)).date())
    _walk(case, regulator_officer, rules.OUTCOME, rules.MONITORING, rules.NON_COMPLIANCE)
    assert "penalty notice" in case.events.first().reason
    assert notice.appeal_ends == (notice.issued_at + timedelta(days=28)).date()


def test_penalty_refused_without_intent_and_within_21_days(case, regulator_officer):
    _walk(case, regulator_officer, rules.TRIAGE, rules.INVESTIGATION)
    with pytest.raises(rules.RuleBroken, match="notice of intent first"):
        services.issue_notice(case, regulator_officer, kind=rules.PENALTY, summary="£", penalty_amount=1000)
    intent = services.issue_notice(case, regulator_officer, kind=rules.INTENT, summary="We intend to fine you.",
                                   issued_at=timezone.now() - timedelta(days=10))
    with pytest.raises(rules.RuleBroken, match="21 days"):
        services.issue_notice(case, regulator_officer, kind=rules.PENALTY, summary="£", penalty_amount=1000)
    later = intent.issued_at + timedelta(days=22)
    services.issue_notice(case, regulator_officer, kind=rules.PENALTY, summary="Fined.", penalty_amount=1000,
                          issued_at=later, compliance_by=(later + timedelta(days=30)).date())
    assert case.notices.count() == 2


def test_closing_needs_a_closure_kind(case, regulator_officer):
    services.transition(case, regulator_officer, rules.TRIAGE, "looking")
    with pytest.raises(rules.RuleBroken, match="how the case is closed"):
        services.transition(case, regulator_officer, rules.CLOSED, "fine")
    services.transition(case, regulator_officer, rules.CLOSED, "Handled well", closure="advice_given")
    assert case.status == "closed" and case.closed_at is not None


@pytest.mark.parametrize("who,status", [("regulator_officer", 200), ("dpo", 404), ("outsider", 404), ("auditor", 404)])
def test_case_access(request, signed_in, case, who, status):
    client = signed_in(request.getfixturevalue(who))
    assert client.get(reverse("regulator:case", args=[case.public_id])).status_code == status
    assert client.get(reverse("regulator:queue")).status_code == status
    response = client.post(reverse("regulator:move", args=[case.public_id, "triage"]), {"reason": "start"})
    assert response.status_code == (302 if status == 200 else 404)
    case.refresh_from_db()
    assert (case.status == "triage") is (status == 200)


def test_another_regulator_gets_404(signed_in, case):
    from breachdesk.web.accounts.models import Organisation, User

    other = Organisation.objects.create(name="Another regulator", kind="regulator", sector="Regulators",
                                        reference_prefix="OTH")
    officer = User.objects.create_user("officer@other.example", "x" * 20, organisation=other, role="officer")
    assert signed_in(officer).get(reverse("regulator:case", args=[case.public_id])).status_code == 404


def test_issue_form_refuses_with_the_rule(signed_in, regulator_officer, case):
    _walk(case, regulator_officer, rules.TRIAGE, rules.INVESTIGATION)
    response = signed_in(regulator_officer).post(reverse("regulator:issue", args=[case.public_id]), {
        "kind": "penalty_notice", "summary": "Fined", "penalty_amount": "5000"})
    assert response.status_code == 400 and "needs a notice of intent first" in response.content.decode()


def test_public_register_needs_no_sign_in_and_hides_notices_of_intent(client, case, regulator_officer):
    _walk(case, regulator_officer, rules.TRIAGE, rules.INVESTIGATION)
    reprimand = services.issue_notice(case, regulator_officer, kind=rules.REPRIMAND, summary="Revealed a safe address.")
    services.issue_notice(case, regulator_officer, kind=rules.INTENT, summary="Intent")
    page = client.get(reverse("public_register:list")).content.decode()
    assert "Reprimand" in page and "Notice of intent" not in page and case.organisation.name in page
    detail = client.get(reverse("public_register:notice", args=[reprimand.public_id])).content.decode()
    assert "Revealed a safe address." in detail
    assert case.reference not in detail  # the regulator's internal case reference stays internal


def test_the_published_notice_downloads_as_a_pdf_without_sign_in(client, case, regulator_officer):
    import io

    import pypdfium2

    _walk(case, regulator_officer, rules.TRIAGE, rules.INVESTIGATION)
    notice = services.issue_notice(case, regulator_officer, kind=rules.ENFORCEMENT, summary="Encrypt every laptop.",
                                   compliance_by=(timezone.now() + timedelta(days=60)).date())
    response = client.get(reverse("public_register:notice_pdf", args=[notice.public_id]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(page.get_textpage().get_text_range().split())
                    for page in pypdfium2.PdfDocument(io.BytesIO(response.content)))
    assert "Enforcement notice" in text and "Encrypt every laptop." in text and "28 days" in text


def test_appeals_are_recorded_and_a_quashed_notice_leaves_the_register(signed_in, client, case, regulator_officer):
    _walk(case, regulator_officer, rules.TRIAGE, rules.INVESTIGATION)
    notice = services.issue_notice(case, regulator_officer, kind=rules.REPRIMAND, summary="Revealed a safe address.")
    officer = signed_in(regulator_officer)
    url = reverse("regulator:appeal", args=[case.public_id, notice.public_id])
    officer.post(url, {"appeal_outcome": "quashed", "reason": ""})
    notice.refresh_from_db()
    assert notice.appeal_outcome == ""  # no reason, nothing recorded
    officer.post(url, {"appeal_outcome": "quashed", "reason": "Tribunal ref EA/2026/0001"})
    notice.refresh_from_db()
    assert notice.appeal_outcome == "quashed"
    assert "Revealed a safe address." not in client.get(reverse("public_register:list")).content.decode()
    assert case.events.first().summary == "Appeal against the reprimand: quashed"


@pytest.mark.parametrize("who", ["dpo", "outsider"])
def test_only_the_regulator_records_appeals(request, signed_in, case, regulator_officer, who):
    _walk(case, regulator_officer, rules.TRIAGE, rules.INVESTIGATION)
    notice = services.issue_notice(case, regulator_officer, kind=rules.REPRIMAND, summary="x")
    response = signed_in(request.getfixturevalue(who)).post(
        reverse("regulator:appeal", args=[case.public_id, notice.public_id]), {"appeal_outcome": "quashed", "reason": "r"})
    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.appeal_outcome == ""
