"""Every view that reads or changes a case, for each person: owner, colleague, outsider,
regulator. Outsiders and regulators get 404 (no hint the case exists); a colleague whose
role cannot do something gets 403 or 404; nothing changes unless allowed."""

import pytest
from django.urls import reverse

from breachdesk.web.breaches.models import Breach, Event


def _views(b):
    pid = b.public_id
    return {
        "detail": ("get", reverse("breaches:detail", args=[pid]), {}),
        "clock": ("get", reverse("breaches:clock", args=[pid]), {}),
        "edit": ("post", reverse("breaches:edit", args=[pid]), {"title": "Changed", "what_happened": "x", "staff_trained": "yes"}),
        "note": ("post", reverse("breaches:note", args=[pid]), {"text": "A note"}),
        "decision": ("post", reverse("breaches:decision", args=[pid]), {"decision": "other", "reasons": "Because"}),
        "delay": ("post", reverse("breaches:delay", args=[pid]), {"delay_reasons": "Late because"}),
        "awareness": ("post", reverse("breaches:awareness", args=[pid]), {"aware_at": "2020-01-01T10:00", "reason": "typo"}),
        "contain": ("post", reverse("breaches:transition", args=[pid, "contained"]), {}),
    }


# who -> view -> expected status
EXPECTED = {
    "dpo": {"detail": 200, "clock": 200, "edit": 302, "note": 302, "decision": 302, "delay": 302, "awareness": 302, "contain": 302},
    "handler": {"detail": 200, "clock": 200, "edit": 302, "note": 302, "decision": 403, "delay": 403, "awareness": 403, "contain": 302},
    "auditor": {"detail": 200, "clock": 200, "edit": 403, "note": 403, "decision": 403, "delay": 403, "awareness": 403, "contain": 403},
    "executive": {"detail": 200, "clock": 200, "edit": 403, "note": 403, "decision": 403, "delay": 403, "awareness": 403, "contain": 403},
    "reporter": {v: 404 for v in ["detail", "clock", "edit", "note", "decision", "delay", "awareness", "contain"]},
    "outsider": {v: 404 for v in ["detail", "clock", "edit", "note", "decision", "delay", "awareness", "contain"]},
    "regulator_officer": {v: 404 for v in ["detail", "clock", "edit", "note", "decision", "delay", "awareness", "contain"]},
}


@pytest.mark.parametrize("who", list(EXPECTED))
@pytest.mark.parametrize("view", ["detail", "clock", "edit", "note", "decision", "delay", "awareness", "contain"])
def test_breach_views(request, signed_in, breach, who, view):
    person = request.getfixturevalue(who)
    method, url, data = _views(breach)[view]
    events_before = breach.events.count()
    response = getattr(signed_in(person), method)(url, data)
    assert response.status_code == EXPECTED[who][view]
    if EXPECTED[who][view] in (403, 404) and method == "post":
        assert breach.events.count() == events_before, "a refused request changed the case"
        breach.refresh_from_db()
        assert breach.title != "Changed" and breach.status == "open"


def test_anonymous_is_sent_to_sign_in(client, breach):
    response = client.get(reverse("breaches:detail", args=[breach.public_id]))
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


@pytest.mark.parametrize("who,status", [("dpo", 200), ("auditor", 200), ("reporter", 404),
                                        ("outsider", 200), ("regulator_officer", 404)])
def test_register_shows_only_own_organisation(request, signed_in, breach, who, status):
    response = signed_in(request.getfixturevalue(who)).get(reverse("breaches:register"))
    assert response.status_code == status
    if status == 200:
        own = request.getfixturevalue(who).organisation == breach.organisation
        assert (breach.reference in response.content.decode()) is own


@pytest.mark.parametrize("who,status", [("dpo", 200), ("handler", 200), ("reporter", 200),
                                        ("outsider", 200), ("regulator_officer", 404)])
