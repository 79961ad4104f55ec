"""Build the compact name and street vocabularies shipped in ``data/`` (run offline, by hand).

    .venv/bin/python -m breachdesk.scope.detect._build_vocab /path/to/names-0.3.0/names

Sources (all permissively licensed; see data/SOURCES.md):
- Faker's person providers for en_GB, en_US, en_IE, en_NZ, en (MIT);
- the US Census 1990 name frequency lists as packaged by the ``names`` PyPI package 0.3.0
  (MIT; the Census lists themselves are public domain): every first name, surnames to rank
  40,000.
Locales of other countries (en_IN, pl_PL, ...) are deliberately *left out*: the benchmark
corpus draws some people from them to measure how the context rules do on names the
vocabulary has never seen.

This module is not imported at run time.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

DATA = Path(__file__).with_name("data")
LOCALES = ("en_GB", "en_US", "en_IE", "en_NZ", "en")
SURNAME_RANK_LIMIT = 40_000


def _faker_names() -> tuple[set[str], set[str]]:
    first: set[str] = set()
    last: set[str] = set()
    for loc in LOCALES:
        prov = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female",
                     "first_names_nonbinary"):
            first.update(getattr(prov, attr, ()) or ())
        last.update(getattr(prov, "last_names", ()) or ())
    return first, last


def _census(folder: Path) -> tuple[set[str], set[str]]:
    first: set[str] = set()
    for name in ("dist.male.first", "dist.female.first"):
        for line in (folder / name).read_text().splitlines():
            if line.strip():
                first.add(line.split()[0])
    last: set[str] = set()
    for line in (folder / "dist.all.last").read_text().splitlines():
        parts = line.split()
        if parts and int(parts[3]) <= SURNAME_RANK_LIMIT:
            last.add(parts[0])
    return first, last


def _norm(names: set[str]) -> list[str]:
    out = set()
    for n in names:
        for part in n.replace("-", " ").split():
            if part.isalpha() and len(part) > 1:
                out.add(part.lower())
    return sorted(out)


def main(census_folder: str) -> None:
    f1, l1 = _faker_names()
    f2, l2 = _census(Path(census_folder))
    (DATA / "first_names.txt").write_text("\n".join(_norm(f1 | f2)) + "\n")
    (DATA / "surnames.txt").write_text("\n".join(_norm(l1 | l2)) + "\n")
    street = set()
    for loc in ("en_GB", "en_US"):
        prov = importlib.import_module(f"faker.providers.address.{loc}").Provider
        street.update(getattr(prov, "street_suffixes", ()) or ())
    (DATA / "street_words_faker.txt").write_text("\n".join(_norm(street)) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
