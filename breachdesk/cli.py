"""The ``breachdesk`` command.

Commands load lazily so that ``breachdesk assess`` or ``breachdesk scope`` never import
Django, and a missing optional extra only breaks the command that needs it.
"""

from __future__ import annotations

import importlib

import click

# name -> "module:attribute" of a click command. Add a line to add a command.
COMMANDS: dict[str, str] = {
    "assess": "breachdesk.risk.cli:assess",
    "serve": "breachdesk.web.commands:serve",
    "worker": "breachdesk.web.commands:worker",
    "demo": "breachdesk.web.commands:demo",
    "manage": "breachdesk.web.commands:manage",
    "scope": "breachdesk.scope.cli:scope",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="breachdesk")
def main() -> None:
    """breachdesk: personal data breaches from the first report to the last progress report."""