def test_report_incident_access(request, signed_in, council, who, status):
    """Any organisation's staff can report to their own organisation; a regulator cannot."""
    person = request.getfixturevalue(who)
    client = signed_in(person)
    assert client.get(reverse("breaches:report")).status_code == status
    response = client.post(reverse("breaches:report"), {
        "title": "Lost file", "what_happened": "Lost it", "noticed_at": "2026-01-05T10:00"})
    assert response.status_code == status
    if status == 200:
        assert Breach.objects.get(title="Lost file").organisation == person.organisation


@pytest.mark.parametrize("who,status", [("handler", 302), ("dpo", 302), ("auditor", 404),
                                        ("outsider", 404), ("regulator_officer", 404)])
def test_triage_transitions(request, signed_in, incident, who, status):
    client = signed_in(request.getfixturevalue(who))
    response = client.post(reverse("breaches:transition", args=[incident.public_id, "triage"]))
    expected = 403 if who == "auditor" else status
    assert response.status_code == expected
    incident.refresh_from_db()
    assert (incident.status == "triage") is (expected == 302)


@pytest.mark.parametrize("who", ["dpo", "handler", "auditor", "outsider", "regulator_officer"])
def test_evidence_upload_and_download_access(request, signed_in, breach, who, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.PRIVATE_STORAGE_ROOT = tmp_path
    client = signed_in(request.getfixturevalue(who))
    pdf = SimpleUploadedFile("letter.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(reverse("breaches:evidence", args=[breach.public_id]), {"file": pdf})
    allowed = who in ("dpo", "handler")
    assert response.status_code == (302 if allowed else 403 if who == "auditor" else 404)
    assert breach.evidence.count() == (1 if allowed else 0)


def test_evidence_of_another_breach_is_not_reachable_through_mine(signed_in, breach, outsider, tmp_path, settings):
    """A download URL mixing my breach with an evidence id from elsewhere is a 404."""
    from breachdesk.web.breaches import services
    from breachdesk.web.breaches.models import Evidence

    settings.PRIVATE_STORAGE_ROOT = tmp_path
    theirs = services.report_incident(outsider, title="Theirs", what_happened="x", noticed_at=breach.noticed_at)
    item = Evidence.objects.create(breach=theirs, original_name="a.pdf", content_type="application/pdf",
                                   size=1, sha256="0" * 64, stored_as="evidence/x/y", uploaded_by=outsider)
    client = signed_in(outsider)
    url = reverse("breaches:evidence_download", args=[breach.public_id, item.public_id])
    assert client.get(url).status_code == 404
    assert Breach.objects.count() == 2 and Event.objects.filter(breach=theirs).exists()


@pytest.mark.parametrize("who,status", [("handler", 302), ("dpo", 302), ("auditor", 403), ("executive", 403),
                                        ("reporter", 404), ("outsider", 404), ("regulator_officer", 404)])
def test_confirm_as_breach_access(request, signed_in, incident, handler, who, status):
    from breachdesk.web.breaches import services

    services.transition(incident, handler, "triage")
    response = signed_in(request.getfixturevalue(who)).post(reverse("breaches:confirm", args=[incident.public_id]), {
        "title": incident.title, "what_happened": "x", "staff_trained": "yes", "aware_at": "2026-01-05T10:00",
        "incident_type": "non-cyber:failure-to-redact", "confidentiality": "on", "is_cyber": "False",
        "regime": "uk-gdpr"})
    assert response.status_code == status
    incident.refresh_from_db()
    assert (incident.status == "open") is (status == 302)


@pytest.mark.parametrize("who,status", [("dpo", 302), ("auditor", 302), ("executive", 302), ("handler", 302),
                                        ("reporter", 404), ("regulator_officer", 404)])
def test_export_access(request, signed_in, breach, who, status):
    """Readers of the register may export it (after confirming who they are); nobody else."""
    response = signed_in(request.getfixturevalue(who)).get(reverse("breaches:export", args=["csv"]))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("accounts:sudo"))


def test_export_of_another_format_is_404(signed_in, dpo):
    assert signed_in(dpo).get(reverse("breaches:export", args=["pdf"])).status_code == 404
