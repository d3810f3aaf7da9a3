"""``vidcheck vocabulary`` in three formats: text (one entry a few lines, never hard-wrapped, colour on request),
Markdown tables and JSON. Pure: a report in, text out. Rule data may come from a rules folder: it is escaped."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict

from ..i18n import tr
from ..vocabulary_report import Entry, Use, VocabularyReport
from .common import clean, dump_json, md

_BOLD, _RED, _DIM, _RESET = "\x1b[1m", "\x1b[31m", "\x1b[2m", "\x1b[0m"


def _word(key: str, lang: str) -> str:
    return tr("vocabulary", key, lang)


def _by_check(uses: tuple[Use, ...], lang: str) -> list[str]:
    """One line per check family: ``privacy.forbidden-zone: cn-anhui 第八条第二项; cn-beijing 第九条第一款``, each
    jurisdiction once with its articles (each once), a draft marked."""
    grouped: dict[str, dict[str, list[str]]] = {}
    for use in uses:
        where = use.jurisdiction + (f" [{_word('draft', lang)}]" if use.draft else "")
        articles = grouped.setdefault(use.check, {}).setdefault(where, [])
        if use.article not in articles:
            articles.append(use.article)
    return [f"{check}: " + "; ".join(f"{where} {'、'.join(articles)}" for where, articles in places.items())
            for check, places in grouped.items()]


def render_text(report: VocabularyReport, lang: str, *, color: bool = False) -> str:
    return "".join(_text_lines(report, lang, color))


def _text_lines(report: VocabularyReport, lang: str, color: bool) -> Iterator[str]:
    def styled(text: str, style: str) -> str:
        return f"{style}{text}{_RESET}" if color else text

    for index, section in enumerate(report.sections):
        if index:
            yield "\n"
        yield styled(_word(section.key, lang), _BOLD) + "\n"
        for entry in section.entries:
            private = f"  {styled(_word('private', lang), _RED)}" if entry.private else ""
            yield f"  {styled(entry.id, _BOLD)}  {entry.zh} · {entry.en}{private}\n"
            others = [name for name in entry.names if name != entry.zh]
            if others:
                yield f"    {_word('also_written', lang)}: {'、'.join(others)}\n"
            lines = _by_check(entry.used_by, lang)
            yield from (f"    {clean(line)}\n" for line in lines)
            if not lines:
                yield f"    {styled(_word('unused', lang), _DIM)}\n"


def render_markdown(report: VocabularyReport, lang: str) -> str:
    lines: list[str] = []
    for section in report.sections:
        private = section.key == "zone_kinds"
        head = ["id", "中文", "English", _word("also_written", lang), *([_word("private", lang)] if private else []),
                _word("used_by", lang)]
        lines += [f"## {_word(section.key, lang)}", "", "| " + " | ".join(head) + " |", "|---" * len(head) + "|"]
        lines += [_markdown_row(entry, lang, private) for entry in section.entries]
        lines.append("")
    return "\n".join(lines)


def _markdown_row(entry: Entry, lang: str, private: bool) -> str:
    cells = [f"`{entry.id}`", md(entry.zh), md(entry.en), md("、".join(n for n in entry.names if n != entry.zh))]
    if private:
        cells.append("✔" if entry.private else "")
    cells.append("<br>".join(md(line) for line in _by_check(entry.used_by, lang)) or "—")
    return "| " + " | ".join(cells) + " |"


def render_json(report: VocabularyReport) -> str:
    return dump_json({section.key: [_json_entry(entry) for entry in section.entries] for section in report.sections})


def _json_entry(entry: Entry) -> dict[str, object]:
    data = asdict(entry)
    if entry.private is None:
        del data["private"]
    return data
