"""``breachdesk assess FILE``: print the decision for a facts file as JSON."""

from __future__ import annotations

import json
import sys

import click

from breachdesk.risk.decision import assess as assess_facts
from breachdesk.risk.facts import FACTS_SCHEMA, FactsError

# Exit codes: 0 decided, 2 the input could not be decided (bad JSON or invalid facts;
# click also uses 2 for usage errors such as a missing file).
INVALID = 2


def _explain(decision: dict) -> str:
    lines = [
        f"Risk: {decision['risk']}   (rule set {decision['rule_set']})",
        f"Report to the regulator: {'yes' if decision['notify_regulator'] else 'no'}"
        f" - deadline {decision['regulator_deadline']}",
        f"Tell the people: {'yes' if decision['notify_individuals'] else 'no'}"
        + (f" - exception {decision['individuals_exception']}"
           if decision["individuals_exception"] else ""),
        "",
        "Reasons:",
        *(f"  - {r}" for r in decision["reasons"]),
    ]
    if decision["would_change"]:
        lines += ["", "What would change the decision:",
                  *(f"  - {w}" for w in decision["would_change"])]
    return "\n".join(lines)


@click.command()
@click.argument("facts_file", metavar="FILE", type=click.File("r", encoding="utf-8"),
                required=False)
@click.option("--pretty", is_flag=True, help="Indent the JSON for reading.")
@click.option("--explain", is_flag=True,
              help="Print the decision as plain text (reasons, what would change) not JSON.")
@click.option("--schema", "show_schema", is_flag=True,
              help="Print the JSON Schema of the facts and exit.")
def assess(facts_file, pretty: bool, explain: bool, show_schema: bool) -> None:
    """Decide whether a breach must be reported and the people told.

    FILE is a JSON facts file (see `--schema` and docs/risk.md); `-` reads standard input.
    Invalid facts print one problem per line on standard error and exit with status 2.
    """
    if show_schema:
        click.echo(json.dumps(FACTS_SCHEMA, indent=2, ensure_ascii=False))
        return
    if facts_file is None:
        raise click.UsageError("give a facts FILE, or - for standard input")
    name = "<stdin>" if facts_file is sys.stdin or facts_file.name == "<stdin>" else facts_file.name
    try:
        facts = json.load(facts_file)
    except json.JSONDecodeError as error:
        # The message names the position only: the document may hold personal data.
        click.echo(f"{name}: not valid JSON (line {error.lineno}, column {error.colno})", err=True)
        sys.exit(INVALID)
    try:
        decision = assess_facts(facts).to_dict()
    except FactsError as error:
        for problem in error.problems:
            click.echo(f"{name}: {problem}", err=True)
        sys.exit(INVALID)
    if explain:
        click.echo(_explain(decision))
    else:
        click.echo(json.dumps(decision, indent=2 if pretty else None, ensure_ascii=False))
