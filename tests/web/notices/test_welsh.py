"""Welsh notices: every free text a person reads has a Welsh field on the plan; a Welsh
person's notice is all Welsh; sending to someone who prefers Welsh is refused, in plain
words, until the plan has that wording."""

import re

import pytest
from django.urls import reverse

from breachdesk.notices import build_notice, render_text
from breachdesk.web.notices import campaigns
from breachdesk.web.notices.adapters import context_for, person_for
from breachdesk.web.notices.campaigns import CampaignError
from breachdesk.web.notices.models import WELSH, Delivery, NoticePlan
from breachdesk.web.notices.rendering import NoticeRenderer

ENGLISH = {
    "what_happened": "A list of pupils was emailed to the wrong school.",
    "measures_taken": "We asked the school to delete the email.\nWe checked that they did.",
    "next_steps": "We will write to you again in a month.",
    "prevention": "We now check the address before sending lists.",
    "complaints": "Email complaints@northmere.example with your reference.",
    "helpline_hours": "Monday to Friday, 9am to 5pm",
    "signatory_role": "Data protection officer",
}
WELSH_TEXT = {
    "what_happened_cy": "Anfonwyd rhestr o ddisgyblion i'r ysgol anghywir drwy e-bost.",
    "measures_taken_cy": "Gofynnon ni i'r ysgol ddileu'r e-bost.\nGwnaethom wirio eu bod wedi gwneud hynny.",
    "next_steps_cy": "Byddwn yn ysgrifennu atoch eto ymhen mis.",
    "prevention_cy": "Rydym bellach yn gwirio'r cyfeiriad cyn anfon rhestrau.",
    "complaints_cy": "Anfonwch e-bost at complaints@northmere.example gyda'ch cyfeirnod.",
    "helpline_hours_cy": "Dydd Llun i ddydd Gwener, 9yb i 5yh",
    "signatory_role_cy": "Swyddog diogelu data",
}


def _flat(text: str) -> str:
    """Words only: the renderer wraps lines, and HTML has tags between them."""
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def _lines(values: dict) -> list[str]:
    return [line for value in values.values() for line in value.splitlines()]


@pytest.fixture
def welsh_person(people):
    person = people[1]
    person.language = "cy"
    person.save()
    return person


def _fill(plan, values):
    for field, value in values.items():
        setattr(plan, field, value)
    plan.save()


def test_every_public_free_text_has_a_welsh_field():
    fields = {f.name for f in NoticePlan._meta.get_fields()}
    assert set(ENGLISH) == set(WELSH)
    assert {welsh for welsh, _ in WELSH.values()} == set(WELSH_TEXT) <= fields


def test_a_welsh_persons_notice_is_all_welsh(plan, welsh_person):
    _fill(plan, {**ENGLISH, **WELSH_TEXT, "helpline": "0808 157 0000"})
    context = context_for(plan)
    person = person_for(welsh_person, portal_code="ABCD2345")
    notice = build_notice(context, person)
    assert notice.lang == "cy"
    rendered = NoticeRenderer(context).render(person)
    for text in (render_text(notice), rendered.text, rendered.html, rendered.subject):
        flat = _flat(text)
        leaked = [line for line in _lines(ENGLISH) if line in flat]
        assert not leaked, leaked
    flat = _flat(rendered.text)
    assert all(line in flat for line in _lines(WELSH_TEXT))
    # The same plan still gives English people their notice in English.
    english = _flat(render_text(build_notice(context, person_for(plan.breach.people.get(scope_person_id="P0")))))
    assert all(line in english for line in _lines(ENGLISH))
    assert not [line for line in _lines(WELSH_TEXT) if line in english]


