"""Build: the package as plain Python, plus compiled versions of the free-text scanner's hot
modules (Cython compiles them from the same ``.py`` files; ``.pxd`` files beside them add C
types). Compiling is optional: where it fails (no C compiler, no Python headers), the build
says so and the same modules run as plain Python -- the same results, more slowly.
``breachdesk.scope.detect.extensions()`` tells which are in use.
"""

from __future__ import annotations

import os
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# The modules compiled from their .py source (see breachdesk/scope/detect/_compiled.py).
COMPILED = [
    "breachdesk/scope/detect/text.py",
    "breachdesk/scope/detect/names.py",
    "breachdesk/scope/detect/validators.py",
]


# Hand-written Cython modules with their C libraries: (module, source, libraries, the header
# that must be present, include directory). Each is optional, like the compiled .py modules.
EXTRA = [
    # The candidate pass over libhs directly (Debian: libhyperscan-dev); without it text.py
    # uses the hyperscan package.
    ("breachdesk.scope.detect._hscan", "breachdesk/scope/detect/_hscan.pyx", ["hs"],
     "/usr/include/hs/hs.h", "/usr/include/hs"),
]


class OptionalBuildExt(build_ext):
    """A module that fails to compile is left to run as plain Python."""

    def finalize_options(self):
        super().finalize_options()
        if self.parallel is None:  # the modules compile independently: one per core
            self.parallel = os.cpu_count() or 1

    def build_extension(self, ext):
        try:
            super().build_extension(ext)
        except Exception as exc:  # noqa: BLE001 - any compiler failure: fall back, say why
            print(f"breachdesk: {ext.name} not compiled ({exc}); it runs as plain Python",
                  file=sys.stderr)


def extensions():
    if os.environ.get("BREACHDESK_NO_EXTENSIONS"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        print("breachdesk: Cython is not installed; every module runs as plain Python",
              file=sys.stderr)
        return []
    modules: list = list(COMPILED)
    for name, source, libraries, header, include in EXTRA:
        if not os.path.exists(header):
            print(f"breachdesk: {name} not compiled ({header} is missing); the slower path runs",
                  file=sys.stderr)
            continue
        modules.append(Extension(name, [source], libraries=libraries, include_dirs=[include]))
    return cythonize(
        modules,
        compiler_directives={"language_level": 3, "binding": True},
        quiet=True,
    )


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
