import json
import re
from pathlib import Path

import breachdesk.risk
from breachdesk import vocab
from breachdesk.risk import FACTS_SCHEMA, levels

DOCS = Path(__file__).resolve().parents[3] / "docs" / "risk.md"


def test_public_api_is_pinned():
    assert sorted(breachdesk.risk.__all__) == sorted([
        "FACTS_SCHEMA", "RULE_SETS", "Decision", "FactsError", "Problem", "RuleSet",
        "UnknownRuleSet", "assess", "replay", "rule_set_for", "validate_facts",
    ])
    for name in breachdesk.risk.__all__:
        assert hasattr(breachdesk.risk, name)


def test_schema_labels_are_the_regulators_vocabularies():
    props = FACTS_SCHEMA["properties"]
    assert props["data_categories"]["items"]["enum"] == list(vocab.DATA_CATEGORIES)
    assert props["data_subject_types"]["items"]["enum"] == list(vocab.DATA_SUBJECT_TYPES)


def test_every_rule_set_scores_every_data_category():
    for rule_set in breachdesk.risk.RULE_SETS:
        assert set(rule_set.dpc_base) == set(vocab.DATA_CATEGORIES)


def test_docs_publish_the_schema_exactly():
    text = DOCS.read_text()
    block = re.search(r"<!-- schema -->\n```json\n(.*?)\n```", text, re.S).group(1)
    assert json.loads(block) == FACTS_SCHEMA


def test_docs_cite_every_rule_and_rule_set():
    text = DOCS.read_text()
    for rule in levels.SOURCES:
        assert f"`{rule}`" in text, f"docs/risk.md does not cite rule {rule}"
    for rule_set in breachdesk.risk.RULE_SETS:
        assert rule_set.id in text
