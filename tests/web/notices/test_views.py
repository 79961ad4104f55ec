"""The notice pages: access for every view (owner DPO, colleagues, outsider, regulator), the
preview with its checks, safeguarding release by two people, the public statement warning."""

import pytest
from django.urls import reverse

from breachdesk.web.audit.models import AuditEntry
from breachdesk.web.breaches.models import Event
from breachdesk.web.notices import campaigns
from breachdesk.web.notices.models import Campaign, Delivery, NoticePlan, SafeguardingRelease

PLAN_POST = {"what_happened": "A list was sent to the wrong school.", "measures_taken": "We asked them to delete it.",
             "contact_email": "dpo@northmere.example", "callback": "on", "counselling": "on"}

WHO = ["dpo", "handler", "auditor", "outsider", "regulator_officer"]


@pytest.fixture
def campaign(plan, people, dpo):
    return campaigns.create(plan.breach, dpo, name="First", channels=["email", "letter"])


@pytest.fixture
def held(people):
    person = people[5]
    person.safeguarding = True
    person.save()
    return person


def _user(request, who):
    return request.getfixturevalue(who)


@pytest.mark.parametrize("who,expected", [("dpo", 302), ("handler", 302), ("auditor", 403), ("outsider", 404), ("regulator_officer", 404)])
def test_edit_plan_access(request, who, expected, breach, signed_in):
    client = signed_in(_user(request, who))
    response = client.post(reverse("notices:plan", args=[breach.public_id]), PLAN_POST)
    assert response.status_code == expected
    assert NoticePlan.objects.filter(breach=breach).exists() == (expected == 302)


@pytest.mark.parametrize("who,expected", [("dpo", 302), ("handler", 302), ("auditor", 403), ("outsider", 404), ("regulator_officer", 404)])
def test_create_campaign_access(request, who, expected, plan, signed_in):
    client = signed_in(_user(request, who))
    response = client.post(reverse("notices:campaigns", args=[plan.breach.public_id]),
                           {"name": "First", "audience": "all", "first_channel": "email", "then_channel": "letter"})
    assert response.status_code == expected
    assert Campaign.objects.count() == (expected == 302)


@pytest.mark.parametrize("action", ["start", "pause", "resume", "print_pack", "resend"])
@pytest.mark.parametrize("who,expected", [("handler", 403), ("auditor", 403), ("outsider", 404), ("regulator_officer", 404)])
def test_sending_actions_are_for_the_dpo_only(request, who, expected, action, campaign, signed_in):
    client = signed_in(_user(request, who))
    response = client.post(reverse(f"notices:{action}", args=[campaign.breach.public_id, campaign.public_id]))
    assert response.status_code == expected
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT and not Delivery.objects.exists()


def test_the_dpo_starts_pauses_and_resumes(campaign, dpo, signed_in, smtp, django_capture_on_commit_callbacks):
    client = signed_in(dpo)
    args = [campaign.breach.public_id, campaign.public_id]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notices:start", args=args), follow=True)
    assert "Sending started: 6 notices queued" in response.text
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DONE and len(smtp.messages) == 5
    assert "Notices: sending started" in campaign.breach.events.values_list("summary", flat=True)[0]
    assert AuditEntry.objects.filter(action="campaign_start").exists()
    assert AuditEntry.objects.filter(action="notices_sent").exists()
    response = client.post(reverse("notices:pause", args=args), follow=True)
    assert "Only a campaign that is sending can be paused" in response.text


@pytest.mark.parametrize("who,expected", [("dpo", 200), ("handler", 200), ("auditor", 200), ("outsider", 404), ("regulator_officer", 404)])
def test_read_pages_access(request, who, expected, campaign, held, signed_in):
    client = signed_in(_user(request, who))
    b, c = campaign.breach.public_id, campaign.public_id
    for url in [reverse("notices:plan", args=[b]), reverse("notices:preview", args=[b]),
                reverse("notices:campaigns", args=[b]), reverse("notices:campaign", args=[b, c]),
                reverse("notices:holds", args=[b, c]), reverse("notices:statement", args=[b])]:
        assert client.get(url).status_code == expected, url


def test_preview_shows_real_notices_with_their_checks(plan, people, dpo, signed_in):
    response = signed_in(dpo).get(reverse("notices:preview", args=[plan.breach.public_id]))
    html = response.text
    assert html.count('data-testid="sample"') == 5
    assert "Dear parent or guardian," in html  # the child is in the sample
    assert "Special category" in html
    assert 'data-testid="checks-passed"' in html
    assert people[0].reference in html  # real people, real references
    assert AuditEntry.objects.filter(action="notice_preview").exists()


def test_a_plan_that_fails_its_checks_cannot_be_sent(plan, people, dpo, signed_in):
    plan.what_happened = "A threat actor achieved exfiltration of data subject records pursuant to Article 33."
    plan.save()
    client = signed_in(dpo)
    preview = client.get(reverse("notices:preview", args=[plan.breach.public_id])).text
    assert 'data-testid="checks-failed"' in preview and "jargon" in preview
    campaign = campaigns.create(plan.breach, dpo, name="First", channels=["email"])
    page = client.get(reverse("notices:campaign", args=[plan.breach.public_id, campaign.public_id])).text
    assert "This campaign cannot be started yet" in page and "Start sending" not in page
    response = client.post(reverse("notices:start", args=[plan.breach.public_id, campaign.public_id]), follow=True)
    assert "fail their checks" in response.text
    assert not Delivery.objects.exists()