def test_what_is_missing_is_named_in_plain_words(plan):
    assert plan.welsh_missing() == ["What happened", "What you have done", "How you will stop it happening again",
                                    "Their role (who signs the notice)"]
    _fill(plan, {"what_happened_cy": WELSH_TEXT["what_happened_cy"], "measures_taken_cy": "Un llinell yn unig.",
                 "prevention_cy": WELSH_TEXT["prevention_cy"], "signatory_role_cy": "Swyddog diogelu data"})
    assert plan.welsh_missing() == ["What you have done (one Welsh line for each English line)"]
    _fill(plan, {"measures_taken_cy": WELSH_TEXT["measures_taken_cy"]})
    assert plan.welsh_missing() == []
    _fill(plan, {"complaints": ENGLISH["complaints"]})  # a new English text needs its Welsh too
    assert plan.welsh_missing() == ["How to complain to you"]


def test_sending_to_a_welsh_speaker_is_refused_until_the_welsh_is_written(
        plan, people, welsh_person, dpo, signed_in, smtp, django_capture_on_commit_callbacks):
    campaign = campaigns.create(plan.breach, dpo, name="First", channels=["email", "letter"])
    with pytest.raises(CampaignError) as refused:
        campaigns.start(campaign, dpo)
    message = str(refused.value)
    assert message == ("1 person prefers Welsh. Their notices cannot be sent until the notice plan has Welsh "
                       "wording for: What happened, What you have done, How you will stop it happening again, "
                       "Their role (who signs the notice).")
    assert not Delivery.objects.exists()
    client = signed_in(dpo)
    args = [plan.breach.public_id, campaign.public_id]
    page = client.get(reverse("notices:campaign", args=args)).text
    assert "This campaign cannot be started yet" in page and "1 person prefers Welsh" in page
    response = client.post(reverse("notices:start", args=args), follow=True)
    assert "Their notices cannot be sent until the notice plan has Welsh wording for" in response.text
    assert not Delivery.objects.exists()

    # The plan page says the same, and the Welsh fieldset takes the wording.
    plan_url = reverse("notices:plan", args=[plan.breach.public_id])
    page = client.get(plan_url).text
    assert 'data-testid="welsh-missing"' in page and "How you will stop it happening again" in page
    post = {f: getattr(plan, f) for f in ("what_happened", "measures_taken", "prevention", "contact_email",
                                          "contact_phone", "helpline", "signatory", "signatory_role")}
    post.update({"callback": "on", "counselling": "on", "what_happened_cy": WELSH_TEXT["what_happened_cy"],
                 "measures_taken_cy": WELSH_TEXT["measures_taken_cy"], "prevention_cy": WELSH_TEXT["prevention_cy"],
                 "signatory_role_cy": WELSH_TEXT["signatory_role_cy"]})
    assert client.post(plan_url, post).status_code == 302
    assert 'data-testid="welsh-ready"' in client.get(plan_url).text

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notices:start", args=args), follow=True)
    assert "Sending started: 6 notices queued" in response.text
    by_to = {m["To"]: parts for m, parts in smtp.texts()}
    welsh = _flat(by_to["ben@example.org"]["text/plain"])
    assert WELSH_TEXT["what_happened_cy"] in welsh and "Beth ddigwyddodd" in welsh
    assert plan.what_happened not in welsh and "We asked the school" not in welsh
    assert plan.what_happened in _flat(by_to["olivia@example.org"]["text/plain"])


def test_welsh_is_optional_but_lists_need_one_line_for_each(plan, dpo, signed_in):
    client = signed_in(dpo)
    url = reverse("notices:plan", args=[plan.breach.public_id])
    page = client.get(url).text
    assert 'data-testid="welsh"' in page and "Welsh (Cymraeg) (optional)" in page
    assert 'name="measures_taken_cy"' in page and 'name="signatory_role_cy"' in page
    post = {"what_happened": plan.what_happened, "measures_taken": plan.measures_taken,
            "contact_email": plan.contact_email, "measures_taken_cy": "Un llinell yn unig."}
    response = client.post(url, post)
    assert response.status_code == 200
    assert "Write one Welsh line for each English line: the English has 2 and the Welsh has 1" in response.text
    plan.refresh_from_db()
    assert plan.measures_taken_cy == ""
    post.pop("measures_taken_cy")
    assert client.post(url, post).status_code == 302  # no Welsh at all is fine to save
