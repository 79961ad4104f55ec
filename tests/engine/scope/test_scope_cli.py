"""``breachdesk scope``: exit codes, output modes, permissions and interrupted runs."""

import json
import os
import signal
import stat
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from scope_fixtures import csv_text, evidence

from breachdesk.cli import main
from breachdesk.scope import pipeline


def run(*args):
    return CliRunner().invoke(main, ["scope", *map(str, args)], catch_exceptions=False)


def test_exit_0_when_everything_was_read(tmp_path):
    folder, out = evidence(tmp_path)
    (folder / "a.csv").write_text(csv_text())
    result = run(folder, "--out", out, "--breach-date", "2026-05-01")
    assert result.exit_code == 0, result.output
    assert "3 people (1 to 9)" in result.output
    assert sorted(os.listdir(out)) == sorted(pipeline.OUTPUTS)


def test_exit_3_when_some_inputs_could_not_be_read_and_they_are_listed(tmp_path):
    folder, out = evidence(tmp_path)
    (folder / "a.csv").write_text(csv_text())
    (folder / "empty.csv").write_bytes(b"")
    result = run(folder, tmp_path / "missing.csv", "--out", out)
    assert result.exit_code == 3
    assert "empty.csv: empty file" in result.output
    assert "missing.csv: not found" in result.output
    assert (out / "summary.json").exists()


def test_json_prints_the_summary_and_quiet_prints_nothing(tmp_path):
    folder, out = evidence(tmp_path)
    (folder / "a.csv").write_text(csv_text())
    result = run(folder, "--out", out, "--json")
    assert json.loads(result.output)["people"] == 3
    quiet = run(folder, "--out", out, "--quiet")
    assert quiet.exit_code == 0 and quiet.output == ""


@pytest.mark.parametrize("args", [
    [],                                   # no paths
    ["x.csv"],                            # no --out
    ["x.csv", "--out", "o", "--breach-date", "01/05/2026"],
    ["x.csv", "--out", "o", "--threads", "0"],
])
def test_usage_errors_exit_2(tmp_path, args):
    assert run(*args).exit_code == 2


def test_refuses_to_replace_a_folder_that_is_not_a_scope_output(tmp_path):
    folder, out = evidence(tmp_path)
    (folder / "a.csv").write_text(csv_text())
    out.mkdir()
    (out / "precious.txt").write_text("keep me")
    result = run(folder, "--out", out)
    assert result.exit_code == 2 and "not an earlier scope output" in result.output
    assert (out / "precious.txt").read_text() == "keep me"


def test_outputs_readable_by_the_owner_only_whatever_the_umask(tmp_path):
    folder, out = evidence(tmp_path)
    (folder / "a.csv").write_text(csv_text())
    old = os.umask(0o022)
    try:
        assert run(folder, "--out", out).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert {stat.S_IMODE((out / n).stat().st_mode) for n in os.listdir(out)} == {0o600}


def test_an_interrupted_run_leaves_no_output_and_can_be_rerun(tmp_path, monkeypatch):
    folder, out = evidence(tmp_path)
    (folder / "a.csv").write_text(csv_text())
    (folder / "b.csv").write_text(csv_text())
    real = pipeline.detect_table
    calls = []

    def interrupt_on_second_file(detection, frame):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(detection, frame)

    monkeypatch.setattr(pipeline, "detect_table", interrupt_on_second_file)
    result = run(folder, "--out", out)
    assert result.exit_code == 130
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []
    monkeypatch.setattr(pipeline, "detect_table", real)
    assert run(folder, "--out", out).exit_code == 0


def test_a_rerun_replaces_an_earlier_output_whole(tmp_path):
    folder, out = evidence(tmp_path)
    (folder / "a.csv").write_text(csv_text())
    run(folder, "--out", out)
    first = json.loads((out / "summary.json").read_text())
    (folder / "b.csv").write_text("name,email\nZed Quinn,zed.quinn@example.com\n")
    run(folder, "--out", out)
    second = json.loads((out / "summary.json").read_text())
    assert (first["people"], second["people"]) == (3, 4)


@pytest.mark.slow
def test_a_killed_run_never_presents_partial_output_and_the_next_run_cleans_up(tmp_path):
    folder, out = evidence(tmp_path)
    # Many small files: the run is slow enough to be caught part-way on any machine.
    for i in range(120):
        (folder / f"part{i:03d}.csv").write_text(csv_text())
    cmd = [sys.executable, "-m", "breachdesk", "scope", str(folder), "--out", str(out), "-q"]
    for sig in (signal.SIGTERM, signal.SIGKILL):
        proc = subprocess.Popen(cmd)
        deadline = time.monotonic() + 120
        while not list(tmp_path.glob(".out.partial-*")) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        proc.send_signal(sig)
        proc.wait(timeout=120)
        assert proc.returncode != 0
        assert not out.exists()
    assert subprocess.run(cmd, timeout=600).returncode == 0
    assert sorted(os.listdir(out)) == sorted(pipeline.OUTPUTS)
    assert [p.name for p in tmp_path.iterdir() if ".partial" in p.name] == []


def test_an_internal_error_shows_its_type_but_not_the_data(tmp_path, monkeypatch):
    folder, out = evidence(tmp_path)
    (folder / "a.csv").write_text(csv_text())

    def broken(detection, frame):
        raise ValueError("could not parse 'Anna Whitfield, JK284193B'")

    monkeypatch.setattr(pipeline, "detect_table", broken)
    monkeypatch.delenv("BREACHDESK_DEBUG", raising=False)
    result = CliRunner().invoke(main, ["scope", str(folder), "--out", str(out)])
    assert result.exit_code == 1
    assert "ValueError" in result.output and "Whitfield" not in result.output
    assert not out.exists()
