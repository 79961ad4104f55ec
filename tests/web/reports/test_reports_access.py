"""Every view that reads or changes a report, for each person: the DPO (owner), colleagues
(handler, auditor, executive), a staff reporter, an outsider and the regulator's officer.
Anyone outside the organisation's case readers gets 404; a refused request changes nothing."""

import pytest
from django.urls import reverse

from breachdesk.web.reports.models import RegulatorReport

VIEWS = ["list", "start", "detail", "edit_form", "edit", "submit", "json", "pdf"]


def _views(report):
    b, r = report.breach.public_id, report.public_id
    return {
        "list": ("get", reverse("reports:list", args=[b]), {}),
        "start": ("post", reverse("reports:start", args=[b]), {}),
        "detail": ("get", reverse("reports:detail", args=[b, r]), {}),
        "edit_form": ("get", reverse("reports:edit", args=[b, r]), {}),
        "edit": ("post", reverse("reports:edit", args=[b, r]), {"what_happened": "Changed", "people_told": "told",
                                                                "human_error": "yes", "staff_trained": "yes"}),
        "submit": ("post", reverse("reports:submit", args=[b, r]), {"route": "breachdesk"}),
        "json": ("get", reverse("reports:json", args=[b, r]), {}),
        "pdf": ("get", reverse("reports:pdf", args=[b, r]), {}),
    }


_NOBODY = dict.fromkeys(VIEWS, 404)
_READER = {"list": 200, "start": 403, "detail": 200, "edit_form": 403, "edit": 403, "submit": 403,
           "json": 200, "pdf": 200}
# who -> view -> expected status ("start" on a breach with a draft goes to that draft: 302)
EXPECTED = {
    "dpo": {"list": 200, "start": 302, "detail": 200, "edit_form": 200, "edit": 302, "submit": 302,
            "json": 200, "pdf": 200},
    "handler": {**_READER, "start": 302, "edit_form": 200, "edit": 302},
    "auditor": _READER,
    "executive": _READER,
    "reporter": _NOBODY,
    "outsider": _NOBODY,
    "regulator_officer": _NOBODY,
}


@pytest.mark.django_db
@pytest.mark.parametrize("who", list(EXPECTED))
@pytest.mark.parametrize("view", VIEWS)
def test_report_views(request, signed_in, ready, who, view):
    person = request.getfixturevalue(who)
    method, url, data = _views(ready)[view]
    events_before = ready.breach.events.count()
    response = getattr(signed_in(person), method)(url, data)
    assert response.status_code == EXPECTED[who][view]
    if response.status_code in (403, 404):
        assert ready.breach.events.count() == events_before, "a refused request changed the case"
        report = RegulatorReport.objects.get(pk=ready.pk)
        assert report.status == "draft" and report.what_happened != "Changed"
        assert RegulatorReport.objects.count() == 1
        assert ready.breach.reference.encode() not in response.content


@pytest.mark.django_db
def test_a_regulator_officer_cannot_read_a_submitted_report_in_the_organisation_workspace(
        signed_in, ready, dpo, regulator_officer):
    from breachdesk.web.reports import services

    services.submit(ready, dpo, route=services.BREACHDESK)
    client = signed_in(regulator_officer)
    for name in ("detail", "json", "pdf"):
        response = client.get(reverse(f"reports:{name}", args=[ready.breach.public_id, ready.public_id]))
        assert response.status_code == 404, name


@pytest.mark.django_db
def test_a_report_id_from_another_breach_is_404(signed_in, ready, dpo, reporter):
    from breachdesk.web.breaches import services as breach_services

    other = breach_services.report_incident(reporter, title="Other", what_happened="Other",
                                            noticed_at=ready.breach.noticed_at)
    response = signed_in(dpo).get(reverse("reports:detail", args=[other.public_id, ready.public_id]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client, ready):
    response = client.get(reverse("reports:detail", args=[ready.breach.public_id, ready.public_id]))
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
