"""Which of the scanner's modules run compiled, and the switch to run them as plain Python.

setup.py compiles ``text``, ``names`` and ``validators`` from their own ``.py`` files, and an
extension module is imported in preference to its source. Two cases take the source instead:
``BREACHDESK_NO_EXTENSIONS=1`` (to compare or debug), and a compiled module older than its
source (an edit since the last ``make install``): running stale code would give results the
source does not, so the source runs, with a warning to rebuild.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
import warnings
from pathlib import Path

MODULES = ("text", "names", "validators")
_PACKAGE = __name__.rpartition(".")[0]
_HERE = Path(__file__).resolve().parent


def _built(name: str) -> Path | None:
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = _HERE / f"{name}{suffix}"
        if path.exists():
            return path
    return None


def _source_first() -> set[str]:
    """The modules to import from their source."""
    if os.environ.get("BREACHDESK_NO_EXTENSIONS"):
        return set(MODULES)
    out = set()
    for name in MODULES:
        built = _built(name)
        if built is not None and built.stat().st_mtime < (_HERE / f"{name}.py").stat().st_mtime:
            warnings.warn(
                f"breachdesk: the compiled {name} module is older than {name}.py, so the source "
                "runs (slower); `make install` rebuilds it", RuntimeWarning, stacklevel=2)
            out.add(name)
    if "validators" in out:  # compiled text calls compiled validators' C functions (text.pxd)
        out.add("text")
    return out


class _SourceFinder:
    """A meta-path finder that gives the named modules their ``.py`` file."""

    def __init__(self, names: set[str]):
        self.fullnames = {f"{_PACKAGE}.{n}": n for n in names}

    def find_spec(self, fullname, path=None, target=None):
        name = self.fullnames.get(fullname)
        if name is None:
            return None
        return importlib.util.spec_from_file_location(fullname, _HERE / f"{name}.py")


def install() -> None:
    """Called once, before the package imports the modules."""
    names = _source_first()
    if names and not any(isinstance(f, _SourceFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceFinder(names))


def extensions() -> dict[str, bool]:
    """For each module of the scanner: whether it runs compiled."""
    out = {}
    for name in MODULES:
        module = sys.modules.get(f"{_PACKAGE}.{name}")
        if module is None:
            module = importlib.import_module(f"{_PACKAGE}.{name}")
        out[name] = not (module.__file__ or "").endswith(".py")
    return out


def source_module(name: str):
    """One of :data:`MODULES` loaded from its ``.py`` under another name, whether or not the
    package's own runs compiled: the plain-Python reference the tests compare it with."""
    spec = importlib.util.spec_from_file_location(f"{_PACKAGE}._{name}_source", _HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it runs
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module
