"""Campaigns through the API: list, read, create (the web form's rules), start / pause / resume,
deliveries; the same roles, error shape, audit and tenant isolation as the rest of the API;
safeguarding holds and Welsh wording not bypassable."""

import json

import pytest
from aiosmtpd.controller import Controller

from breachdesk.web.audit.models import AuditEntry
from breachdesk.web.notices import campaigns
from breachdesk.web.notices.models import Campaign, Delivery, NoticePlan
from tests.web.api.api_helpers import fields_of, shape_of
from tests.web.notices.conftest import Inbox, _free_port, people_frame


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 5}}}
    yield inbox
    controller.stop()


@pytest.fixture
def plan(breach):
    return NoticePlan.objects.create(
        breach=breach, what_happened="A list of pupils was emailed to the wrong school.",
        measures_taken="We asked the school to delete the email.\nWe checked that they did.",
        contact_email="dpo@northmere.example", helpline="0808 157 0000", signatory="Ann Example")


@pytest.fixture
def people(breach, handler):
    from breachdesk.web.people import importer

    importer.import_people(breach, handler, people_frame())
    return list(breach.people.order_by("scope_person_id"))


@pytest.fixture
def held(people):
    person = people[5]  # Finn, who has an email address on file
    person.safeguarding = True
    person.save()
    return person


@pytest.fixture
def campaign(plan, people, dpo):
    return campaigns.create(plan.breach, dpo, name="First", channels=["email", "letter"])


def _url(breach, campaign=None, action=""):
    url = f"/api/breaches/{breach.public_id}/campaigns"
    if campaign is not None:
        url += f"/{campaign.public_id}"
    return url + (f"/{action}" if action else "")


