"""Wording: the editable text of notices, as data.

Each language has a TOML file beside this module (``en.toml``, ``cy.toml``). An organisation
changes the wording for one breach by passing overrides with the same shape, merged field by
field over the shipped file (see docs/notices.md). The template language is deliberately small:

- a block's ``body`` is a list of entries, each either a string (a paragraph) or a table:
  ``{ text = "..." }`` a paragraph, ``{ list = "name" }`` a bulleted list from a list value,
  ``{ items = ["...", "..."] }`` a fixed bulleted list;
- a table entry may carry ``when = "name"`` (or a list of names: all must be set) and
  ``unless = "name"`` (or a list: none may be set);
- ``{name}`` in text is replaced by a value. Only plain names are allowed: no attributes,
  indexes or format specifications, so wording cannot reach into the program.

Templates hold no HTML: values and wording are escaped when rendered.
"""

from __future__ import annotations

import copy
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .model import LANGUAGES, Items, NoticeError, Para, Part

_FORMATTER = string.Formatter()


class WordingError(NoticeError):
    """The wording is malformed: a missing block, an unknown placeholder, a bad entry."""


def placeholders(text: str) -> list[str]:
    """The placeholder names in ``text``; WordingError for anything but a plain name."""
    names = []
    try:
        parsed = list(_FORMATTER.parse(text))
    except ValueError as exc:
        raise WordingError(f"unbalanced braces in wording: {exc}") from None
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise WordingError(f"placeholder {{{name}}}: only plain names are allowed")
        names.append(name)
    return names


def fill(text: str, values: Mapping[str, Any], where: str) -> str:
    out = []
    for literal, name, _, _ in _FORMATTER.parse(text):
        out.append(literal)
        if name is None:
            continue
        value = values.get(name)
        if value is None or value == "" or isinstance(value, bool | list | tuple):
            raise NoticeError(f"{where}: the wording uses {{{name}}}, which has no value here")
        out.append(str(value))
    return "".join(out)


def _names(cond: Any) -> list[str]:
    if cond is None:
        return []
    return [cond] if isinstance(cond, str) else list(cond)


def applies(entry: Mapping[str, Any], values: Mapping[str, Any]) -> bool:
    return all(values.get(n) for n in _names(entry.get("when"))) and not any(
        values.get(n) for n in _names(entry.get("unless"))
    )


def render_body(body: list[Any], values: Mapping[str, Any], where: str) -> tuple[Part, ...]:
    """The parts of a block body for one person's values."""
    parts: list[Part] = []
    for entry in body:
        if isinstance(entry, str):
            parts.append(Para(fill(entry, values, where)))
            continue
        if not applies(entry, values):
            continue
        if "text" in entry:
            parts.append(Para(fill(entry["text"], values, where)))
        elif "items" in entry:
            parts.append(Items(tuple(fill(t, values, where) for t in entry["items"])))
        else:
            listed = values.get(entry["list"]) or ()
            if listed:
                parts.append(Items(tuple(listed)))
    return tuple(parts)


def _check_entry(entry: Any, where: str, known: set[str], lists: set[str]) -> list[str]:
    """Placeholders used by one body entry; WordingError when it is malformed."""
    if isinstance(entry, str):
        return placeholders(entry)
    if not isinstance(entry, Mapping):
        raise WordingError(f"{where}: an entry must be a string or a table")
    kinds = [k for k in ("text", "list", "items") if k in entry]
    extra = set(entry) - {"text", "list", "items", "when", "unless"}
    if len(kinds) != 1 or extra:
        raise WordingError(f"{where}: an entry needs exactly one of text, list or items")
    for cond in _names(entry.get("when")) + _names(entry.get("unless")):
        if cond not in known:
            raise WordingError(f"{where}: unknown condition '{cond}'")
    if "list" in entry:
        if entry["list"] not in lists:
            raise WordingError(f"{where}: unknown list '{entry['list']}'")
        return []
    texts = [entry["text"]] if "text" in entry else list(entry["items"])
    return [n for t in texts for n in placeholders(t)]


@dataclass(frozen=True)
class Wording:
    """The wording of notices in one language, after overrides."""

    lang: str
    reviewed: bool
    notice: Mapping[str, Any]
    blocks: Mapping[str, Mapping[str, Any]]
    advice: Mapping[str, Mapping[str, Any]]
    phrases: Mapping[str, str]
    months: tuple[str, ...]

    def validate(self, variables: set[str], lists: set[str]) -> None:
        """WordingError unless every section exists and every placeholder is known."""
        from .advice import ADVICE
        from .blocks import BLOCKS
        from .items import phrase_keys

        known = variables | lists

        def body(where: str, entries: Any) -> None:
            if not isinstance(entries, list):
                raise WordingError(f"{where}: body must be a list")
            for n, entry in enumerate(entries):
                for name in _check_entry(entry, f"{where}[{n}]", known, lists):
                    if name not in variables:
                        raise WordingError(f"{where}[{n}]: unknown placeholder {{{name}}}")

        for spec in BLOCKS:
            table = self.blocks.get(spec.key)
            if table is None or "heading" not in table:
                raise WordingError(f"blocks.{spec.key}: missing, or has no heading")
            body(f"blocks.{spec.key}.body", table.get("body", []))
        for rule in ADVICE:
            table = self.advice.get(rule.key)
            if table is None or "heading" not in table:
                raise WordingError(f"advice.{rule.key}: missing, or has no heading")
            body(f"advice.{rule.key}.body", table.get("body", []))
        for key in phrase_keys():
            if key not in self.phrases:
                raise WordingError(f"items.{key}: missing")
            for name in placeholders(self.phrases[key]):
                if name not in variables:
                    raise WordingError(f"items.{key}: unknown placeholder {{{name}}}")
        for key in ("subject", "subject_discreet", "greeting", "greeting_parent",
                    "greeting_unknown"):
            if key not in self.notice:
                raise WordingError(f"notice.{key}: missing")
        body("notice.sign_off", self.notice.get("sign_off", []))
        body("notice.intro", self.notice.get("intro", []))
        if len(self.months) != 12:
            raise WordingError("meta.months: needs twelve month names")


def _merge(base: dict[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in overrides.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def shipped(lang: str) -> dict[str, Any]:
    """The shipped wording file for ``lang``, parsed."""
    if lang not in LANGUAGES:
        raise NoticeError(f"language: must be one of {', '.join(LANGUAGES)}")
    text = resources.files("breachdesk.notices").joinpath(f"{lang}.toml").read_text("utf-8")
    return tomllib.loads(text)


def load_wording(lang: str = "en", overrides: Mapping[str, Any] | str | None = None) -> Wording:
    """The wording for ``lang``, with an organisation's ``overrides`` (a mapping, or TOML text)
    merged over the shipped file. Raises WordingError when the result is malformed."""
    from .build import LIST_VALUES, VALUES

    data = shipped(lang)
    if isinstance(overrides, str):
        overrides = tomllib.loads(overrides)
    if overrides:
        data = _merge(data, overrides)
    meta = data.get("meta", {})
    wording = Wording(
        lang=lang,
        reviewed=bool(meta.get("reviewed", False)),
        notice=data.get("notice", {}),
        blocks=data.get("blocks", {}),
        advice=data.get("advice", {}),
        phrases=data.get("items", {}),
        months=tuple(meta.get("months", ())),
    )
    wording.validate(set(VALUES), set(LIST_VALUES))
    return wording
