"""Filing particulars as documents: pure functions ``(particulars, lang) -> str``, one per format.

Whatever came from the inventory is escaped for people as every vidcheck report escapes it (escape.clean: control,
bidi and zero-width characters spelled \\uXXXX), then for the format (html.escape, Markdown escaping, CSV quoting).
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable, Iterator

from .. import __version__
from ..escape import clean, encodable
from ..i18n import tr
from ..render.common import md
from ..render.html import FONTS, page_head
from ..vocabulary import CATEGORIES, OPERATOR_KINDS, ZONE_KINDS, label
from .law import PARTICULARS, Cite
from .model import Changes, Particulars

FORMAT = 1  # version of the JSON document's shape (docs/filing.md)


def _t(key: str, lang: str, **fields: object) -> str:
    text = tr("filing", key, lang)
    return text.format(**fields) if fields else text


def _days(n: int | None, lang: str) -> str:
    return _t("none", lang) if n is None else _t("days", lang, n=n)


def _retention(p: Particulars, lang: str) -> str:
    """The period as filed: the system's, plus the spread when some cameras keep longer or shorter."""
    low, high = p.retention_range
    if p.retention_days is not None and low == high == p.retention_days:
        return _days(p.retention_days, lang)
    if low == high:
        return _days(low, lang)
    base = _days(p.retention_days, lang) + "；" if p.retention_days is not None else ""
    return base + _t("retention.varies", lang, low=low, high=high)


def _zone(entry_name: str | None, zone_id: str) -> str:
    return f"{entry_name}（{zone_id}）" if entry_name else zone_id


def _summary(p: Particulars, lang: str) -> list[tuple[str, str]]:
    """The particulars as (label, value) rows, in the order of 公安部规定第六条; values are the site's own words."""
    unit = p.unit
    return [
        (_t("unit_name", lang), unit.name),
        (_t("unit_kind", lang), label(OPERATOR_KINDS, unit.kind, lang)),
        (_t("credit_code", lang), unit.credit_code or _t("none", lang)),
        (_t("site", lang), p.site_name),
        (_t("site_id", lang), p.site_id),
        (_t("categories", lang), "、".join(label(CATEGORIES, c, lang) for c in p.categories)),
        (_t("system_location", lang), p.location),
        (_t("in_service_on", lang), p.in_service_on.isoformat() if p.in_service_on else _t("none", lang)),
        (_t("camera_count", lang), _t("cameras.unit", lang, n=len(p.cameras))),
        (_t("camera_type", lang), "、".join(f"{c.type} {_t('cameras.unit', lang, n=c.count)}" for c in p.counts)),
        (_t("retention", lang), _retention(p, lang)),
        *([(_t("incident_retention", lang), _days(p.incident_retention_days, lang))]
          if p.incident_retention_days is not None else []),
        (_t("authority", lang), p.authority or _t("authority.unknown", lang)),
        (_t("as_of", lang), p.as_of.isoformat()),
    ]


def _camera_columns(lang: str) -> list[str]:
    return [_t(f"col.{key}", lang) for key in
            ("no", "camera", "zone", "zone_kind", "location", "type", "model", "retention", "installed_on")]


def _camera_rows(p: Particulars, lang: str) -> Iterator[list[str]]:
    none = _t("none", lang)
    for number, c in enumerate(p.cameras, 1):
        yield [str(number), c.id, _zone(c.zone_name, c.zone_id), label(ZONE_KINDS, c.zone_kind, lang),
               c.location or none, c.type, c.model or none, str(c.retention_days),
               c.installed_on.isoformat() if c.installed_on else none]


def _change_rows(changes: Changes, lang: str) -> Iterator[list[str]]:
    """(kind of change, what, date) rows of a 备案变更."""
    none = _t("none", lang)
    for change in changes.installed:
        yield [_t("change.installed", lang), change.camera, change.day.isoformat() if change.day else none]
    for change in changes.removed:
        kind = "change.removal_filed" if change.removal_filed else "change.removed"
        yield [_t(kind, lang), change.camera, change.day.isoformat() if change.day else none]
    if changes.retention:
        declared, now = changes.retention
        yield [_t("change.retention", lang), _t("change.retention.line", lang, declared=declared, now=now), none]
    if changes.count:
        declared, now = changes.count
        yield [_t("change.count", lang), _t("change.count.line", lang, declared=declared, now=now), none]