def _post(client, url, body=None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


GOOD = {"name": "First notices", "audience": "all", "channels": ["email", "letter"]}


def test_create_list_and_read(api, dpo, plan, people, held):
    client = api(dpo)
    response = _post(client, _url(plan.breach), {**GOOD, "throttle_per_minute": 30,
                                                 "scheduled_at": "2030-01-02T09:00:00+00:00"})
    assert response.status_code == 201, response.content
    body = response.json()
    item = Campaign.objects.get()
    assert body["id"] == item.public_id and body["breach"] == plan.breach.public_id
    assert body["state"] == "draft" and body["channels"] == ["email", "letter"]
    assert body["audience"] == {"kind": "all", "category": "", "references": []}
    assert body["throttle_per_minute"] == 30 and body["scheduled_at"].startswith("2030-01-02T09:00:00")
    assert body["counts"] == {"queued": 0, "sending": 0, "sent": 0, "delivered": 0, "bounced": 0, "failed": 0}
    assert body["held_now"] == 1 and body["problems"] == []
    assert body["created_by"]["id"] == dpo.public_id and body["started_at"] is None
    entry = AuditEntry.objects.get(action="campaign_create")
    assert entry.detail["campaign"] == item.public_id
    listed = client.get(_url(plan.breach)).json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == item.public_id
    assert "problems" not in listed["items"][0]
    read = client.get(_url(plan.breach, item)).json()
    assert read["name"] == "First notices" and read["held_now"] == 1


def test_one_channel_and_a_list_of_references(api, handler, plan, people):
    refs = [people[0].reference, people[1].reference.lower()]
    response = _post(api(handler), _url(plan.breach), {"name": "Two people", "audience": "references",
                                                       "audience_references": refs, "channels": ["sms"]})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["channels"] == ["sms"]
    assert body["audience"]["references"] == [people[0].reference, people[1].reference]  # as the form reads them


BAD = [
    ({"name": ""}, "name", "Give the campaign a name"),
    ({"name": "x" * 201}, "name", "at most 200 characters"),
    ({"name": None}, "name", "Enter text"),
    ({"audience": "everyone"}, "audience", ""),
    ({"audience": "category"}, "audience_category", "Choose the kind of information"),
    ({"audience": "category", "audience_category": "Shoe sizes"}, "audience_category",
     "This is not one of the allowed values"),
    ({"audience": "references"}, "audience_references", "Enter at least one notice reference"),
    ({"audience_references": "ABC-DEF-GHJ"}, "audience_references", "Enter a list"),
    ({"channels": []}, "channels", "Choose how to send first"),
    ({"channels": ["email", "email"]}, "channels", "Choose a different channel, or nothing else"),
    ({"channels": ["pigeon"]}, "channels", ""),
    ({"channels": ["email", "letter", "sms"]}, "channels", "Give one or two channels"),
    ({"scheduled_at": "next Tuesday"}, "scheduled_at", "ISO 8601"),
    ({"scheduled_at": "2030-01-02T09:00:00"}, "scheduled_at", "time zone offset"),
    ({"throttle_per_minute": -1}, "throttle_per_minute", "greater than or equal to 0"),
    ({"throttle_per_minute": "fast"}, "throttle_per_minute", "whole number"),
    ({"colour": "red"}, "colour", "not recognised"),
]


@pytest.mark.parametrize("change,field,words", BAD, ids=[f"{b[1]}-{i}" for i, b in enumerate(BAD)])
def test_bad_input_for_each_field(api, dpo, plan, change, field, words):
    response = _post(api(dpo), _url(plan.breach), {**GOOD, **change})
    assert response.status_code == 422, response.content
    messages = [f["message"] for f in shape_of(response)["fields"] if f["field"] == field]
    assert messages, response.content
    assert any(words in m for m in messages), messages
    for value in change.values():  # messages never repeat what was sent
        if isinstance(value, str) and value and value not in ("category", "references"):
            assert value not in response.content.decode()
    assert not Campaign.objects.exists()


def test_every_problem_of_the_form_in_one_answer(api, dpo, plan):
    response = _post(api(dpo), _url(plan.breach), {"name": "", "audience": "category", "channels": ["sms", "sms"],
                                                   "throttle_per_minute": -5})
    assert set(fields_of(response)) == {"name", "audience_category", "channels", "throttle_per_minute"}


def test_start_pause_resume_and_counts(api, dpo, campaign, held, smtp, django_capture_on_commit_callbacks):
    client = api(dpo)
    with django_capture_on_commit_callbacks(execute=False):
        response = _post(client, _url(campaign.breach, campaign, "start"))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "sending" and body["queued"] == 5 and body["held"] == 1
    assert body["counts"]["queued"] == 5 and body["started_by"]["id"] == dpo.public_id and body["problems"] == []
    response = _post(client, _url(campaign.breach, campaign, "start"))
    assert response.status_code == 409 and shape_of(response)["message"] == "This campaign has already been started."
    assert _post(client, _url(campaign.breach, campaign, "pause")).json()["state"] == "paused"
    response = _post(client, _url(campaign.breach, campaign, "pause"))
    assert response.status_code == 409 and "Only a campaign that is sending can be paused" in response.text
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, _url(campaign.breach, campaign, "resume"))
    assert response.status_code == 200
    body = client.get(_url(campaign.breach, campaign)).json()
    assert body["state"] == "done"
    assert body["counts"]["sent"] == 5 and body["counts"]["queued"] == 0
    assert len(smtp.messages) == 4  # and one letter, for Ella, who has no email address
    assert {e.action for e in AuditEntry.objects.all()} >= {"campaign_start", "campaign_pause", "campaign_resume"}
    summaries = list(campaign.breach.events.values_list("summary", flat=True))
    assert "Notices: sending paused" in summaries and "Notices: sending resumed" in summaries


def test_a_held_person_is_never_in_an_api_started_send(api, dpo, plan, people, held, smtp,
                                                        django_capture_on_commit_callbacks):
    client = api(dpo)
    response = _post(client, _url(plan.breach), {"name": "Only Finn", "audience": "references",
                                                 "audience_references": [held.reference], "channels": ["email"]})
    created = Campaign.objects.get(public_id=response.json()["id"])
    with django_capture_on_commit_callbacks(execute=True):
        body = _post(client, _url(plan.breach, created, "start")).json()
    assert body["queued"] == 0 and body["held"] == 1 and body["held_now"] == 1
    assert not Delivery.objects.filter(person=held).exists() and smtp.messages == []
    for item in [campaign for campaign in client.get(_url(plan.breach)).json()["items"]]:
        deliveries = client.get(_url(plan.breach, Campaign.objects.get(public_id=item["id"]), "deliveries")).json()
        assert held.reference not in [d["person"] for d in deliveries["items"]]
    # And the API has no way to release a hold: only two people, on the web page.
    release = _post(client, _url(plan.breach, created, f"safeguarding/{held.public_id}/release"))
    assert release.status_code in (404, 405)


