"""The bytes Hyperscan scans: one per character, Latin-1 as itself, anything else as 0x80."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from breachdesk.scope.detect.text import one_byte_per_char


def _by_definition(text: str) -> bytes:
    return re.sub(r"[^\x00-\xff]", "\x80", text).encode("latin-1")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(codec=None), max_size=40))
def test_one_byte_per_char_is_latin1_with_everything_else_as_0x80(text):
    data = one_byte_per_char(text)
    assert data == _by_definition(text)
    assert len(data) == len(text)


def test_runs_and_surrogates():
    text = "a\u0142\u0142b\udc80\U0001f600\u00e9"
    assert one_byte_per_char(text) == b"a\x80\x80b\x80\x80\xe9"
