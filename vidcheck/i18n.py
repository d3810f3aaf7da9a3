"""Words for people: one catalog per language (``vidcheck/locales/<lang>.toml``), the same keys in each.

A translator edits the TOML files; code names a section and a key. Catalogs load on first use, so a command that
shows no words (``vidcheck --version``) does not pay for them.
"""

from __future__ import annotations

import functools
import locale
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

LANGS = ("zh", "en")
_LOCALES = Path(__file__).resolve().parent / "locales"


@functools.cache
def catalog(lang: str) -> Mapping[str, Mapping[str, str]]:
    """Every section of one language's catalog. Parsed once and kept in vidcheck's signed cache, keyed by the
    file's digest: importing tomllib and parsing a catalog cost 20 ms, a fifth of a small audit's start-up and
    the serial part of every parallel run (bench target 5)."""
    import hashlib

    from .cache import Codec, cached

    data = (_LOCALES / f"{lang}.toml").read_bytes()
    return cached("words", hashlib.sha256(data).hexdigest(), lambda: _parsed(data), Codec(dict, _words))


def _parsed(data: bytes) -> dict[str, dict[str, str]]:
    import tomllib

    return tomllib.loads(data.decode("utf-8"))


def _words(data: object) -> dict[str, dict[str, str]]:
    """A cached catalog, checked to be sections of strings (the cache raises TypeError for any other shape)."""
    if not isinstance(data, dict) or not all(
            isinstance(words, dict) and all(isinstance(w, str) for w in words.values()) for words in data.values()):
        raise TypeError("not a catalog")
    return data


def _section(section: str, lang: str) -> Mapping[str, str]:
    """One section of ``lang``'s catalog (English for any language vidcheck has no catalog for)."""
    return catalog(lang if lang in LANGS else "en")[section]


def tr(section: str, key: str, lang: str) -> str:
    """The words for ``key`` in ``lang``."""
    return _section(section, lang)[key]


class Pairs(Mapping[str, tuple[str, str]]):
    """A section seen as ``key -> (zh, en)``; its keys are the given ids, or the English catalog's keys, in order."""

    def __init__(self, section: str, ids: Iterable[str] | None = None) -> None:
        self._section = section
        self._ids = tuple(ids) if ids is not None else None

    def _keys(self) -> tuple[str, ...]:
        if self._ids is None:
            self._ids = tuple(catalog("en")[self._section])
        return self._ids

    def word(self, key: str, lang: str) -> str | None:
        """The words for ``key`` in ``lang`` alone (None for a key not in the section): a run in one language
        loads one catalog."""
        if self._ids is not None and key not in self._key_set:
            return None
        return _section(self._section, lang).get(key)

    def __getitem__(self, key: str) -> tuple[str, str]:
        if key not in self:
            raise KeyError(key)
        return tr(self._section, key, "zh"), tr(self._section, key, "en")

    def __contains__(self, key: object) -> bool:
        return key in self._key_set

    @functools.cached_property
    def _key_set(self) -> frozenset[str]:
        return frozenset(self._keys())

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """zh where the locale says Chinese (LC_ALL, LC_MESSAGES, LANG), else en."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    detected = locale.getlocale()[0] or ""
    return "zh" if detected.lower().startswith("zh") else "en"


def process_lang(argv: list[str] | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language of this run, known before options are parsed (help texts are built then): ``--lang X`` or
    ``--lang=X`` on the command line, else the locale."""
    args = sys.argv[1:] if argv is None else argv
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        if value in LANGS:
            return value
    return default_lang(environ)


def help_text(key: str) -> str:
    """A command's or option's help in the language of this run (catalog section ``help``)."""
    return tr("help", key, process_lang())
