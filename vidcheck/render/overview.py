"""The per-site table every report for people starts with (SPEC §11), as plain cells each renderer lays out."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import tr
from ..model import Report
from ..summary import Exposure, Range, SiteRow, site_rows, total_exposure

COLUMNS = ("site", "name", "jurisdiction", "errors", "warnings", "exposure")
NUMERIC = frozenset({"errors", "warnings"})


@dataclass(frozen=True, slots=True)
class Overview:
    rows: tuple[SiteRow, ...]
    headers: tuple[str, ...]
    cells: tuple[tuple[str, ...], ...]  # one per site, in COLUMNS order (raw input text: the renderer escapes it)
    total: tuple[str, ...]
    orders: str  # the orders line under the table, "" when none
    note: str


def overview(report: Report, separator: str = "\n") -> Overview:
    lang = report.lang
    rows = site_rows(report)
    total = total_exposure(rows)
    cells = tuple((row.site, row.name, row.jurisdiction, str(row.errors), str(row.warnings),
                   exposure_text(row.exposure, lang, separator)) for row in rows)
    totals = (tr("reports", "total", lang), tr("reports", "sites", lang).format(n=len(rows)), "",
              str(sum(r.errors for r in rows)), str(sum(r.warnings for r in rows)),
              exposure_text(total, lang, separator))
    listed = ("、" if lang == "zh" else "; ").join(order.in_(lang) for order in total.orders)
    orders = tr("reports", "orders", lang).format(orders=listed) if total.orders else ""
    return Overview(rows, tuple(tr("reports", key, lang) for key in COLUMNS), cells, totals, orders,
                    tr("reports", "exposure_note", lang))


def exposure_text(exposure: Exposure, lang: str, separator: str = "; ") -> str:
    """``unit 11,000–32,000; per person 500–1,000; if not corrected: unit 0–10,000``, one part per party joined by
    ``separator``; — when none."""
    parts = [f"{tr('reports', 'party_' + party, lang)} {_span(span)}" for party, span in exposure.fines]
    later = tr("reports", "if_not_corrected", lang)
    parts += [f"{later}{tr('labels', 'colon', lang)}{tr('reports', 'party_' + party, lang)} {_span(span)}"
              for party, span in exposure.if_not_corrected]
    return separator.join(parts) or tr("reports", "no_exposure", lang)


def _span(span: Range) -> str:
    return f"{span.min:,}" if span.min == span.max else f"{span.min:,}–{span.max:,}"
