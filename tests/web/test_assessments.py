import json
import subprocess
import sys

import pytest
from django.urls import reverse

from breachdesk.web.assessments.models import Assessment

FACTS = {  # a laptop stolen from a car, unencrypted, with tenants' bank details
    "breach_types": ["confidentiality"], "malicious": "yes",
    "data_categories": ["Basic personal identifiers", "Economic and financial data"],
    "data_subject_types": ["Customers or prospective customers"], "people": "1200", "records": "3400",
    "identifiable": "directly", "encrypted": "no", "recipient": "unknown", "exfiltrated": "",
    "recovered": "no",
}


def url(breach, name="assessment"):
    return reverse(f"assessments:{name}", args=[breach.public_id])


def test_page_is_prefilled_from_the_breach_and_shows_a_decision(signed_in, dpo, breach):
    page = signed_in(dpo).get(url(breach)).content.decode()
    assert 'value="confidentiality" class="govuk-checkboxes__input" id="id_breach_types_0" checked' in page
    assert 'name="people" value="30"' in page
    assert 'data-testid="decision-risk"' in page


def test_preview_returns_the_decision_alone(signed_in, handler, breach):
    response = signed_in(handler).post(url(breach, "preview"), FACTS)
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    assert "High risk" in page and "Tell the people affected" in page


def test_dpo_signs_off_and_the_timeline_says_so(signed_in, dpo, breach):
    response = signed_in(dpo).post(url(breach), {**FACTS, "action": "sign_off"})
    assert response.status_code == 302
    item = Assessment.objects.get()
    assert item.status == "signed_off" and item.signed_off_by == dpo
    assert (item.risk, item.notify_regulator, item.notify_individuals) == ("high", True, True)
    assert item.facts["people"] == 1200 and item.rule_set.startswith("uk-gdpr/")
    event = breach.events.filter(kind="decision").first()
    assert event.summary.startswith("Risk assessment 1 signed off: report to the regulator; tell the people")
    assert item.replays()


def test_a_decision_not_to_report_is_kept_in_the_register(signed_in, dpo, breach):
    facts = {**FACTS, "malicious": "no", "recipient": "trusted", "recovered": "yes", "exfiltrated": "no",
             "data_categories": ["Basic personal identifiers"], "people": "3", "records": "3"}
    signed_in(dpo).post(url(breach), {**facts, "action": "sign_off"})
    breach.refresh_from_db()
    item = Assessment.objects.get()
    assert item.notify_regulator is False
    assert breach.not_reported_reason == "\n".join(item.decision["reasons"])
    assert breach.events.filter(kind="decision").first().decision == "not_reporting"


def test_override_needs_a_justification_and_keeps_both_answers(signed_in, dpo, breach):
    client = signed_in(dpo)
    response = client.post(url(breach), {**FACTS, "action": "override", "risk": "risk",
                                         "notify_regulator": "yes", "notify_individuals": "no"})
    assert response.status_code == 400 and "Give the justification for the override" in response.content.decode()
    assert not Assessment.objects.exists()
    client.post(url(breach), {**FACTS, "action": "override", "risk": "risk", "notify_regulator": "yes",
                              "notify_individuals": "no", "justification": "The bank details were all closed accounts."})
    item = Assessment.objects.get()
    assert item.overridden and item.engine_risk == "high" and item.risk == "risk" and not item.notify_individuals
    assert "closed accounts" in breach.events.filter(kind="decision").first().text


def test_handler_proposes_but_cannot_sign_off(signed_in, handler, breach):
    client = signed_in(handler)
    assert client.post(url(breach), {**FACTS, "action": "sign_off"}).status_code == 403
    assert client.post(url(breach), {**FACTS, "action": "propose"}).status_code == 302
    assert Assessment.objects.get().status == "proposed"


@pytest.mark.parametrize("who,view,act", [("auditor", 200, 403), ("executive", 200, 403), ("reporter", 404, 404),
                                          ("outsider", 404, 404), ("regulator_officer", 404, 404)])
def test_access(request, signed_in, breach, who, view, act):
    client = signed_in(request.getfixturevalue(who))
    assert client.get(url(breach)).status_code == view
    assert client.post(url(breach), {**FACTS, "action": "propose"}).status_code == act
    assert client.post(url(breach, "preview"), FACTS).status_code == view
    assert not Assessment.objects.exists()


def test_contradictory_facts_are_named_and_input_kept(signed_in, dpo, breach):
    response = signed_in(dpo).post(url(breach), {**FACTS, "encrypted": "yes", "key_compromised": "yes",
                                                 "identifiable": "hardly", "action": "sign_off"})
    page = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in page
    assert not Assessment.objects.exists()
    assert 'name="people" value="1200"' in page


def test_web_and_cli_give_the_same_decision(signed_in, dpo, breach, tmp_path):
    signed_in(dpo).post(url(breach), {**FACTS, "action": "sign_off"})
    item = Assessment.objects.get()
    facts_file = tmp_path / "facts.json"
    facts_file.write_text(json.dumps(item.facts))
    out = subprocess.run([sys.executable, "-m", "breachdesk", "assess", str(facts_file)],
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == item.decision


def test_a_stored_decision_replays_after_the_rules_gain_a_version(signed_in, dpo, breach, monkeypatch):
    import dataclasses
    from datetime import date

    from breachdesk.risk import rules

    signed_in(dpo).post(url(breach), {**FACTS, "action": "sign_off"})
    item = Assessment.objects.get()
    current = rules.RULE_SETS[0]
    newer = dataclasses.replace(current, id=current.id.rsplit(".", 1)[0] + ".99", in_force_from=date(2000, 1, 1))
    monkeypatch.setattr(rules, "RULE_SETS", (*rules.RULE_SETS, newer))
    assert item.replays()
    page = signed_in(dpo).get(reverse("assessments:stored", args=[breach.public_id, item.public_id])).content.decode()
    assert "Yes: the same facts under the same rules give the same decision" in page
