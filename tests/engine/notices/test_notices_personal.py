"""Personalisation: what of theirs was involved decides what each person is told."""

from dataclasses import replace

import pytest
from notice_fixtures import context, faker, person

from breachdesk.notices import ADVICE, Format, build_notice, check, errors, render_html, render_text
from breachdesk.notices.model import Contact

TRIGGERS = {
    "bank": dict(items={"sort_code", "account_number"}),
    "card": dict(items={"payment_card"}),
    "national_insurance": dict(items={"nino"}),
    "passwords": dict(items={"password"}),
    "identity": dict(items={"date_of_birth"}),
    "health": dict(categories={"Health data"}),
    "sensitive": dict(categories={"Religious or philosophical beliefs"}),
    "not_yet_known": dict(categories={"Not yet known"}),
    "child": dict(items={"name"}, child=True),
    "safeguarding": dict(items={"postal_address"}, safeguarding=True),
}


def flat(notice):
    """The plain text with line breaks undone, to search for phrases."""
    return " ".join(render_text(notice).split())


def sections(notice):
    return [s.key for s in notice.block("what_you_can_do").sections]


def test_every_advice_topic_has_a_trigger_here():
    assert set(TRIGGERS) | {"scams"} == {a.key for a in ADVICE}


@pytest.mark.parametrize("key", sorted(TRIGGERS))
def test_advice_appears_only_for_what_was_involved(key):
    with_it = build_notice(context(), person(**TRIGGERS[key]))
    without = build_notice(context(), person(items={"email"}))
    assert key in sections(with_it)
    assert key not in sections(without)


def test_bank_details_bring_bank_advice_and_nothing_else_does():
    notice = build_notice(context(), person(items={"sort_code", "account_number", "email"}))
    text = flat(notice)
    assert "Tell your bank" in text and "Direct Debit Guarantee" in text
    plain = flat(build_notice(context(), person(items={"email", "phone"})))
    assert "Tell your bank" not in plain and "Direct Debit" not in plain
    assert "your email address" in plain and "your phone number" in plain
    assert "bank account number" not in plain


def test_scam_advice_is_for_everyone_and_comes_after_the_specific_advice():
    notice = build_notice(context(), person(items={"nino", "password"}))
    assert sections(notice) == ["national_insurance", "passwords", "identity", "scams"]


def test_password_advice_says_change_it_everywhere_else_used():
    text = flat(build_notice(context(), person(items={"password_hash"})))
    assert "a scrambled copy of your password" in text
    assert "anywhere else" in text


def test_child_notice_is_addressed_to_the_parent_or_guardian():
    fake = faker(11)
    child = person(items={"name", "date_of_birth", "health"}, child=True, fake=fake)
    notice = build_notice(context(), child)
    text = flat(notice)
    assert notice.greeting == "Dear parent or guardian,"
    assert f"as the parent or guardian of {child.name}" in text
    assert child.salutation not in text
    assert "your child's date of birth" in text and "your date of birth" not in text
    assert "Your child's care and treatment" in text
    assert "your child's personal information" in notice.subject
    assert "child" in sections(notice)


def test_adult_notice_speaks_to_the_person():
    adult = person(items={"name"})
    notice = build_notice(context(), adult)
    assert notice.greeting == f"Dear {adult.salutation},"
    assert "parent or guardian" not in flat(notice)


def test_safeguarding_notice_reveals_no_address_and_has_a_discreet_subject():
    fake = faker(21)
    at_risk = person(items={"postal_address", "postcode", "name"}, safeguarding=True, fake=fake)
    notice = build_notice(context(), at_risk)
    text = " ".join(render_text(notice, letter=True).split())
    html = render_html(notice, letter=True)
    assert notice.recipient_address is None
    for line in at_risk.address_lines[1:]:
        assert line not in text and line not in html
    assert notice.subject == "A message from Northmere Borough Council"
    assert "<address>" not in html
    assert sections(notice)[0] == "safeguarding"
    assert "only contact you in the way you have agreed" in text
    assert errors(check(notice)) == []


def test_ordinary_letter_does_show_the_address():
    # The same check as above passes only because safeguarding hides it.
    someone = person(items={"postal_address"}, fake=faker(21))
    notice = build_notice(context(), someone)
    html = render_html(notice, letter=True)
    assert "<address>" in html
    assert someone.address_lines[1] in html
    assert someone.address_lines[1] in render_text(notice, letter=True)
    # An email is not a letter: no postal address in it.
    assert someone.address_lines[1] not in render_text(notice) + render_html(notice)


def test_special_category_flag_adds_the_sensitive_sentence():
    flagged = build_notice(context(), person(items={"email"}, special_category=True))
    assert "private and sensitive" in flat(flagged)
    assert "private and sensitive" not in flat(build_notice(context(), person(items={"email"})))


@pytest.mark.parametrize("item", ["religion", "ethnicity", "sexual_orientation", "trade_union",
                                  "criminal_offence"])
def test_sensitive_items_found_by_the_scan_bring_their_advice(item):
    notice = build_notice(context(), person(items={item}))
    assert "sensitive" in sections(notice)
    assert "private and sensitive" in flat(notice)


def test_nothing_known_yet_says_so():
    notice = build_notice(context(), person())
    assert "we are still checking exactly what" in flat(notice)
    assert "not_yet_known" in sections(notice)


def test_support_offer_is_personal_and_optional():
    someone = person(items={"date_of_birth"})
    text = flat(build_notice(context(), someone))
    assert someone.activation_code in text and "12 months" in text and "30 June 2025" in text
    assert someone.reference in text and someone.portal_code in text
    bare = context(support=replace(context().support, helpline=None, callback=False,
                                   monitoring_provider=None, portal_url=None, counselling=False))
    text = flat(build_notice(bare, someone))
    assert someone.activation_code not in text and "helpline" not in text
    assert "If you need help, please contact us." in text


def test_contact_and_complaint_route():
    text = flat(build_notice(context(contact=Contact(email="privacy@northmere.example")),
                                    person(items={"email"})))
    assert "please contact our data protection officer" in text
    assert "Email: privacy@northmere.example" in text
    assert "Information Commissioner's Office (ICO)" in text
    assert "ico.org.uk/make-a-complaint" in text and "0303 123 1113" in text


def test_welsh_notice():
    welsh = context(
        what_happened={"en": "We sent a list to the wrong person.",
                       "cy": "Fe wnaethom anfon rhestr at y person anghywir."},
        measures_taken=({"en": "asked them to delete it", "cy": "gofyn iddyn nhw ei dileu"},),
        next_steps=(), prevention=(),
        support=replace(context().support, helpline_hours=None),
        signatory_role={"en": "Chief Executive", "cy": "Prif Weithredwr"},
    )
    notice = build_notice(welsh, person(items={"sort_code", "account_number"}, language="cy"))
    html = render_html(notice)
    assert '<html lang="cy">' in html and 'lang="cy"' in html.split("<article", 1)[1]
    assert "Mae&#x27;n ddrwg gennym" in html
    assert "rhif cyfrif banc a chod didoli" in html
    assert "4 Mawrth 2025" in html
    assert "bank" in sections(notice)
    problems = check(notice)
    assert errors(problems) == []
    assert [p.rule for p in problems] == ["welsh-not-reviewed"]


def test_format_comes_from_the_person():
    notice = build_notice(context(), person(items={"email"}, format="large_print"))
    assert notice.format is Format.LARGE_PRINT
