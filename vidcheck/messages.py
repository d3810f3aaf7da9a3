"""Finding messages and report labels in Chinese and English, from the catalogs in ``vidcheck/locales``.
Article quotes are never translated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .i18n import Pairs, tr
from .model import Deadline
from .vocabulary import CATEGORIES, CONTROLS, OPERATOR_KINDS, ZONE_KINDS, label

_TABLES = {"category": CATEGORIES, "zone": ZONE_KINDS, "control": CONTROLS, "operator": OPERATOR_KINDS}


@dataclass(frozen=True, slots=True)
class Term:
    """A vocabulary id shown by its label in the report's language."""

    table: str
    id: str

    def label(self, lang: str) -> str:
        return label(_TABLES[self.table], self.id, lang)


@dataclass(frozen=True, slots=True)
class Text:
    """A message to be rendered later, in whichever language the report is in."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()
    section: str = "messages"  # catalog section: ``hints`` for how to fix a finding, ``errors`` for input errors

    @classmethod
    def of(cls, key: str, /, **params: Any) -> Text:
        return cls(key, tuple(params.items()))

    @classmethod
    def error(cls, key: str, /, **params: Any) -> Text:
        """An input or usage error's words (catalog section ``errors``); lists are kept as tuples, so that the
        error stays hashable (errors are deduplicated in sets)."""
        return cls(key, tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()), "errors")

    @classmethod
    def hint(cls, key: str, /, **params: Any) -> Text:
        """How to fix a finding, from the ``hints`` section (one key per finding message key)."""
        return cls(key, tuple(params.items()), "hints")

    def render(self, lang: str) -> str:
        template = tr(self.section, self.key, lang)
        return template.format(**{name: _show(value, lang) for name, value in self.params})

    def __str__(self) -> str:
        return self.render("en")


@dataclass(frozen=True, slots=True)
class Rendered:
    """Words a function gives in a language, asked for when shown: ``Rendered(did_you_mean, suggestion)`` renders
    ``did_you_mean(suggestion, lang)``."""

    function: Callable[..., str]
    args: tuple[Any, ...]

    def __init__(self, function: Callable[..., str], *args: Any) -> None:
        object.__setattr__(self, "function", function)
        object.__setattr__(self, "args", args)

    def render(self, lang: str) -> str:
        return self.function(*self.args, lang)


def _show(value: Any, lang: str) -> str:
    if isinstance(value, (Text, Rendered)):
        return value.render(lang)
    if isinstance(value, Term):
        return value.label(lang)
    if isinstance(value, (list, tuple, frozenset, set)):
        items = [_show(v, lang) for v in (sorted(value, key=str) if isinstance(value, (set, frozenset)) else value)]
        return ("、" if lang == "zh" else ", ").join(items)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


MESSAGES = Pairs("messages")


LABELS = Pairs("labels")


HINTS = Pairs("hints")


# What each finding id means (SPEC §4), for rule lists and SARIF rule descriptions.
MEANINGS = Pairs("meanings")


def meaning(rule: str, lang: str) -> str:
    return tr("meanings", rule, lang)


def text_label(key: str, lang: str) -> str:
    return tr("labels", key, lang)


def deadline_note(deadline: Deadline) -> Text | None:
    """How a deadline moved past a 法定休假日, or that its year's holiday schedule is unknown; None otherwise."""
    if not deadline.noted:
        return None
    key = "deadline.extended" if deadline.extended_by else "deadline.unknown"
    if deadline.extended_by and not deadline.schedule_known:
        key = "deadline.extended.unknown"
    return Text.of(key, due=deadline.due, unextended=deadline.unextended, year=deadline.unknown_year)


def basis_text(basis: Text, deadline: Deadline) -> Text:
    """A deadline's basis ("30 days from …"), followed by its move past a 法定休假日 if any."""
    note = deadline_note(deadline)
    return basis if note is None else Text.of("basis.noted", basis=basis, note=note)


def period_text(period: Mapping[str, int]) -> Text:
    unit, amount = next(iter(period.items()))
    return Text.of(f"period.{unit}", n=amount)