def _earlier_line(changes: Changes, lang: str) -> str:
    since = changes.since
    return _t("earlier.line", lang, day=since.filed_on.isoformat(), authority=since.authority or _t("none", lang),
              reference=since.reference or _t("none", lang))


def _title(p: Particulars, lang: str) -> str:
    """备案变更 when something changed since an earlier filing; otherwise the particulars of a (first) filing."""
    return _t("title.change" if p.changes is not None and p.changes.any else "title", lang)


def _basis(lang: str) -> Iterator[list[str]]:
    """(particulars, article, quote) rows: each article quoted once as written, with the lines it requires."""
    supports: dict[Cite, list[str]] = {}
    for key, cites in PARTICULARS.items():
        for cite in cites:
            supports.setdefault(cite, []).append(_t(key, lang))
    for cite, keys in supports.items():
        yield ["、".join(keys) if lang == "zh" else ", ".join(keys), f"《{cite.instrument}》{cite.article}", cite.quote]


# ---- JSON ----

def render_json(p: Particulars, lang: str) -> str:
    """The particulars as data, keys in a fixed order (docs/filing.md); labels in ``lang`` beside the ids."""
    changes = p.changes
    document = {
        "document": "vidcheck-filing", "format": FORMAT, "tool": "vidcheck", "version": __version__,
        "lang": lang, "as_of": p.as_of.isoformat(), "path": p.path,
        "site": {"id": p.site_id, "name": p.site_name,
                 "categories": [{"id": c, "label": label(CATEGORIES, c, lang)} for c in p.categories]},
        "unit": {"name": p.unit.name, "kind": p.unit.kind, "kind_label": label(OPERATOR_KINDS, p.unit.kind, lang),
                 "credit_code": p.unit.credit_code},
        "system": {"location": p.location,
                   "in_service_on": p.in_service_on.isoformat() if p.in_service_on else None,
                   "retention_days": p.retention_days, "incident_retention_days": p.incident_retention_days,
                   "retention_range": list(p.retention_range), "camera_count": len(p.cameras),
                   "counts_by_type": [{"type": c.type, "count": c.count} for c in p.counts]},
        "cameras": [{"id": c.id, "zone": {"id": c.zone_id, "name": c.zone_name, "kind": c.zone_kind,
                                          "kind_label": label(ZONE_KINDS, c.zone_kind, lang)},
                     "location": c.location, "type": c.type, "model": c.model, "retention_days": c.retention_days,
                     "installed_on": c.installed_on.isoformat() if c.installed_on else None} for c in p.cameras],
        "authority": p.authority,
        "earlier_filing": None if changes is None else {
            "filed_on": changes.since.filed_on.isoformat(), "authority": changes.since.authority,
            "reference": changes.since.reference, "declared_retention_days": changes.since.declared_retention_days,
            "declared_cameras": changes.since.declared_cameras},
        "changes": None if changes is None else {
            "any": changes.any,
            "installed": [{"camera": c.camera, "day": c.day.isoformat() if c.day else None}
                          for c in changes.installed],
            "removed": [{"camera": c.camera, "day": c.day.isoformat() if c.day else None,
                         "removal_filed": c.removal_filed} for c in changes.removed],
            "retention_days": None if changes.retention is None else dict(zip(("declared", "now"),
                                                                            changes.retention, strict=True)),
            "camera_count": None if changes.count is None else dict(zip(("declared", "now"), changes.count,
                                                                        strict=True))},
        "citations": {key: [{"instrument": c.instrument, "article": c.article, "quote": c.quote} for c in cites]
                      for key, cites in PARTICULARS.items()},
    }
    return json.dumps(encodable(document), ensure_ascii=False, indent=2) + "\n"


# ---- CSV ----

