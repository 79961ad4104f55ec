"""The content blocks of a notice, in reading order, and which of them are required.

A block is data: its key, whether a notice may be sent without it, and why it is there (for
the DPO's preview and the docs, never for the person). Its wording is in the language files.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BlockSpec:
    key: str
    required: bool
    purpose: str


BLOCKS: tuple[BlockSpec, ...] = (
    BlockSpec("acknowledgement", True,
              "Say it plainly and say sorry, in a human voice, before anything else."),
    BlockSpec("what_happened", True,
              "The nature of the breach, in plain words, with dates (UK GDPR Art. 34(2))."),
    BlockSpec("your_information", True,
              "What of this person's was involved, from the scan of the files."),
    BlockSpec("what_it_means", True, "The likely consequences for the person (Art. 34(2))."),
    BlockSpec("what_we_have_done", True,
              "The measures taken and proposed, including to reduce harm (Art. 34(2))."),
    BlockSpec("what_you_can_do", True,
              "Advice for what of theirs was involved: one section per topic (ADVICE)."),
    BlockSpec("support", True, "The support we offer: helpline, callback, emotional support, "
                               "identity or credit monitoring."),
    BlockSpec("contact", True, "Who to contact: the DPO or other contact point (Art. 34(2))."),
    BlockSpec("complaints", True, "How to complain to us, and then to the regulator."),
    BlockSpec("commitment", True, "What we are doing so it does not happen again."),
)

BLOCK_KEYS: tuple[str, ...] = tuple(b.key for b in BLOCKS)
REQUIRED: frozenset[str] = frozenset(b.key for b in BLOCKS if b.required)
