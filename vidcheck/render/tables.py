"""Tables: the jurisdiction comparison in four formats, the jurisdiction list and detail, rules, explain and the
effective settings. Rule data can come from any rules folder: every string of it is escaped (``clean``) in the
formats for people (CSV included), and Rich reads no markup in it."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..checks import FAMILIES, FINDING_ORDER
from ..checks.base import default_severity
from ..i18n import tr
from ..jurisdictions import Catalog, Jurisdiction
from ..messages import meaning
from .common import clean, dump_json, md, penalty_line, setting_source

if TYPE_CHECKING:
    from rich.table import Table

    from ..compare import Comparison
    from ..settings import Settings

def _to_text(table: Table, width: int = 160, *, color: bool = False) -> str:
    """The table as text; with ``color`` (a terminal, no --no-color, no NO_COLOR) its headings are styled."""
    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=width, no_color=not color, force_terminal=color, color_system="standard" if color
            else None, highlight=False, emoji=False, markup=False).print(table)
    return buffer.getvalue()


COMPARE_LABEL = 24  # the aspect column's share of a terminal's width
COMPARE_CELL = 32  # the least width a jurisdiction's column gets before the table is stacked


def render_text(comparison: Comparison, width: int | None = None, *, color: bool = False) -> str:
    """The comparison as one table; on a terminal of ``width`` columns too narrow for it, stacked: as many
    jurisdictions per table as fit, one table after another (one per jurisdiction at the narrowest). A cell wraps,
    it is never cut. ``width=None`` (piped): one table, each column as wide as it needs up to COMPARE_CELL + 4."""
    count = len(comparison.columns)
    if width is None:
        return _to_text(_compare_table(comparison, range(count)), width=max(120, 36 * (count + 1)), color=color)
    per = max(1, (width - COMPARE_LABEL) // COMPARE_CELL)
    blocks = [range(start, min(start + per, count)) for start in range(0, count, per)] or [range(0)]
    return "\n".join(_to_text(_compare_table(comparison, block), width=width, color=color) for block in blocks)


def _compare_table(comparison: Comparison, block: range) -> Table:
    from rich.table import Table

    table = Table(show_lines=True)
    table.add_column("", style="bold", overflow="fold")
    for index in block:
        table.add_column(clean(comparison.columns[index]), overflow="fold")  # wraps, never cut
    for name, values in comparison.rows:  # a cell lists one entry a line
        table.add_row(clean(name), *(clean(values[index], lines=True) for index in block))
    return table


def render_markdown(comparison: Comparison) -> str:
    lines = ["| | " + " | ".join(map(md, comparison.columns)) + " |", "|---" * (len(comparison.columns) + 1) + "|"]
    lines += ["| " + " | ".join(md(v) for v in (name, *values)) + " |" for name, values in comparison.rows]
    return "\n".join(lines) + "\n"


def render_csv(comparison: Comparison) -> str:
    """Escaped as the other formats for people are (a spreadsheet or ``cat`` shows it): a cell keeps its newlines,
    one entry a line, which CSV quoting carries."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["", *map(clean, comparison.columns)])
    for name, values in comparison.rows:
        writer.writerow([clean(name), *(clean(value, lines=True) for value in values)])
    return buffer.getvalue()


def render_json(comparison: Comparison) -> str:
    data = {"as_of": comparison.as_of.isoformat() if comparison.as_of else None,
            "jurisdictions": list(comparison.columns),
            "rows": [{"aspect": name, "values": dict(zip(comparison.columns, values, strict=True))}
                     for name, values in comparison.rows]}
    return dump_json(data)


def jurisdictions_table(catalog: Catalog, lang: str, *, color: bool = False) -> str:
    from rich.table import Table

    table = Table()
    for column in ("col_id", "col_name", "col_parent", "col_instruments", "col_rules"):
        table.add_column(tr("rule_words", column, lang))
    for ident in sorted(catalog.jurisdictions):
        j = catalog.jurisdictions[ident]
        instruments = "\n".join(
            clean(f"{i.citation_name} [{tr('rule_words', 'draft', lang) if i.draft else i.effective_on}]")
            for i in j.instruments.values())
        table.add_row(clean(ident), clean(j.name[lang]), clean(j.parent or "—"), instruments, str(len(j.rules)))
    return _to_text(table, color=color)


