"""What a person probably meant by a name vidcheck does not know: a vocabulary id, a jurisdiction or a rule id.

By meaning first (a different spelling of the id, an English word of ``names.toml``, a Chinese name), then by
spelling (difflib). A private zone kind, where cameras may be prohibited, is never suggested by spelling alone:
``monitoring_room`` is spelled like ``nursing_room`` but means ``control_room``, and a wrong guess would send the
reader to remove a camera (or put one in a 哺乳室).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .i18n import tr
from .names import TABLES, chinese_names, is_private, meanings

SPELLING_CUTOFF = 0.75  # difflib ratio: close enough to be a slip of the keyboard, not another word
CHINESE_CUTOFF = 0.6  # Chinese names are two to four characters: one wrong character of three is 0.67
_SEPARATORS = re.compile(r"[\s\-./]+")


@dataclass(frozen=True)
class Suggestion:
    """What to write instead, and its words for people (zh, en) when it has any."""

    value: str
    labels: tuple[str, str] | None = None


def normalised(word: str) -> str:
    """Case and separators do not change what a word means: ``Parking-Area`` is ``parking_area``."""
    return _SEPARATORS.sub("_", word.strip().lower()).strip("_")


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def for_vocabulary(table: str, word: str) -> Suggestion | None:
    """The id of ``table`` (category, zone, operator) that ``word`` most likely means, or None."""
    ident = _by_meaning(table, word) or _by_spelling(table, word)
    return Suggestion(ident, TABLES[table][ident]) if ident else None


def _by_meaning(table: str, word: str) -> str | None:
    ids, words = TABLES[table], meanings(table)
    for form in dict.fromkeys((normalised(word), _singular(normalised(word)))):
        if form in ids:
            return form
        if form in words:
            return words[form]
    return _chinese_head(table, word)


def _chinese_head(table: str, word: str) -> str | None:
    """The id of the Chinese name inside ``word`` that ends last (the head of a Chinese compound: 客房走廊 is a
    corridor), the longest of those that end together."""
    from .camlist.zonewords import head_word

    names = _chinese_words(table)
    head = head_word(word, (name for name in names if len(name) > 1))
    return None if head is None else names[head]


def _chinese_words(table: str) -> dict[str, str]:
    """The Chinese names of ``table``; for zones also the words a camera list reads zone names by (餐厅 → public
    area), so that an inventory's ``kind`` is understood as a camera list's zone name is."""
    if table != "zone":
        return dict(chinese_names(table))
    from .camlist.zonewords import zone_words

    return {**zone_words().words, **chinese_names(table)}


def _by_spelling(table: str, word: str) -> str | None:
    """Ids, English words and Chinese names spelled like ``word``; for zones, only those of ordinary kinds."""
    candidates = {**{ident: ident for ident in TABLES[table]}, **meanings(table), **chinese_names(table)}
    if table == "zone":
        candidates = {name: ident for name, ident in candidates.items() if not is_private(ident)}
    ascii_word = word.isascii()
    close = difflib.get_close_matches(normalised(word) if ascii_word else word, candidates, n=1,
                                      cutoff=SPELLING_CUTOFF if ascii_word else CHINESE_CUTOFF)
    return candidates[close[0]] if close else None


def among(word: str, choices: Iterable[str], names: Mapping[str, str] | None = None,
          labels: Mapping[str, tuple[str, str]] | None = None) -> Suggestion | None:
    """One of ``choices`` (jurisdiction or rule ids) that ``word`` means, by one of ``names`` (other names of a
    choice: 广州市, Guangzhou) or by spelling; ``labels``: the (zh, en) words of a choice."""
    found = _among(word, list(choices), names or {})
    return Suggestion(found, (labels or {}).get(found)) if found else None


def _among(word: str, options: list[str], names: Mapping[str, str]) -> str | None:
    aliases = {normalised(name): ident for name, ident in names.items()}
    form = normalised(word)
    if form in aliases:
        return aliases[form]
    for name, ident in aliases.items():  # 广州 in 广州市
        if not name.isascii() and len(word) > 1 and word in name:
            return ident
    spelled = {**{normalised(option): option for option in options}, **aliases}
    close = difflib.get_close_matches(form, spelled, n=1, cutoff=SPELLING_CUTOFF)
    return spelled[close[0]] if close else None


def did_you_mean(suggestion: Suggestion | None, lang: str | None = None) -> str:
    """`` — did you mean 'control_room' (control room)?`` in ``lang``; with no language (a located input error,
    read before any report language applies) in English with both labels. Empty for no suggestion."""
    if suggestion is None:
        return ""
    shown = f"'{suggestion.value}'"
    if suggestion.labels is not None:
        zh, en = suggestion.labels
        words = {"zh": zh, "en": en}.get(lang or "", f"{zh} · {en}")
        shown += f"（{words}）" if lang == "zh" else f" ({words})"
    return tr("suggestions", "did_you_mean", lang or "en").format(value=shown)