def test_welsh_speakers_are_not_sent_a_notice_until_the_plan_has_welsh(api, dpo, campaign, people):
    people[2].language = "cy"
    people[2].save()
    response = _post(api(dpo), _url(campaign.breach, campaign, "start"))
    assert response.status_code == 409
    assert shape_of(response)["message"] == (
        "1 person prefers Welsh. Their notices cannot be sent until the notice plan has Welsh wording for: "
        "What happened, What you have done.")
    assert not Delivery.objects.exists()
    body = api(dpo).get(_url(campaign.breach, campaign)).json()
    assert body["state"] == "draft" and body["problems"][0].startswith("1 person prefers Welsh")


def test_deliveries_are_paged_filtered_and_carry_no_contact_details(api, auditor, dpo, campaign, people, smtp,
                                                                    django_capture_on_commit_callbacks):
    smtp.refuse.add("ben@example.org")  # a hard bounce: Ben gets a letter instead
    with django_capture_on_commit_callbacks(execute=True):
        campaigns.start(campaign, dpo)
    client = api(auditor)
    url = _url(campaign.breach, campaign, "deliveries")
    body = client.get(url).json()
    assert body["count"] == 7  # 5 emails (one bounced), Ella's letter, Ben's letter
    first = body["items"][0]
    assert set(first) == {"id", "person", "channel", "status", "attempts", "reason", "safeguarding_release",
                          "created_at", "next_attempt_at", "sent_at", "delivered_at", "updated_at"}
    text = json.dumps(body)
    for person in people:
        for value in (person.details.get("name"), person.details.get("email"), person.details.get("address"),
                      person.details.get("postcode")):
            assert not value or value not in text
    bounced = client.get(url + "?status=bounced").json()
    ben = next(p for p in people if p.scope_person_id == "P1")
    row = Delivery.objects.get(status="bounced")
    assert [(d["id"], d["person"], d["channel"], d["attempts"]) for d in bounced["items"]] == [
        (row.public_id, ben.reference, "email", row.attempts)]
    assert bounced["items"][0]["reason"] == row.reason != ""
    letters = client.get(url + "?channel=letter&status=sent").json()
    assert letters["count"] == 2
    paged = client.get(url + "?per_page=3&page=3").json()
    assert paged["pages"] == 3 and len(paged["items"]) == 1
    assert {d["id"] for d in paged["items"]}.isdisjoint(d["id"] for d in client.get(url + "?per_page=3").json()["items"])
    response = client.get(url + "?status=lost")
    assert response.status_code == 422 and "status" in fields_of(response)
    entry = AuditEntry.objects.filter(action="view_deliveries").last()
    assert entry.detail["via"] == "api" and entry.detail["campaign"] == campaign.public_id


@pytest.mark.parametrize("who,read,create,send", [
    ("dpo", 200, 201, 200), ("handler", 200, 201, 403), ("auditor", 200, 403, 403), ("executive", 200, 403, 403),
    ("reporter", 403, 403, 403), ("outsider", 404, 404, 404), ("regulator_officer", 403, 403, 403),
])
def test_access(request, api, campaign, who, read, create, send, django_capture_on_commit_callbacks):
    client = api(request.getfixturevalue(who))
    breach = campaign.breach
    for url in (_url(breach), _url(breach, campaign), _url(breach, campaign, "deliveries")):
        response = client.get(url)
        assert response.status_code == read, url
        if read != 200:
            shape_of(response)
    response = _post(client, _url(breach), GOOD)
    assert response.status_code == create
    assert Campaign.objects.count() == (2 if create == 201 else 1)
    for action in ("start", "pause", "resume"):
        with django_capture_on_commit_callbacks(execute=False):
            response = _post(client, _url(breach, campaign, action))
        if send == 200 and action == "start":
            assert response.status_code == 200
        elif send == 200:
            assert response.status_code in (200, 409)
        else:
            assert response.status_code == send
            shape_of(response)
    campaign.refresh_from_db()
    assert (campaign.status == Campaign.Status.DRAFT) == (send != 200)
    assert Delivery.objects.exists() == (send == 200)


def test_another_organisations_campaign_is_not_found(api, outsider, dpo, campaign):
    # Outsider asks by the real ids: 404, as if neither existed.
    response = api(outsider).get(_url(campaign.breach, campaign))
    assert response.status_code == 404 and shape_of(response)["code"] == "not_found"
    response = api(dpo).get(f"/api/breaches/{campaign.breach.public_id}/campaigns/nope")
    assert response.status_code == 404 and shape_of(response)["code"] == "not_found"
    response = _post(api(dpo), f"/api/breaches/{campaign.breach.public_id}/campaigns/nope/start")
    assert response.status_code == 404