def render_csv(p: Particulars, lang: str) -> str:
    """A header block of particulars, then one row per camera, then counts and changes, blank rows between.

    Starts with a UTF-8 byte order mark: Excel opens a CSV without one in the system's ANSI code page (GBK on a
    Chinese Windows, 1252 elsewhere) and shows UTF-8 Chinese as mojibake; with it, Excel reads UTF-8.
    """
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 line ends, as Excel writes them
    rows: list[list[str]] = [[_title(p, lang)]]
    rows += [[key, value] for key, value in _summary(p, lang)]
    rows += [[], _camera_columns(lang), *_camera_rows(p, lang)]
    rows += [[], [_t("col.type", lang), _t("col.count", lang)], *([c.type, str(c.count)] for c in p.counts)]
    if p.changes is not None:
        rows += [[], [_t("earlier", lang), _earlier_line(p.changes, lang)],
                 [_t("col.change", lang), _t("col.particular", lang), _t("col.day", lang)],
                 *_change_rows(p.changes, lang)]
    writer.writerows([[_cell(value) for value in row] for row in rows])
    return out.getvalue()


def _cell(value: str) -> str:
    """A cell Excel shows as text: one that starts like a formula (=, +, -, @) gets a leading apostrophe, so an
    inventory cannot plant a formula in the clerk's spreadsheet (CSV injection)."""
    value = clean(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


# ---- Markdown ----

def render_markdown(p: Particulars, lang: str) -> str:
    summary = _summary(p, lang)
    lines = [f"# {_title(p, lang)}"]
    for section, rows in (("section.unit", summary[:3]), ("section.system", summary[3:])):
        lines += ["", f"## {_t(section, lang)}", "", _md_row([_t("col.particular", lang), _t("col.value", lang)]),
                  "|---|---|", *(_md_row([key, value]) for key, value in rows)]
    lines += ["", f"## {_t('section.cameras', lang)}", "", _md_row(_camera_columns(lang)),
              "|" + "---|" * len(_camera_columns(lang))]
    lines += [_md_row(row) for row in _camera_rows(p, lang)]
    lines += ["", f"## {_t('section.counts', lang)}", "", _md_row([_t("col.type", lang), _t("col.count", lang)]),
              "|---|---|", *(_md_row([c.type, str(c.count)]) for c in p.counts),
              _md_row([_t("total", lang), str(len(p.cameras))])]
    if p.changes is not None:
        earlier = f"{_t('earlier', lang)}：{md(_earlier_line(p.changes, lang))}"
        lines += ["", f"## {_t('section.changes', lang)}", "", earlier, ""]
        if p.changes.any:
            lines += [_md_row([_t("col.change", lang), _t("col.particular", lang), _t("col.day", lang)]),
                      "|---|---|---|", *(_md_row(row) for row in _change_rows(p.changes, lang))]
        else:
            lines.append(_t("changes.none", lang))
    lines += ["", f"## {_t('papers', lang)}", "", _t("papers.list", lang), "", _t("truth.line", lang), "",
              f"## {_t('section.basis', lang)}", "",
              _md_row([_t("col.particular", lang), _t("col.article", lang), _t("col.quote", lang)]), "|---|---|---|",
              *(_md_row(row) for row in _basis(lang)), "",
              f"_{md(_generated(p, lang))}_", ""]
    return "\n".join(lines)


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(md(cell) for cell in cells) + " |"


def _generated(p: Particulars, lang: str) -> str:
    return _t("generated", lang, version=__version__, path=p.path, day=p.as_of.isoformat())


# ---- HTML ----

_CSS = """
@page { size: A4; margin: 15mm 14mm 16mm; }
* { box-sizing: border-box; }
body { font-family: FONTS; font-size: 10.5pt; line-height: 1.45; color: #111; margin: 0 auto; max-width: 182mm; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; letter-spacing: 0.05em; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #444; padding-bottom: 1mm; }
table { border-collapse: collapse; width: 100%; margin: 0 0 2mm; }
th, td { border: 1px solid #666; padding: 1mm 1.5mm; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
th { background: #eee; font-weight: 600; }
table.particulars th { width: 32%; }
table.cameras { font-size: 8.5pt; }
thead { display: table-header-group; }  /* the header repeats on every printed page */
tr { break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; }
td.day { white-space: nowrap; }
table.counts { width: 60%; }
.meta { text-align: center; color: #444; font-size: 9pt; margin-bottom: 4mm; }
.sign { display: flex; justify-content: space-between; margin-top: 10mm; gap: 6mm; }
.sign div { flex: 1; border-top: 1px solid #111; padding-top: 1mm; font-size: 9.5pt; }
.basis { font-size: 8.5pt; color: #333; }
footer { margin-top: 6mm; font-size: 8pt; color: #666; }
@media screen { body { padding: 10mm; } }
""".replace("FONTS", FONTS)


def _h(value: object) -> str:
    return html.escape(clean(value))


def _html_table(header: list[str], rows: Iterator[list[str]] | list[list[str]], css: str = "",
                classes: dict[int, str] | None = None) -> str:
    """A table; ``classes`` gives a column's cells a class (num: right-aligned, day: a date kept on one line)."""
    head = "".join(f"<th>{_h(cell)}</th>" for cell in header)
    by_column = classes or {}

    def cell(column: int, value: str) -> str:
        css_class = by_column.get(column)
        return f'<td class="{css_class}">{_h(value)}</td>' if css_class else f"<td>{_h(value)}</td>"

    body = "".join("<tr>" + "".join(cell(i, value) for i, value in enumerate(row)) + "</tr>" for row in rows)
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def render_html(p: Particulars, lang: str) -> str:
    """One self-contained printable page (A4): inline CSS, no script, no network, fonts named, never embedded."""
    summary = _summary(p, lang)  # the unit's three particulars first (第六条第一项), then the system's
    unit_rows = "".join(f"<tr><th>{_h(k)}</th><td>{_h(v)}</td></tr>" for k, v in summary[:3])
    system_rows = "".join(f"<tr><th>{_h(k)}</th><td>{_h(v)}</td></tr>" for k, v in summary[3:])
    parts = [
        page_head(f"{_title(p, lang)} · {p.unit.name}", lang, _CSS).rstrip("\n"),
        f"<h1>{_h(_title(p, lang))}</h1>",
        f'<p class="meta">{_h(p.unit.name)} · {_h(_t("as_of", lang))} {_h(p.as_of.isoformat())}</p>',
        f"<h2>{_h(_t('section.unit', lang))}</h2>", f'<table class="particulars"><tbody>{unit_rows}</tbody></table>',
        f"<h2>{_h(_t('section.system', lang))}</h2>",
        f'<table class="particulars"><tbody>{system_rows}</tbody></table>',
        f"<h2>{_h(_t('section.counts', lang))}</h2>",
        _html_table([_t("col.type", lang), _t("col.count", lang)],
                    [[c.type, str(c.count)] for c in p.counts] + [[_t("total", lang), str(len(p.cameras))]],
                    "counts", {1: "num"}),
        f"<h2>{_h(_t('section.cameras', lang))}</h2>",
        _html_table(_camera_columns(lang), _camera_rows(p, lang), "cameras", {0: "num", 7: "num", 8: "day"}),
    ]
    if p.changes is not None:
        parts += [f"<h2>{_h(_t('section.changes', lang))}</h2>",
                  f"<p>{_h(_t('earlier', lang))}：{_h(_earlier_line(p.changes, lang))}</p>"]
        parts.append(_html_table([_t("col.change", lang), _t("col.particular", lang), _t("col.day", lang)],
                                 _change_rows(p.changes, lang), "changes", {2: "day"}) if p.changes.any
                     else f"<p>{_h(_t('changes.none', lang))}</p>")
    parts += [
        f"<h2>{_h(_t('papers', lang))}</h2>", f"<p>{_h(_t('papers.list', lang))}</p>",
        f"<p>{_h(_t('truth.line', lang))}</p>",
        '<div class="sign">' + "".join(f"<div>{_h(_t(k, lang))}</div>" for k in ("sign.unit", "sign.agent",
                                                                                 "sign.date")) + "</div>",
        f"<h2>{_h(_t('section.basis', lang))}</h2>",
        _html_table([_t("col.particular", lang), _t("col.article", lang), _t("col.quote", lang)], _basis(lang),
                    "basis"),
        f"<footer>{_h(_generated(p, lang))}</footer>", "</body>", "</html>", "",
    ]
    return "\n".join(parts)


RENDERERS: dict[str, Callable[[Particulars, str], str]] = {
    "html": render_html, "markdown": render_markdown, "csv": render_csv, "json": render_json,
}
