"""The engine (breachdesk/ outside web/) must never import Django."""

import ast
import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "breachdesk"


def engine_files():
    return [p for p in ENGINE.rglob("*.py") if "web" not in p.relative_to(ENGINE).parts]


def test_no_engine_module_imports_django():
    offenders = []
    for path in engine_files():
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "django" or n.startswith("django.") or n.startswith("breachdesk.web")
                   for n in names):
                offenders.append(str(path.relative_to(ENGINE.parent)))
    assert engine_files(), "found no engine files: the test is looking in the wrong place"
    assert offenders == []


def test_engine_cli_loads_without_django():
    # A fresh interpreter: importing the CLI and the engine leaves Django unloaded.
    code = (
        "import sys, breachdesk.cli, breachdesk.vocab, breachdesk.deadlines;"
        "print('django' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