def jurisdiction_detail(j: Jurisdiction, lang: str) -> str:
    def said(label: str, **fields: object) -> str:
        return tr("rule_words", label, lang).format(**fields)

    lines = [f"{j.id} — {j.name[lang]}" + (said("draft_mark") if j.draft else ""),
             said("parent", parent=j.parent or "—"), ""]
    for i in j.instruments.values():
        lines.append(said("instrument", instrument=i.citation_name, effective=i.effective_on or "—",
                          draft=said("instrument_draft") if i.draft else ""))
        if i.note:
            lines.append(said("instrument_note", note=i.note.in_(lang)))
    lines += [said("note", note=note.in_(lang)) for note in j.notes]
    for rule in j.rules:
        lines += ["", f"[{rule.id}] {rule.check}  {rule.instrument.article_name(rule.article)}"]
        lines += [f"  {c.article}「{c.quote}」" for c in rule.citations]
        if rule.categories:
            lines.append(said("categories", categories=tr("labels", "list_separator", lang).join(
                tr("category", c, lang) for c in sorted(rule.categories))))
        lines += [said("params", key=key, value=json.dumps(value, ensure_ascii=False))
                  for key, value in rule.params.items()]
        if rule.penalty:
            lines.append(said("penalty", penalty=penalty_line(rule.penalty, lang)))
            if rule.penalty.note:
                lines.append(said("penalty_note", note=rule.penalty.note.in_(lang)))
        if rule.note:
            lines.append(said("rule_note", note=rule.note.in_(lang)))
    return "\n".join(map(clean, lines)) + "\n"  # each line escaped whole: every value in it is rule data


def rules_table(lang: str, *, color: bool = False) -> str:
    """Each finding id: its default severity, its check family and what it means, in the run's language."""
    from rich.table import Table

    table = Table()
    for column in ("col_rule", "col_severity", "col_family", "col_meaning"):
        table.add_column(tr("rule_words", column, lang), overflow="fold")  # a long meaning wraps; it is never cut
    for finding in FINDING_ORDER:
        family = next(f for f in FAMILIES.values() if finding in f.findings)
        severity = tr("rule_words", f"severity_{default_severity(finding).label}", lang)
        table.add_row(finding, severity, family.name, meaning(finding, lang))
    return _to_text(table, color=color)


def explain_rule(rule: str, catalog: Catalog, lang: str) -> str:
    """What a finding id (or each finding of a check family) means, what triggers it and how to fix it, from the
    catalogs; then every jurisdiction rule that sets it, with its article and quote (never translated)."""
    from ..errors import UsageError
    from ..messages import Text

    family = next((f for f in FAMILIES.values() if rule in f.findings or rule == f.name), None)
    if family is None:
        from ..messages import Rendered, Text
        from ..suggestions import among, did_you_mean

        known = [*FINDING_ORDER, *FAMILIES]
        raise UsageError(Text.error("rule.unknown", rule=rule, suggestion=Rendered(did_you_mean, among(rule, known))))
    lines: list[str] = []
    for finding in (r for r in FINDING_ORDER if r in family.findings and rule in (r, family.name)):
        severity = tr("rule_words", f"severity_{default_severity(finding).label}", lang)
        lines += [tr("explain", "title", lang).format(rule=finding, meaning=meaning(finding, lang)),
                  tr("explain", "severity", lang).format(severity=severity),
                  tr("explain", "family", lang).format(family=family.name), ""]
        for part in ("trigger", "fix"):
            lines += [tr("explain", part, lang) + _colon(lang), f"  {tr('explain', f'{finding}.{part}', lang)}", ""]
    setting = [f"- {ident}/{r.id}: {r.instrument.article_name(r.article)}「{r.citations[0].quote}」 {_params(r.params)}"
               for ident in sorted(catalog.jurisdictions) for r in catalog.jurisdictions[ident].rules
               if r.check == family.name]
    lines += [tr("explain", "rules", lang) + _colon(lang), *(setting or [f"  {tr('explain', 'no-rules', lang)}"])]
    return "\n".join(clean(line).rstrip() for line in lines) + "\n"  # each line escaped whole: rule data in it


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ":"


def _params(params: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in params.items())


def settings_table(settings: Settings, lang: str) -> str:
    """One line per setting, never wrapped, so long paths stay whole: name, value, and where it comes from."""
    rows = [(name, clean(_setting_value(value)), clean(setting_source(settings.sources[name], lang)))
            for name, value in settings.values.items()]  # escaped first, so that the columns line up
    width = max(len(name) for name, _, _ in rows)
    value_width = max(len(value) for _, value, _ in rows)
    config = settings.config or tr("screens", "config.none", lang)
    lines = [tr("screens", "config.file", lang).format(path=clean(config))]
    if settings.kept_formats:  # --format adds to the file outputs beneath it (vidcheck/settings.py)
        kept = tr("screens", "source.kept", lang).format(source=setting_source(settings.kept_source, lang))
        rows.append(("format", clean(", ".join(settings.kept_formats)), clean(kept)))
        value_width = max(value_width, len(rows[-1][1]))
    lines += [f"{name:<{width}}  {value:<{value_width}}  # {source}" for name, value, source in rows]
    return "\n".join(lines) + "\n"




def _setting_value(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(value) or "—"
    return "—" if value is None else str(value)


def settings_json(settings: Settings) -> str:
    document: dict[str, Any] = {
        "config": settings.config,
        "settings": {name: {"value": list(value) if isinstance(value, tuple) else value,
                            "from": settings.sources[name]} for name, value in settings.values.items()}}
    if settings.kept_formats:
        document["kept_formats"] = {"value": list(settings.kept_formats), "from": settings.kept_source}
    return dump_json(document)
