"""Build a spaCy English pipeline of ``en_core_web_sm``'s shape, for timing Presidio with NER.

Runs in bench/.venv-peers (bench/text_bench.py builds it in memory). spaCy's trained English models are
not on PyPI (only re-uploads by third parties, which we do not install), so Presidio cannot
run with them here. What decides how fast a spaCy pipeline runs is its architecture, its label
sets and the text, not the values of its weights. This builds that architecture with the
weights left as initialised:

- a shared ``tok2vec`` (hash embeddings of NORM, PREFIX, SUFFIX and SHAPE, width 96; a
  maxout window encoder of depth 4) that the tagger and the parser listen to;
- the ``ner`` component with a tok2vec of its own, as the published pipelines have it;
- the label sets the published English pipelines list: 50 tags, 45 dependency labels and the
  18 OntoNotes entity types;
- an attribute ruler that sets each token's part of speech from its tag, and the rule-based
  lemmatizer with spaCy's own English tables (spacy-lookups-data), in the published order:
  tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner. Presidio reads the lemmas.

It is a stand-in for speed only: its tags, parses and entities are meaningless, so the bench
reports no accuracy for it. spaCy starts each output layer at zero, which would make every
token's decision the same; those layers get small random weights instead, so decisions vary
from token to token as a trained model's do. Presidio's work after spaCy grows with the
entities it is given, so the bias of NER's "O" (outside) action is set, by bisection on sample
texts, to give as many entities per text as the corpus has labelled spans per text.

It has no static word vectors (``en_core_web_sm`` has none either; the ``en_core_web_lg``
Presidio loads by default has them, and is slower for it: Explosion's own figures for 3.8.0
are 9,426 words/s for sm, 8,838 for lg), so Presidio measured with it is, if anything, faster
than Presidio as installed by default.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

TAGS = ("$ '' , -LRB- -RRB- . : ADD AFX CC CD DT EX FW HYPH IN JJ JJR JJS LS MD NFP NN NNP "
        "NNPS NNS PDT POS PRP PRP$ RB RBR RBS RP SYM TO UH VB VBD VBG VBN VBP VBZ WDT WP WP$ "
        "WRB XX _SP ``").split()
DEPS = ("acl acomp advcl advmod agent amod appos attr aux auxpass case cc ccomp compound conj "
        "csubj csubjpass dative dep det dobj expl intj mark meta neg nmod npadvmod nsubj "
        "nsubjpass nummod oprd parataxis pcomp pobj poss preconj predet prep prt punct quantmod "
        "relcl xcomp").split()
# The usual mapping of the English tags to universal parts of speech, for the attribute ruler.
POS = {"$": "SYM", "''": "PUNCT", ",": "PUNCT", "-LRB-": "PUNCT", "-RRB-": "PUNCT", ".": "PUNCT",
       ":": "PUNCT", "ADD": "X", "AFX": "ADJ", "CC": "CCONJ", "CD": "NUM", "DT": "DET",
       "EX": "PRON", "FW": "X", "HYPH": "PUNCT", "IN": "ADP", "JJ": "ADJ", "JJR": "ADJ",
       "JJS": "ADJ", "LS": "X", "MD": "AUX", "NFP": "PUNCT", "NN": "NOUN", "NNP": "PROPN",
       "NNPS": "PROPN", "NNS": "NOUN", "PDT": "DET", "POS": "PART", "PRP": "PRON", "PRP$": "PRON",
       "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "RP": "ADP", "SYM": "SYM", "TO": "PART",
       "UH": "INTJ", "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB",
       "VBZ": "VERB", "WDT": "PRON", "WP": "PRON", "WP$": "PRON", "WRB": "ADV", "XX": "X",
       "_SP": "SPACE", "``": "PUNCT"}
ENTS = ("CARDINAL DATE EVENT FAC GPE LANGUAGE LAW LOC MONEY NORP ORDINAL ORG PERCENT PERSON "
        "PRODUCT QUANTITY TIME WORK_OF_ART").split()


def config():
    from spacy.cli.init_config import init_config

    cfg = init_config(lang="en", pipeline=["tagger", "parser", "ner"], optimize="efficiency")
    shared = cfg["components"]["tok2vec"]["model"]
    # The published pipelines give NER a tok2vec of its own (not a listener on the shared one).
    cfg["components"]["ner"]["model"]["tok2vec"] = {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": dict(shared["embed"], width=96),
        "encode": dict(shared["encode"]),
    }
    # Keep every dependency label, however few examples the tiny initialisation set holds.
    cfg["components"]["parser"]["min_action_freq"] = 1
    return cfg


def examples(nlp):
    """A few annotated sentences that carry every label, so each output layer has full size."""
    from spacy.tokens import Doc
    from spacy.training import Example

    rng = random.Random(7)
    out = []
    for i, dep in enumerate(DEPS):
        words = ["Word", "word", "."]
        ent = ENTS[i % len(ENTS)]
        ref = {"words": words, "tags": [TAGS[(2 * i) % len(TAGS)], TAGS[(2 * i + 1) % len(TAGS)], "."],
               "heads": [1, 1, 1], "deps": [dep, "ROOT", "punct"],
               "entities": [f"U-{ent}", "O", "O"]}
        out.append(Example.from_dict(Doc(nlp.vocab, words=words), ref))
    rng.shuffle(out)  # the order shapes the initial weights: kept as the report measured it
    return out


def build(sample: list[str], ents_per_text: float):
    """The pipeline, its NER calibrated on ``sample`` to ``ents_per_text`` entities a text."""
    import spacy

    nlp = spacy.util.load_model_from_config(config(), auto_fill=True, validate=True)
    ruler = nlp.add_pipe("attribute_ruler", before="ner")
    nlp.add_pipe("lemmatizer", after="attribute_ruler", config={"mode": "rule"})
    ex = examples(nlp)
    nlp.initialize(lambda: ex)  # loads the lemmatizer's tables; clears the ruler's patterns
    for tag in TAGS:
        ruler.add(patterns=[[{"TAG": tag}]], attrs={"POS": POS[tag]})
    sizes = {name: len(nlp.get_pipe(name).labels) for name in ("tagger", "parser", "ner")}
    assert sizes == {"tagger": len(TAGS), "parser": len(DEPS) + 1, "ner": len(ENTS)}, sizes
    randomise_outputs(nlp)
    calibrate(nlp, sample, ents_per_text)
    nlp.meta.update(name="sm_shaped_untrained", version="0.0.0",
                    description="en_core_web_sm's architecture with untrained weights: speed only")
    return nlp


def randomise_outputs(nlp, seed: int = 7) -> None:
    """Small random weights for the output layers spaCy starts at zero."""
    import numpy

    rng = numpy.random.default_rng(seed)
    for name in ("tagger", "parser", "ner"):
        for node in nlp.get_pipe(name).model.walk():
            if node.has_param("W") and not node.get_param("W").any():
                w = node.get_param("W")
                node.set_param("W", rng.normal(0, 1 / w.shape[1] ** 0.5, w.shape).astype(w.dtype))


def calibrate(nlp, sample: list[str], target: float, steps: int = 12) -> float:
    """Set the bias of NER's "O" action so the sample gets about ``target`` entities a text."""
    ner = nlp.get_pipe("ner")
    b = ner.model.get_ref("upper").get_param("b")
    o = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)].index("O")
    base = float(b[o])
    with nlp.select_pipes(enable=["ner"]):
        def rate(bias: float) -> float:
            b[o] = base + bias
            return sum(len(d.ents) for d in nlp.pipe(sample)) / len(sample)

        lo, hi = -8.0, 8.0
        for _ in range(steps):
            mid = (lo + hi) / 2
            if rate(mid) > target:
                lo = mid
            else:
                hi = mid
        got = rate(hi)
    return got


if __name__ == "__main__":
    import json

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="the bench corpus (JSON Lines with text, labels)")
    ap.add_argument("dest", type=Path)
    a = ap.parse_args()
    docs = [json.loads(line) for line in a.corpus.open()][:100]
    target = sum(len(d["labels"]) for d in docs) / len(docs)
    build([d["text"] for d in docs], target).to_disk(a.dest)
    print(f"spaCy pipeline of en_core_web_sm's shape (untrained) written to {a.dest}")