@pytest.mark.parametrize("who,expected", [("handler", 302), ("dpo", 302), ("auditor", 403), ("outsider", 404), ("regulator_officer", 404)])
def test_confirm_safe_channel_access(request, who, expected, campaign, held, signed_in):
    client = signed_in(_user(request, who))
    response = client.post(reverse("notices:hold_confirm", args=[campaign.breach.public_id, campaign.public_id, held.public_id]),
                           {"channel": "email", "email": "safe@example.net", "how_confirmed": "By phone with the person"})
    assert response.status_code == expected
    assert SafeguardingRelease.objects.exists() == (expected == 302)


def test_two_person_release(campaign, held, dpo, handler, council, signed_in, smtp, django_capture_on_commit_callbacks):
    b, c = campaign.breach.public_id, campaign.public_id
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(dpo).post(reverse("notices:start", args=[b, c]))
    assert "finn@example.org" not in {m["To"] for m in smtp.messages}

    # The DPO confirms a safe channel; the same DPO cannot release it.
    dpo_client = signed_in(dpo)
    dpo_client.post(reverse("notices:hold_confirm", args=[b, c, held.public_id]),
                    {"channel": "email", "email": "safe@example.net", "how_confirmed": "By phone with the person"})
    release = SafeguardingRelease.objects.get()
    response = dpo_client.post(reverse("notices:hold_release", args=[b, c, release.public_id]), follow=True)
    assert "A second person must release it" in response.text
    assert not Delivery.objects.filter(person=held).exists()

    # The handler confirms it again; now the DPO is the second person and releases it.
    signed_in(handler).post(reverse("notices:hold_confirm", args=[b, c, held.public_id]),
                            {"channel": "email", "email": "safe@example.net", "how_confirmed": "Support worker confirmed"})
    with django_capture_on_commit_callbacks(execute=True):
        response = dpo_client.post(reverse("notices:hold_release", args=[b, c, release.public_id]), follow=True)
    assert "Released" in response.text
    release.refresh_from_db()
    assert (release.confirmed_by, release.released_by) == (handler, dpo)
    tos = [m["To"] for m in smtp.messages]
    assert "safe@example.net" in tos and "finn@example.org" not in tos
    safe = next(m for m in smtp.messages if m["To"] == "safe@example.net")
    assert safe["Subject"] == "A message from Northmere Borough Council"  # discreet
    assert AuditEntry.objects.filter(action="safeguarding_release").exists()


def test_the_database_refuses_a_release_by_the_confirmer(campaign, held, dpo):
    from django.db import IntegrityError, transaction

    release = campaigns.confirm_safe_channel(campaign, held, dpo, channel="email", contact={"email": "s@example.net"},
                                             how_confirmed="phone")
    release.released_by = dpo
    with pytest.raises(IntegrityError), transaction.atomic():
        release.save()
    with pytest.raises(campaigns.CampaignError):
        campaigns.release(release, dpo)


@pytest.mark.parametrize("who,expected", [("handler", 403), ("auditor", 403), ("outsider", 404), ("regulator_officer", 404)])
def test_public_statement_access(request, who, expected, plan, signed_in):
    client = signed_in(_user(request, who))
    response = client.post(reverse("notices:statement", args=[plan.breach.public_id]),
                           {"form": "statement", "at": "2026-12-01T09:00", "where": "Press release"})
    assert response.status_code == expected


def test_public_statement_warns_and_needs_a_reason_while_people_at_high_risk_are_untold(plan, people, dpo, signed_in):
    client = signed_in(dpo)
    url = reverse("notices:statement", args=[plan.breach.public_id])
    page = client.get(url).text
    assert 'data-testid="untold-warning"' in page and "4 people at high risk" in page
    response = client.post(url, {"form": "statement", "at": "2026-12-01T09:00", "where": "Press release"})
    assert response.status_code == 200 and "Give the reason" in response.text
    plan.refresh_from_db()
    assert plan.public_statement_at is None
    response = client.post(url, {"form": "statement", "at": "2026-12-01T09:00", "where": "Press release",
                                 "reason": "The story is already in the local paper."}, follow=True)
    assert "Public statement recorded" in response.text
    plan.refresh_from_db()
    assert plan.public_statement_reason == "The story is already in the local paper."
    event = Event.objects.get(breach=plan.breach, summary__startswith="Public statement planned")
    assert "4 people at high risk not yet told" in event.text
    assert AuditEntry.objects.get(action="public_statement").detail == {"untold": 4, "with_reason": True}


def test_no_warning_once_everyone_at_high_risk_has_been_sent_their_notice(plan, people, dpo, smtp, django_capture_on_commit_callbacks):
    campaign = campaigns.create(plan.breach, dpo, name="First", channels=["email", "letter"])
    with django_capture_on_commit_callbacks(execute=True):
        campaigns.start(campaign, dpo)
    from django.utils import timezone

    assert campaigns.record_public_statement(plan, dpo, at=timezone.now(), where="Website") == 0


def test_public_communication_instead_of_individual_notices(plan, dpo, signed_in):
    url = reverse("notices:statement", args=[plan.breach.public_id])
    response = signed_in(dpo).post(url, {"form": "communication", "reason": "No contact details for 40,000 people.",
                                         "where": "Our website and the local paper"}, follow=True)
    assert "Public communication recorded" in response.text
    plan.refresh_from_db()
    assert plan.public_communication_instead and plan.public_communication_at
    assert Event.objects.filter(breach=plan.breach, summary__contains="Public communication instead").exists()
    assert AuditEntry.objects.filter(action="public_communication").exists()
