"""Checks before sending: required blocks, readability (offline), jargon, legal references."""

import itertools
import socket
from dataclasses import replace

import pytest
from notice_fixtures import context, faker, person

from breachdesk.notices import (
    BLOCKS,
    ITEMS,
    REQUIRED,
    build_notice,
    check,
    errors,
    readability,
)
from breachdesk.notices.checks import MAX_GRADE, MAX_SENTENCE_LENGTH
from breachdesk.notices.model import Block

JARGON_PARAGRAPH = (
    "Pursuant to our obligations under Art. 34 of the UK GDPR, we hereby notify all data "
    "subjects that an unauthorised third party threat actor facilitated the exfiltration of "
    "personally identifiable information, notwithstanding the aforementioned organisational "
    "and technical countermeasures, in accordance with which remediation activities have "
    "commenced and are being utilised to mitigate consequential detriment."
)


def rules(problems, block=None):
    return {p.rule for p in problems if block is None or p.block == block}


def test_a_removed_required_block_is_caught():
    notice = build_notice(context(), person(items={"email"}))
    assert errors(check(notice)) == []
    for key in sorted(REQUIRED):
        cut = replace(notice, blocks=tuple(b for b in notice.blocks if b.key != key))
        problems = check(cut)
        assert [(p.block, p.rule) for p in errors(problems)] == [(key, "required-block")]


def test_an_emptied_required_block_is_caught():
    notice = build_notice(context(), person(items={"email"}))
    emptied = tuple(Block(b.key, b.heading, ()) if b.key == "commitment" else b
                    for b in notice.blocks)
    problems = check(replace(notice, blocks=emptied))
    assert ("commitment", "required-block") in {(p.block, p.rule) for p in problems}


def test_blocks_out_of_order_are_a_warning():
    notice = build_notice(context(), person(items={"email"}))
    problems = check(replace(notice, blocks=tuple(reversed(notice.blocks))))
    assert [(p.rule, p.severity) for p in problems] == [("block-order", "warning")]


def test_a_long_jargon_heavy_paragraph_is_caught_in_its_block():
    fake = faker(31)
    someone = person(items={"email"}, fake=fake)
    notice = build_notice(context(what_happened=JARGON_PARAGRAPH), someone)
    problems = check(notice)
    found = rules(errors(problems), "what_happened")
    assert {"readability-grade", "long-sentence", "jargon", "legal-reference"} <= found
    messages = {p.message for p in problems}
    for term, plain in [("data subject", "you"), ("exfiltration", "taken"),
                        ("threat actor", "criminals"), ("pursuant to", "under"),
                        ("aforementioned", "this"), ("Art. 34", "legal reference")]:
        assert any(term in m and plain in m for m in messages), term
    # Problems name the block and the rule, never what the notice says about the person.
    for problem in problems:
        text = str(problem)
        assert someone.name not in text and someone.reference not in text
        assert "countermeasures" not in text and "Pursuant" not in text


def test_sentence_length_on_average():
    rambling = ("We sent the list to the wrong person by email on a busy afternoon in the week, "
                "and we did not see that we had done it until they told us about it the next day.")
    notice = build_notice(context(what_happened=" ".join([rambling] * 4)), person(items={"email"}))
    assert "sentence-length" in rules(check(notice), "what_happened")
    assert "long-sentence" not in rules(check(notice))


def test_the_same_facts_in_plain_words_pass():
    plain = ("One of our staff sent a list to the wrong person by email. The list had your "
             "name and email address on it. The person who got it has deleted it.")
    assert errors(check(build_notice(context(what_happened=plain), person(items={"email"})))) == []


def test_personal_data_breach_is_a_warning_with_a_plain_alternative():
    notice = build_notice(context(what_happened="This was a personal data breach."),
                          person(items={"email"}))
    (problem,) = check(notice)
    assert (problem.block, problem.rule, problem.severity) == ("what_happened", "jargon", "warning")
    assert "data breach" in problem.message


@pytest.mark.parametrize("text", ["We met our duty under Article 34(2).", "See s. 170 (DPA).",
                                  "As the GDPR says, we must tell you.",
                                  "The Data Protection Act 2018 applies."])
def test_legal_references_are_caught(text):
    notice = build_notice(context(what_happened=text), person(items={"email"}))
    assert "legal-reference" in rules(errors(check(notice)), "what_happened")


def test_welsh_is_checked_for_legal_references_but_not_scored():
    welsh = context(what_happened={"cy": "Yn unol ag Erthygl 34, rydym yn dweud wrthych."},
                    measures_taken=({"cy": "gofyn iddyn nhw ei dileu"},), next_steps=(),
                    prevention=(), support=replace(context().support, helpline_hours=None),
                    signatory_role=None)
    notice = build_notice(welsh, person(items={"email"}, language="cy"))
    assert rules(check(notice)) == {"legal-reference", "welsh-not-reviewed"}


def test_readability_scores():
    easy = readability("We are sorry. We lost your file. We will help you.")
    assert (easy.words, easy.sentences) == (11, 3)
    assert easy.grade < 2
    hard = readability(JARGON_PARAGRAPH)
    assert hard.sentences == 1 and hard.grade > 20 and hard.sentence_length > 40
    # Links, numbers and email addresses are one short word each.
    assert readability("Call 0300 123 1113 or go to ico.org.uk/make-a-complaint.").syllables == 8


def test_readability_never_touches_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    notice = build_notice(context(), person(items=set(ITEMS)))
    assert errors(check(notice)) == []


EXPOSURES = [
    *[dict(items={item}) for item in ITEMS],
    dict(items=set(ITEMS)),
    dict(items={"sort_code", "account_number", "payment_card"}),
    dict(categories={"Health data", "Sexual orientation data", "Criminal convictions or offences"}),
    dict(items={"name", "date_of_birth", "health"}, child=True),
    dict(items={"postal_address", "postcode", "phone"}, safeguarding=True),
    dict(items={"email"}, special_category=True, child=True, safeguarding=True),
    dict(),
]


@pytest.mark.parametrize("exposure", EXPOSURES, ids=lambda e: "-".join(sorted(map(str, itertools.chain(*[
    v if isinstance(v, set) else [k] for k, v in e.items()]))))[:60] or "nothing")
@pytest.mark.parametrize("support", ["full", "bare"])
def test_shipped_english_passes_its_own_checks(exposure, support):
    ctx = context()
    if support == "bare":
        ctx = context(support=replace(ctx.support, helpline=None, callback=False,
                                      monitoring_provider=None, portal_url=None),
                      next_steps=(), prevention=(), happened_on=None)
    notice = build_notice(ctx, person(**exposure))
    assert check(notice) == []
    for block in notice.blocks:
        assert block.texts(), block.key
    total = readability([t for b in notice.blocks for t in b.texts()])
    assert total.grade <= MAX_GRADE and total.sentence_length <= MAX_SENTENCE_LENGTH


def test_shipped_english_blocks_read_easily_on_their_own():
    # Every block of the fullest notice, scored alone, is well under the limit: the margin
    # allows for pyphen's undercount and for the organisation's own sentences.
    notice = build_notice(context(), person(items=set(ITEMS), child=False, special_category=True))
    for block in notice.blocks:
        score = readability(block.texts())
        assert score.grade <= 7, (block.key, score.grade)
        assert score.sentence_length <= 16, (block.key, score.sentence_length)


def test_every_block_is_declared_required():
    assert {b.key for b in BLOCKS if b.required} == REQUIRED
