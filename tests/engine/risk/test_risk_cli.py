import json
import subprocess
import sys

from click.testing import CliRunner
from factbook import build

from breachdesk.cli import main


def run(*args, stdin=None):
    return CliRunner().invoke(main, ["assess", *args], input=stdin)


def test_assess_prints_the_decision_as_json(tmp_path):
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(build()))
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["risk"] == "none"


def test_assess_reads_standard_input_and_pretty_prints():
    result = run("-", "--pretty", stdin=json.dumps(build(exposure__recipient="hostile")))
    assert result.exit_code == 0
    assert result.stdout.startswith("{\n  ")
    assert json.loads(result.stdout)["notify_individuals"] is True


def test_explain_is_plain_text():
    result = run("-", "--explain", stdin=json.dumps(build(exposure__recipient="hostile")))
    assert result.exit_code == 0
    assert result.stdout.startswith("Risk: high")
    assert "Reasons:" in result.stdout


def test_invalid_facts_exit_2_with_one_problem_per_line():
    result = run("-", stdin=json.dumps(build(regime="gdpr", people=0)))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "<stdin>: people: must be at least 1",
        "<stdin>: regime: is not one of: uk-gdpr, pecr",
    ]


def test_bad_json_exits_2_without_echoing_the_document():
    result = run("-", stdin='{"people": "Jane Doe",')
    assert result.exit_code == 2
    assert "Jane" not in result.stderr and "not valid JSON" in result.stderr


def test_missing_file_and_missing_argument_exit_2():
    assert run("/nonexistent/facts.json").exit_code == 2
    assert run().exit_code == 2


def test_schema_option_prints_the_schema():
    result = run("--schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$id"] == "urn:breachdesk:risk:facts:1"


def test_the_installed_command_without_django(tmp_path):
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(build()))
    code = ("import sys; from breachdesk.cli import main; sys.argv=['breachdesk','assess',"
            f"{str(path)!r}]; \ntry:\n main()\nexcept SystemExit as e:\n"
            " assert 'django' not in sys.modules; raise")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rule_set"] == "uk-gdpr/2018-05-25.1"
