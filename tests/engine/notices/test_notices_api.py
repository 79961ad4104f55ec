import re
from dataclasses import replace
from pathlib import Path

import pytest
from notice_fixtures import context, person

import breachdesk.notices
from breachdesk import vocab
from breachdesk.notices import (
    ADVICE,
    BLOCKS,
    ITEMS,
    JARGON,
    Exposure,
    NoticeError,
    Support,
    WordingError,
    build_notice,
    describe,
    load_wording,
    render_text,
)
from breachdesk.notices.items import FLAG_SIGNALS
from breachdesk.notices.model import ITEM_ALIASES
from breachdesk.scope.detect.rules import BY_NAME

DOCS = Path(__file__).resolve().parents[3] / "docs" / "notices.md"


def test_public_api_is_pinned():
    assert sorted(breachdesk.notices.__all__) == sorted([
        "ADVICE", "BLOCKS", "ITEMS", "JARGON", "REQUIRED", "AdviceRule", "Block", "BlockSpec",
        "BreachContext", "Contact", "Exposure", "Format", "Items", "Notice", "NoticeError",
        "Para", "Person", "Problem", "Readability", "Regulator", "Section", "Support",
        "Wording", "WordingError", "build_notice", "check", "describe", "errors",
        "load_wording", "readability", "render", "render_html", "render_html_fragment",
        "render_text",
    ])
    for name in breachdesk.notices.__all__:
        assert hasattr(breachdesk.notices, name)


def test_every_scope_detector_has_wording_in_its_ico_category():
    # A new detector in the scope engine must be given words a person understands.
    for name, detector in BY_NAME.items():
        if name in FLAG_SIGNALS:
            continue
        item = ITEM_ALIASES.get(name, name)
        assert item in ITEMS, f"no notice wording for detector {name}"
        assert ITEMS[item] == detector.category, name


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_shipped_wording_is_complete(lang):
    wording = load_wording(lang)
    assert set(wording.blocks) >= {b.key for b in BLOCKS}
    assert set(wording.advice) >= {a.key for a in ADVICE}
    assert len(wording.months) == 12


def test_welsh_file_says_it_needs_review():
    head = (Path(breachdesk.notices.__file__).parent / "cy.toml").read_text().splitlines()[:5]
    assert any("needs review by a welsh speaker before use" in line.lower() for line in head)
    assert load_wording("cy").reviewed is False


def test_bank_items_read_as_one_thing():
    keys = describe(Exposure(frozenset({"sort_code", "account_number", "name"})))
    assert keys == ["name", "account_number+sort_code"]
    notice = build_notice(context(), person(items={"sort_code", "account_number"}))
    assert "your bank account number and sort code" in render_text(notice)


def test_category_without_items_falls_back_to_category_wording():
    keys = describe(Exposure(frozenset({"email"}), frozenset({"Health data", vocab.DATA_CATEGORIES[0]})))
    assert keys == ["email", "category:health-data"]


def test_exposure_from_a_scope_people_row():
    row = {"person_id": "P001", "label": 3, "name": "A Person", "email": None, "dob": "1980-01-02",
           "card": "************4242", "sort_code": "**-**-34", "account_number": "****5678",
           "nino": "QQ123456C", "categories": ["Basic personal identifiers",
                                               "Economic and financial data"],
           "child": False, "records": 2, "sources": ["a.csv"]}
    exposure = Exposure.from_scope(row)
    assert exposure.items == {"name", "date_of_birth", "payment_card", "sort_code",
                              "account_number", "nino"}
    assert exposure.card_ending == "4242"
    text = render_text(build_notice(context(), replace(person(), exposure=exposure)))
    assert "the card ending 4242" in text
    assert "4111" not in text and "QQ123456C" not in text


def test_exposure_refuses_what_it_must_not_hold():
    with pytest.raises(NoticeError, match="not ICO data categories"):
        Exposure(categories=frozenset({"Bank stuff"}))
    with pytest.raises(NoticeError, match="last four digits"):
        Exposure(frozenset({"payment_card"}), card_ending="4111111111111111")


def test_organisation_can_override_wording():
    wording = load_wording("en", """
[blocks.acknowledgement]
heading = "We let you down"
""")
    text = render_text(build_notice(context(), person(items={"email"}), wording))
    assert "We let you down" in text and "We are sorry\n" not in text
    # the rest of the block is kept
    assert "We are very sorry" in text


@pytest.mark.parametrize("bad, match", [
    ('[blocks.contact]\nbody = ["Call {helpline_number}"]', "unknown placeholder"),
    ('[blocks.contact]\nbody = ["{organisation.__class__}"]', "only plain names"),
    ('[blocks.contact]\nbody = [{ text = "x", when = "vip" }]', "unknown condition"),
    ('[blocks.contact]\nbody = [{ list = "secrets" }]', "unknown list"),
    ('[blocks.contact]\nbody = [{ text = "x", list = "items" }]', "exactly one"),
    ('[advice.bank]\nheading = "Bank"\nbody = "not a list"', "must be a list"),
])
def test_malformed_overrides_are_refused(bad, match):
    with pytest.raises(WordingError, match=match):
        load_wording("en", bad)


def test_welsh_notice_needs_welsh_text_from_the_organisation():
    with pytest.raises(NoticeError, match="what_happened: no wording in language 'cy'"):
        build_notice(context(), person(items={"email"}, language="cy"))


def test_missing_value_used_by_wording_names_the_field_not_a_value():
    wording = load_wording("en", '[blocks.contact]\nbody = ["Call {helpline}."]')
    ctx = context(support=Support())
    with pytest.raises(NoticeError, match=r"blocks.contact: the wording uses \{helpline\}"):
        build_notice(ctx, person(items={"email"}), wording)


def test_docs_cover_every_block_advice_topic_and_jargon_term():
    text = DOCS.read_text()
    for block in BLOCKS:
        assert f"`{block.key}`" in text, block.key
    for rule in ADVICE:
        assert f"`{rule.key}`" in text, rule.key
    for jargon in JARGON:
        assert jargon.term in text, jargon.term
    assert re.search(r"grade.{0,20}9", text)
