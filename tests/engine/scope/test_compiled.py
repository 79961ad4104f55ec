"""The compiled scanner modules give exactly what their Python source gives, and the switch
back to the source (BREACHDESK_NO_EXTENSIONS, or a build older than its source) works."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus.text import generate
from breachdesk.scope.detect import _compiled, detect_text, detect_texts, extensions

ROOT = Path(__file__).resolve().parents[3]

# Findings for the texts on stdin (a JSON list), one text at a time and batched, as JSON.
_FINDINGS = """
import json, sys
from breachdesk.scope.detect import detect_text, detect_texts, extensions
texts = json.load(sys.stdin)
one = [[[m.start, m.end, m.detector, m.category, m.confidence, m.value, m.masked]
        for m in detect_text(t)] for t in texts]
batched = [list(r) for r in detect_texts(texts).iter_rows()]
print(json.dumps({"extensions": extensions(), "one": one, "batched": batched}))
"""


def _findings_in_subprocess(texts: list[str], **env: str) -> dict:
    run = subprocess.run(
        [sys.executable, "-c", _FINDINGS], input=json.dumps(texts), capture_output=True,
        text=True, cwd=ROOT, env={**os.environ, **env}, check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def _findings_here(texts: list[str]) -> dict:
    one = [[[m.start, m.end, m.detector, m.category, m.confidence, m.value, m.masked]
            for m in detect_text(t)] for t in texts]
    batched = [list(r) for r in detect_texts(texts).iter_rows()]
    return {"one": one, "batched": batched}


def test_the_source_and_this_process_give_identical_findings():
    # The bench's labelled corpus (every detector, distractors, names from many locales),
    # plus texts with characters beyond Latin-1.
    texts = [d["text"] for d in generate(300, seed=11)]
    texts += ["Dear Zoë Brontë-Łukasiewicz, İlker Şahin rang from 0113 496 0000.",
              "Ελένη Παπαδοπούλου, NI QQ123456C, DOB 03/04/1985", ""]
    source = _findings_in_subprocess(texts, BREACHDESK_NO_EXTENSIONS="1")
    assert not any(source["extensions"].values())
    here = _findings_here(texts)
    # The corpus really exercised the rules: thousands of findings, of (nearly) every kind.
    assert sum(len(f) for f in here["one"]) > 2000
    assert len({f[2] for found in here["one"] for f in found}) >= 22
    assert here["one"] == source["one"]
    assert here["batched"] == source["batched"]


@pytest.mark.skipif(os.environ.get("CI") != "true" or bool(os.environ.get("BREACHDESK_NO_EXTENSIONS")),
                    reason="only CI promises a compiler; elsewhere the source may run")
def test_ci_runs_the_compiled_modules():
    assert extensions() == {name: True for name in _compiled.MODULES}


def _fake_build(tmp_path: Path, *, built_after_source: bool) -> None:
    suffix = _compiled.importlib.machinery.EXTENSION_SUFFIXES[0]
    for name in _compiled.MODULES:
        src, so = tmp_path / f"{name}.py", tmp_path / f"{name}{suffix}"
        src.write_text("")
        so.write_bytes(b"")
        os.utime(src, (1_000, 1_000))
        os.utime(so, (2_000 if built_after_source else 500,) * 2)


def test_a_build_older_than_its_source_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setattr(_compiled, "_HERE", tmp_path)
    monkeypatch.delenv("BREACHDESK_NO_EXTENSIONS", raising=False)
    _fake_build(tmp_path, built_after_source=False)
    with pytest.warns(RuntimeWarning, match="older than"):
        assert _compiled._source_first() == set(_compiled.MODULES)


def test_stale_validators_take_the_text_module_with_them(tmp_path, monkeypatch):
    # Compiled, text calls validators' C functions: it cannot run beside their source.
    monkeypatch.setattr(_compiled, "_HERE", tmp_path)
    monkeypatch.delenv("BREACHDESK_NO_EXTENSIONS", raising=False)
    _fake_build(tmp_path, built_after_source=True)
    os.utime(tmp_path / "validators.py", (3_000, 3_000))
    with pytest.warns(RuntimeWarning, match="validators"):
        assert _compiled._source_first() == {"text", "validators"}


def test_a_fresh_build_is_used(tmp_path, monkeypatch):
    monkeypatch.setattr(_compiled, "_HERE", tmp_path)
    monkeypatch.delenv("BREACHDESK_NO_EXTENSIONS", raising=False)
    _fake_build(tmp_path, built_after_source=True)
    assert _compiled._source_first() == set()
    monkeypatch.setenv("BREACHDESK_NO_EXTENSIONS", "1")
    assert _compiled._source_first() == set(_compiled.MODULES)


def test_without_a_build_the_source_runs_quietly(tmp_path, monkeypatch):
    monkeypatch.setattr(_compiled, "_HERE", tmp_path)
    monkeypatch.delenv("BREACHDESK_NO_EXTENSIONS", raising=False)
    for name in _compiled.MODULES:
        (tmp_path / f"{name}.py").write_text("")
    assert _compiled._source_first() == set()  # nothing to skip: the import finds the .py
