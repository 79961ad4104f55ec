"""The aftercare queue in the workspace: who may see and change support requests, due dates
as data (frozen time), replies by email, reminders, and the care figures on the breach page."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from breachdesk.web.aftercare import deadlines, figures, reminders, services
from breachdesk.web.aftercare.models import PersonFeedback, Status, SupportNote, SupportRequest
from breachdesk.web.audit.models import AuditEntry

# --- due dates -------------------------------------------------------------------------------


@pytest.mark.parametrize("received,ack,answer", [
    (datetime(2026, 1, 31, 12, 0, tzinfo=UTC), date(2026, 3, 2), date(2026, 2, 28)),
    (datetime(2028, 1, 31, 12, 0, tzinfo=UTC), date(2028, 3, 1), date(2028, 2, 29)),  # leap year
    (datetime(2026, 11, 20, 9, 0, tzinfo=UTC), date(2026, 12, 20), date(2026, 12, 20)),
    (datetime(2026, 12, 15, 9, 0, tzinfo=UTC), date(2027, 1, 14), date(2027, 1, 15)),
    # 23:30 UTC on 31 May is 00:30 on 1 June in London: the UK day counts.
    (datetime(2026, 5, 31, 23, 30, tzinfo=UTC), date(2026, 7, 1), date(2026, 7, 1)),
])
def test_due_dates(received, ack, answer):
    assert deadlines.acknowledge_by(received) == ack
    assert deadlines.answer_by(received) == answer


def test_due_dates_are_fixed_on_arrival(told):
    with time_machine.travel(datetime(2026, 1, 31, 10, 0, tzinfo=UTC), tick=False):
        item = services.ask(told[0][0], "advice", "What should I do?")
    assert (item.acknowledge_by, item.answer_by) == (date(2026, 3, 2), date(2026, 2, 28))
    assert item.next_due == ("answer", date(2026, 2, 28))  # the month ends before the 30 days
    with time_machine.travel(datetime(2026, 10, 2, 10, 0, tzinfo=UTC), tick=False):
        item = services.ask(told[0][0], "advice", "")
    assert item.next_due == ("acknowledge", date(2026, 11, 1))  # a 31-day month: 30 days come first
    services.acknowledge(item, None)
    assert item.next_due == ("answer", date(2026, 11, 2))


def test_due_state_with_frozen_time(told):
    with time_machine.travel(datetime(2026, 11, 2, 10, 0, tzinfo=UTC), tick=False):
        item = services.ask(told[0][0], "callback", "", phone="01632 960123")
    assert item.answer_by == date(2026, 12, 2)
    assert item.due_state(date(2026, 11, 26)) == ""
    assert item.due_state(date(2026, 11, 27)) == "due_soon"
    assert item.due_state(date(2026, 12, 2)) == "due_soon"
    assert item.due_state(date(2026, 12, 3)) == "overdue"
    with time_machine.travel(datetime(2026, 12, 3, 10, 0, tzinfo=UTC), tick=False):
        services.answer(item, None, "We called you.", route="phone", outcome="called_back")
    assert item.due_state(date(2026, 12, 10)) == "" and item.answered_in_time is False


# --- what is stored --------------------------------------------------------------------------

def test_what_people_write_is_encrypted_at_rest(support_request):
    services.add_note(support_request, None, "Spoke to Person Number0 at home")
    with connection.cursor() as cursor:
        cursor.execute("SELECT encrypted FROM aftercare_supportrequest")
        (stored,) = cursor.fetchone()
        cursor.execute("SELECT encrypted FROM aftercare_supportnote WHERE kind = 'note'")
        (note,) = cursor.fetchone()
    assert "bank" not in stored and "01632" not in stored and "Person Number0" not in note
    assert support_request.content["phone"] == "01632 960123"


def test_feedback_is_encrypted_and_audited_without_content(told):
    person = told[0][0]
    services.impact(person, "I could not sleep for a week")
    services.heard_from(person, "news")
    with connection.cursor() as cursor:
        cursor.execute("SELECT encrypted FROM aftercare_personfeedback")
        (stored,) = cursor.fetchone()
    assert "sleep" not in stored
    assert PersonFeedback.objects.get().impact == "I could not sleep for a week"
    assert not any("sleep" in str(e.detail) for e in AuditEntry.objects.all())


# --- access ----------------------------------------------------------------------------------

def _views(item):
    b, r = item.breach.public_id, item.public_id
    return {
        "queue": ("get", reverse("aftercare:queue"), {}),
        "breach_queue": ("get", reverse("aftercare:breach_queue", args=[b]), {}),
        "detail": ("get", reverse("aftercare:request", args=[b, r]), {}),
        "assign": ("post", reverse("aftercare:assign", args=[b, r]), {"me": "1"}),
        "acknowledge": ("post", reverse("aftercare:acknowledge", args=[b, r]), {}),
        "note": ("post", reverse("aftercare:note", args=[b, r]), {"text": "Called, no answer"}),
        "answer": ("post", reverse("aftercare:answer", args=[b, r]), {"route": "phone", "text": "Advice given"}),
        "outcome": ("post", reverse("aftercare:outcome", args=[b, r]), {"outcome": "called_back"}),
        "status": ("post", reverse("aftercare:status", args=[b, r]), {"status": "closed"}),
    }


CHANGES = ["assign", "acknowledge", "note", "answer", "outcome", "status"]
READS = {"queue": 200, "breach_queue": 200, "detail": 200}
EXPECTED = {
    "dpo": {**READS, **{v: 302 for v in CHANGES}},
    "handler": {**READS, **{v: 302 for v in CHANGES}},
    "auditor": {**READS, **{v: 403 for v in CHANGES}},
    "executive": {**READS, **{v: 403 for v in CHANGES}},
    "reporter": {v: 404 for v in [*READS, *CHANGES]},
    "outsider": {**{v: 404 for v in [*READS, *CHANGES]}, "queue": 200},  # their own (empty) queue
    "regulator_officer": {v: 404 for v in [*READS, *CHANGES]},
}


@pytest.mark.parametrize("who", list(EXPECTED))
@pytest.mark.parametrize("view", [*READS, *CHANGES])
def test_access(request, signed_in, support_request, who, view):
    person = request.getfixturevalue(who)
    method, url, data = _views(support_request)[view]
    notes_before = support_request.notes.count()
    response = getattr(signed_in(person), method)(url, data)
    assert response.status_code == EXPECTED[who][view]
    if method == "post" and response.status_code in (403, 404):
        support_request.refresh_from_db()
        assert support_request.notes.count() == notes_before, "a refused request changed something"
        assert support_request.owner is None and support_request.status == Status.RECEIVED
    if view == "queue" and who == "outsider":
        assert support_request.public_id not in response.content.decode()


def test_anonymous_is_sent_to_sign_in(client, support_request):
    response = client.get(reverse("aftercare:queue"))
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_reading_a_request_is_audited(signed_in, auditor, support_request):
    signed_in(auditor).get(reverse("aftercare:request", args=[support_request.breach.public_id,
                                                               support_request.public_id]))
    entry = AuditEntry.objects.filter(action="view_support_request").get()
    assert entry.object_id == support_request.public_id and entry.actor_id == auditor.pk


# --- handling --------------------------------------------------------------------------------

def test_the_queue_shows_the_due_date(signed_in, dpo, support_request):
    page = signed_in(dpo).get(reverse("aftercare:breach_queue", args=[support_request.breach.public_id]))
    html = page.content.decode()
    assert "A call back" in html and support_request.public_id in html
    assert f"by {support_request.next_due[1]:%-d %B %Y}" in html


def test_the_queue_filters(signed_in, dpo, support_request, told):
    complaint = services.ask(told[1][0], "complaint", "You should not have lost my data")
    client = signed_in(dpo)
    html = client.get(reverse("aftercare:queue") + "?kind=complaint").content.decode()
    assert complaint.public_id in html and support_request.public_id not in html
    services.assign(support_request, dpo, dpo)
    html = client.get(reverse("aftercare:queue") + "?show=mine").content.decode()
    assert support_request.public_id in html and complaint.public_id not in html


def test_owner_acknowledge_note_answer_by_email(signed_in, handler, dpo, support_request):
    client = signed_in(handler)
    b, r = support_request.breach.public_id, support_request.public_id
    client.post(reverse("aftercare:assign", args=[b, r]), {"owner": dpo.pk})
    client.post(reverse("aftercare:acknowledge", args=[b, r]), {"email": "on"})
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["person0@example.org"]
    assert "We have received your request" in mail.outbox[0].subject
    client.post(reverse("aftercare:note", args=[b, r]), {"text": "Will call Tuesday"})
    client.post(reverse("aftercare:answer", args=[b, r]), {
        "route": "email", "text": "Here is our advice: call your bank.", "outcome": "advice_given"})
    assert len(mail.outbox) == 2
    assert "call your bank" in mail.outbox[1].body and support_request.public_id in mail.outbox[1].body
    support_request.refresh_from_db()
    assert (support_request.owner, support_request.status, support_request.outcome) == (
        dpo, Status.ANSWERED, "advice_given")
    assert support_request.answered_in_time is True
    kinds = list(support_request.notes.values_list("kind", flat=True))
    assert kinds.count(SupportNote.Kind.REPLY) == 1 and kinds.count(SupportNote.Kind.NOTE) == 1
    page = client.get(reverse("aftercare:request", args=[b, r])).content.decode()
    assert "Will call Tuesday" in page and "call your bank" in page


def test_an_owner_must_handle_support_in_the_same_organisation(support_request, auditor, outsider, dpo):
    for wrong in (auditor, outsider):
        with pytest.raises(services.SupportError):
            services.assign(support_request, dpo, wrong)


def test_safeguarding_people_are_never_emailed_from_the_queue(signed_in, dpo, support_request):
    person = support_request.person
    person.safeguarding = True
    person.save()
    client = signed_in(dpo)
    b, r = support_request.breach.public_id, support_request.public_id
    client.post(reverse("aftercare:acknowledge", args=[b, r]), {"email": "on"})
    response = client.post(reverse("aftercare:answer", args=[b, r]), {"route": "email", "text": "Hello"}, follow=True)
    assert mail.outbox == []
    assert "safeguarding" in response.content.decode()
    support_request.refresh_from_db()
    assert support_request.answered_at is None


def test_status_changes_and_reopening(support_request, dpo):
    services.set_status(support_request, dpo, "closed")
    assert support_request.closed_at and not support_request.is_open
    services.set_status(support_request, dpo, "acknowledged")
    assert support_request.is_open and support_request.closed_at is None


# --- reminders -------------------------------------------------------------------------------

def test_reminders_with_frozen_time(told, dpo, handler):
    with time_machine.travel(datetime(2026, 11, 2, 10, 0, tzinfo=UTC), tick=False):
        owned = services.ask(told[0][0], "callback", "", phone="01632 960123")
        services.assign(owned, dpo, handler)
        unowned = services.ask(told[1][0], "complaint", "Not good enough")
    with time_machine.travel(datetime(2026, 11, 20, 8, 0, tzinfo=UTC), tick=False):
        assert reminders.send() == {"emails": 0, "requests": 0}  # nothing due within 5 days
    with time_machine.travel(datetime(2026, 11, 28, 8, 0, tzinfo=UTC), tick=False):
        call_command("aftercare_reminders")
        assert sorted(m.to[0] for m in mail.outbox) == ["dpo@northmere.example", "handler@northmere.example"]
        body = next(m for m in mail.outbox if m.to == ["handler@northmere.example"]).body
        assert owned.public_id in body and unowned.public_id not in body and "Person" not in body
        mail.outbox.clear()
        assert reminders.send() == {"emails": 0, "requests": 0}  # once a day
    with time_machine.travel(datetime(2026, 12, 3, 8, 0, tzinfo=UTC), tick=False):
        services.answer(owned, handler, "Called", route="phone")
        reminders.send()
        assert [m.to for m in mail.outbox] == [["dpo@northmere.example"]]
        assert "overdue" in mail.outbox[0].subject.lower() and "OVERDUE" in mail.outbox[0].body


# --- care figures ----------------------------------------------------------------------------

def test_care_figures(breach, told, plan, dpo):
    person0, person1 = (p for p, _ in told)
    services.heard_from(person0, "news")
    services.heard_from(person1, "letter")
    first = services.ask(person0, "callback", "", phone="01632 960123")
    services.ask(person0, "advice", "")
    services.ask(person1, "complaint", "Bad")
    services.answer(first, dpo, "Called", route="phone")
    plan.public_statement_at = person1.portal_code_issued_at + timedelta(hours=1)
    plan.save()
    care = figures.for_breach(breach)
    assert (care.people, care.told, care.told_source) == (2, 2, "portal codes")
    assert (care.answered_heard, care.heard_from_media) == (2, 1)
    assert (care.offered_support, care.asked_for_support, care.complaints) == (2, 1, 1)
    assert (care.answered, care.answered_in_time, care.deliveries_failed) == (1, 1, 0)
    assert care.told_before_statement == 2
    assert care.first_told_after_awareness > timedelta(hours=9)


def test_care_figures_on_the_breach_page(signed_in, dpo, breach, told):
    services.heard_from(told[0][0], "social")
    html = signed_in(dpo).get(reverse("breaches:detail", args=[breach.public_id])).content.decode()
    assert "Telling people and looking after them" in html
    assert "1 of 1 who answered" in html
    assert reverse("aftercare:breach_queue", args=[breach.public_id]) in html


def test_requests_made_in_the_portal_are_in_the_queue(support_request):
    assert SupportRequest.objects.open().for_organisation(support_request.breach.organisation).count() == 1


def test_care_figures_count_deliveries_once_there_are_any(breach, told, dpo):
    from django.apps import apps

    try:
        campaign_model, delivery = apps.get_model("notices", "Campaign"), apps.get_model("notices", "Delivery")
    except LookupError:
        pytest.skip("notice delivery is not installed")
    campaign = campaign_model.objects.create(breach=breach, name="Everyone", channels=["email"], created_by=dpo)
    person0, person1 = (p for p, _ in told)
    for person, status in ((person0, "delivered"), (person1, "bounced")):
        delivery.objects.create(campaign=campaign, person=person, channel="email", status=status,
                                key=delivery.make_key(campaign.pk, person.pk, "email"),
                                sent_at=person.portal_code_issued_at)
    care = figures.for_breach(breach)
    assert (care.told, care.deliveries_failed, care.told_source) == (1, 1, "deliveries")
