"""A report for people as one self-contained HTML page (SPEC §11): inline CSS and SVG, no script, no network, no
embedded font, printable on A4. It opens from an e-mail attachment as it does from disk.

Every string that comes from input or rule data goes through ``h`` (escape.clean, then html.escape), so that
no inventory can add markup, and control or bidirectional characters show as ``\\uXXXX`` (SPEC §8)."""

from __future__ import annotations

import html
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator

from ..i18n import tr
from ..messages import meaning, text_label
from ..model import Citation, Finding, Penalty, Report, Severity, SiteReport
from .common import SEVERITIES, clean, gate_lines, penalty_line, skipped_line, waiver_line

TOP_SITES = 12  # sites the chart names; the rest are one "others" bar
FONTS = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif'
COLOURS = {"error": "#b42318", "warning": "#b54708", "info": "#175cd3", "waived": "#98a2b3"}

CSS = """
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: $FONTS; font-size: 10.5pt; line-height: 1.5; color: #1d2939; margin: 0 auto;
  max-width: 190mm; padding: 8mm 4mm; background: #fff; }
h1 { font-size: 18pt; margin: 0 0 2mm; color: #101828; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 2px solid #344054;
  break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 5mm 0 2mm; break-after: avoid; page-break-after: avoid; }
.meta { color: #475467; margin: 0 0 3mm; }
.status { display: inline-block; padding: 0.5mm 3mm; border-radius: 3mm; font-weight: bold; color: #fff; }
.status.passed { background: #067647; } .status.failed { background: #b42318; }
.status.not_evaluated { background: #475467; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9.5pt; }
thead { display: table-header-group; }
th, td { border: 1px solid #d0d5dd; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #f2f4f7; font-weight: 600; }
td.id { min-width: 32mm; }
table.sites td:last-child { min-width: 52mm; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
tfoot td { font-weight: 600; background: #f9fafb; }
code, .loc { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 8.8pt;
  word-break: break-all; }
ul.setting { margin: 1mm 0 3mm; padding-left: 5mm; color: #344054; }
.counts span { margin-right: 4mm; }
.charts { display: flex; flex-wrap: wrap; gap: 4mm; break-inside: avoid; page-break-inside: avoid; }
figure { margin: 0; flex: 1 1 88mm; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: 1mm; }
svg { width: 100%; height: auto; }
.site { break-before: auto; }
table.f { font-size: 9pt; margin-bottom: 5mm; }
table.f td:first-child { width: 30%; } table.f td.loc { width: 14%; white-space: nowrap; }
tr.g th { background: #f9fafb; font-weight: normal; border-left: 4px solid #98a2b3; }
tr.g.error th { border-left-color: #b42318; } tr.g.warning th { border-left-color: #b54708; }
tr.g.info th { border-left-color: #175cd3; }
tr.w td { color: #667085; }
.refs { margin-left: 3mm; white-space: nowrap; }
.refs a { color: #175cd3; text-decoration: none; }
ol.basis li { margin-bottom: 2mm; break-inside: avoid; page-break-inside: avoid; }
.finding { border: 1px solid #d0d5dd; border-left: 4px solid #98a2b3; border-radius: 1mm; padding: 2mm 3mm;
  margin: 0 0 3mm; break-inside: avoid; page-break-inside: avoid; }
.finding.error { border-left-color: #b42318; } .finding.warning { border-left-color: #b54708; }
.finding.info { border-left-color: #175cd3; } .finding.waived { border-left-color: #98a2b3; opacity: 0.85; }
.finding .head { display: flex; flex-wrap: wrap; gap: 2mm; align-items: baseline; }
.badge { display: inline-block; padding: 0 2mm; border-radius: 1mm; color: #fff; font-size: 8.5pt;
  font-weight: 600; }
.badge.error { background: #b42318; } .badge.warning { background: #b54708; }
.badge.info { background: #175cd3; }
.badge.waived { background: #98a2b3; }
.rule { font-weight: 600; }
.msg { margin: 1mm 0; }
dl { margin: 1mm 0 0; display: grid; grid-template-columns: max-content 1fr; gap: 0.5mm 3mm; }
dt { color: #475467; font-weight: 600; } dd { margin: 0; }
blockquote { margin: 0.5mm 0 1mm; padding: 0.5mm 2mm; border-left: 2px solid #d0d5dd; color: #344054;
  white-space: pre-line; }
.waiver { color: #475467; font-style: italic; }
.draft { color: #6941c6; font-weight: 600; }
.muted { color: #667085; }
footer { margin-top: 8mm; color: #667085; font-size: 8.5pt; border-top: 1px solid #d0d5dd; padding-top: 2mm; }
@media print {
  body { padding: 0; max-width: none; }
  #detail { break-before: page; page-break-before: always; }
  a { color: inherit; text-decoration: none; }
}
""".replace("$FONTS", FONTS)


def h(text: object) -> str:
    """Input or rule text made inert in HTML: control, bidirectional and invisible characters spelled out
    (escape.clean), then markup characters (quotes too, so the text is safe in an attribute)."""
    return html.escape(clean(text, lines=True))


def word(key: str, lang: str) -> str:
    """A word of the HTML report (catalog section ``html``), escaped like any text."""
    return html.escape(tr("html", key, lang))


def label(key: str, lang: str) -> str:
    return html.escape(text_label(key, lang))


def render(report: Report) -> str:
    return "".join(stream(report))


def stream(report: Report) -> Iterator[str]:
    """The page in pieces: head, summary table, charts, then a piece per group of findings, so that a city's report
    is written as it is drawn. With ``only_failing``, clean sites stay in the table but leave the detail."""
    lang = report.lang
    yield page_head(text_label("title", lang), lang)
    yield _header(report)
    yield from _site_table(report)
    yield _charts(report)
    if report.errors:
        yield f"<h2>{label('input_errors', lang)}</h2><ul>"
        yield from (f"<li><code>{h(e.path)}:{e.line}:{e.column}</code> {h(e.message)}</li>" for e in report.errors)
        yield "</ul>"
    yield f'<section id="detail"><h2>{word("findings", lang)}</h2>'
    sources = Sources()
    for site in report.sites:
        if _detailed(site, report):
            yield from _site(site, report, sources)
    yield "</section>"
    yield from sources.listing(lang)
    if report.notices:
        yield f"<h2>{label('notices', lang)}</h2><ul>"
        yield from (f"<li><code>{h(n.path)}:{n.line}:{n.column}</code> {h(n.kind)}: {h(n.message)}</li>"
                    for n in report.notices)
        yield "</ul>"
    yield page_foot(report.version, lang)


def page_head(title: str, lang: str, css: str = CSS) -> str:
    """Everything up to and including ``<body>``, for every page vidcheck writes (audit, diff, filing): the
    language, the policy that forbids any fetch, the title (made inert) and the page's style."""
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            # no fetch of any kind, even if a string from the input were to slip past the escaping
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
            f"<title>{h(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n")


def page_foot(version: str, lang: str) -> str:
    return (f"<footer>{word('generated_by', lang).format(version=h(version))}</footer>\n"
            "</body>\n</html>\n")


def _header(report: Report) -> str:
    lang = report.lang
    status = "passed" if report.exit_code == 0 else "not_evaluated" if report.errors else "failed"
    counts = "".join(f'<span><span class="badge {s.label}">{label(s.label, lang)}</span> {report.count(s)}</span>'
                     for s in SEVERITIES)
    counts += f"<span>{label('waived', lang)} {report.waived()}</span>"
    counts += f"<span>{label('baselined', lang)} {report.baselined}</span>"
    parts = [f"<header><h1>{label('title', lang)}</h1>",
             f'<p class="meta">vidcheck {h(report.version)} · {label("as_of", lang)} {report.as_of.isoformat()} · '
             f"{label('sites_audited', lang)} {len(report.sites)} · {label('fail_on', lang)} "
             f"{h(report.gate.fail_on_label)} · <span class=\"status {status}\">{word(status, lang)}</span></p>",
             f'<p class="counts">{counts}</p>']
    skipped = skipped_line(report)
    if skipped:
        parts.append(f'<p class="muted">{h(skipped)}</p>')
    gate = gate_lines(report)
    if gate:
        parts.append(f"<h3>{label('gate', lang)}</h3><ul class=\"setting\">"
                     + "".join(f"<li>{h(line)}</li>" for line in gate) + "</ul>")
    parts.append("</header>\n")
    return "".join(parts)


def _site_table(report: Report) -> Iterator[str]:
    """The per-site table of every report for people (render/overview.py), each site linked to its detail."""
    from .overview import COLUMNS, NUMERIC, overview

    shown = overview(report)
    numeric = tuple(' class="n"' if column in NUMERIC else "" for column in COLUMNS)
    yield (f"<h2>{word('sites', report.lang)}</h2><table class=\"sites\"><thead><tr>"
           + "".join(f"<th{css}>{h(header)}</th>" for css, header in zip(numeric, shown.headers, strict=True))
           + "</tr></thead><tbody>\n")
    for site, cells in zip(report.sites, shown.cells, strict=True):
        ident = f"<code>{h(cells[0])}</code>"
        first = f'<td class="id"><a href="#{_anchor(site)}">{ident}</a></td>' if _detailed(site, report) else \
            f'<td class="id">{ident}</td>'
        yield ("<tr>" + first + "".join(f"<td{css}>{_lines(cell)}</td>"
                                        for css, cell in zip(numeric[1:], cells[1:], strict=True)) + "</tr>\n")
    yield ("</tbody><tfoot><tr>" + "".join(f"<td{css}>{_lines(cell)}</td>"
                                           for css, cell in zip(numeric, shown.total, strict=True))
           + "</tr></tfoot></table>\n")
    if shown.orders:
        yield f'<p class="muted">{h(shown.orders)}</p>'
    yield f'<p class="muted">{h(shown.note)}</p>\n'


def _detailed(site: SiteReport, report: Report) -> bool:
    """Whether the site has a part in the detail: --only-failing leaves out sites with nothing counted."""
    return not (report.only_failing and all(f.waiver is not None for f in site.findings))


def _lines(text: str) -> str:
    return h(text).replace("\n", "<br>")


def _anchor(site: SiteReport) -> str:
    """A fragment id for the site's detail: its position-free digest, so no input text reaches an attribute raw."""
    from ..model import digest

    return "site-" + digest(site.path, site.site, length=12)


# --- charts: horizontal stacked bars, drawn here as SVG (no script, no library, prints as vectors) ---

def _charts(report: Report) -> str:
    lang = report.lang
    by_rule: dict[str, Counter[str]] = {}
    by_site: dict[str, Counter[str]] = {}
    for site in report.sites:
        for finding in site.findings:
            state = "waived" if finding.waiver else finding.severity.label
            by_rule.setdefault(finding.rule, Counter())[state] += 1
            by_site.setdefault(site.site, Counter())[state] += 1
    rules = sorted(by_rule.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    sites = sorted(by_site.items(), key=lambda item: (*(-n for n in _weight(item[1])), item[0]))
    if len(sites) > TOP_SITES:
        rest: Counter[str] = Counter()
        for _, counts in sites[TOP_SITES - 1:]:
            rest.update(counts)
        others = tr("html", "others", lang).format(n=len(sites) - TOP_SITES + 1)
        sites = [*sites[:TOP_SITES - 1], (others, rest)]
    legend = "".join(f'<span><svg width="10" height="10" style="width:10px" aria-hidden="true"><rect width="10" '
                     f'height="10" fill="{COLOURS[state]}"/></svg> {label(state, lang)}</span> '
                     for state in ("error", "warning", "info", "waived"))
    return ('<section class="charts">'
            f"<figure><figcaption>{word('by_rule', lang)}</figcaption>{bar_chart(rules, lang)}</figure>"
            f"<figure><figcaption>{word('by_site', lang)}</figcaption>{bar_chart(sites, lang)}</figure>"
            f'</section><p class="counts muted">{legend}</p>\n')


def _weight(counts: Counter[str]) -> tuple[int, int, int]:
    return (counts["error"], counts["warning"], counts["info"])


def bar_chart(rows: Iterable[tuple[str, Counter[str]]], lang: str) -> str:
    """One bar per row, stacked by state, scaled to the largest total; the count at the end of each bar."""
    rows = list(rows)
    if not rows:
        return f'<p class="muted">{label("no_findings", lang)}</p>'
    name_width, bar_width, row_height = 140, 150, 18
    top = max(sum(counts.values()) for _, counts in rows) or 1
    height = row_height * len(rows) + 4
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {name_width + bar_width + 40} {height}" '
             f'role="img" font-size="10" font-family=\'{FONTS}\'>']
    for index, (name, counts) in enumerate(rows):
        y = index * row_height + 2
        shown = name if len(name) <= 26 else name[:25] + "…"
        parts.append(f'<text x="{name_width - 4}" y="{y + 12}" text-anchor="end" fill="#344054">'
                     f"<title>{h(name)}</title>{h(shown)}</text>")
        x = float(name_width)
        for state in ("error", "warning", "info", "waived"):
            if counts[state]:
                width = bar_width * counts[state] / top
                parts.append(f'<rect x="{x:.1f}" y="{y + 2}" width="{max(width, 1):.1f}" height="{row_height - 6}" '
                             f'fill="{COLOURS[state]}"/>')
                x += width
        parts.append(f'<text x="{x + 3:.1f}" y="{y + 12}" fill="#344054">{sum(counts.values())}</text>')
    parts.append("</svg>")
    return "".join(parts)


# --- detail: findings grouped by rule in compact tables; each legal text once, in a closing "legal basis" list ---

class Sources:
    """The citations and penalties the page refers to, numbered in order of first mention. Each quote is written
    once, at the end of the page, so that a city's report does not repeat the same paragraph of law per finding
    (1,000 sites x 20 findings stays under 5 MB); memory grows with the distinct articles, not the findings."""

    def __init__(self) -> None:
        self.numbers: dict[Citation | Penalty, int] = {}

    def ref(self, source: Citation | Penalty) -> str:
        number = self.numbers.setdefault(source, len(self.numbers) + 1)
        return f'<a href="#law-{number}">[{number}]</a>&#8239;{h(source.article)}'

    def listing(self, lang: str) -> Iterator[str]:
        if not self.numbers:
            return
        yield f'<section id="basis"><h2>{word("basis", lang)}</h2><ol class="basis">'
        for source, number in self.numbers.items():
            if isinstance(source, Citation):
                draft = f' <span class="draft">({label("draft", lang)})</span>' if source.draft else ""
                head = f"{h(source.instrument)} <b>{h(source.article)}</b>{draft}"
            else:
                head = f"{label('penalty', lang)}{label('colon', lang)}{h(penalty_line(source, lang))}"
            yield f'<li id="law-{number}">{head}<blockquote>{h(source.quote)}</blockquote></li>\n'
        yield "</ol></section>\n"


def _site(site: SiteReport, report: Report, sources: Sources) -> Iterator[str]:
    lang = report.lang
    yield (f'<section class="site" id="{_anchor(site)}"><h3>{h(site.name)} (<code>{h(site.site)}</code>)</h3>'
           f'<p class="meta">{label("file", lang)}{label("colon", lang)}<span class="loc">{h(site.path)}</span> · '
           f"{label('jurisdictions', lang)}{label('colon', lang)}{h(' → '.join(site.jurisdictions)) or '—'}</p>")
    if site.drafts:
        drafts = text_label("draft_warning", lang).format(drafts=", ".join(site.drafts))
        yield f'<p class="draft">{h(drafts)}</p>'
    if site.plan:
        yield f'<p class="muted">{label("plan", lang)}</p>'
    if not site.findings:
        yield f'<p class="muted">{label("no_findings", lang)}</p></section>\n'
        return
    yield (f'<table class="f"><thead><tr><th>{label("subject", lang)}</th><th>{word("where", lang)}</th>'
           f'<th>{label("message", lang)}</th></tr></thead>')
    for (rule, severity, citations, penalties), group in itertools.groupby(
            site.findings, key=lambda f: (f.rule, f.severity, f.citations, f.penalties)):
        yield _group_head(rule, severity, citations, penalties, lang, sources)
        yield "".join(finding_row(finding, site.path, lang) for finding in group)
    yield "</table></section>\n"


def _group_head(rule: str, severity: Severity, citations: tuple[Citation, ...], penalties: tuple[Penalty, ...],
                lang: str, sources: Sources) -> str:
    """The rule, what it means, and the articles its findings rest on (numbered: their text is in the list)."""
    try:
        means = meaning(rule, lang)
    except KeyError:  # a finding id this version has no words for
        means = ""
    basis = " ".join(sources.ref(c) for c in citations)
    fines = " ".join(sources.ref(p) for p in penalties)
    parts = [f'<span class="badge {severity.label}">{label(severity.label, lang)}</span> <span class="rule">'
             f"{h(rule)}</span> {h(means)}"]
    if basis:
        parts.append(f'<span class="refs">{label("article", lang)} {basis}</span>')
    if fines:
        parts.append(f'<span class="refs">{label("penalty", lang)} {fines}</span>')
    return f'<tr class="g {severity.label}"><th colspan="3">{" ".join(parts)}</th></tr>'


def finding_row(finding: Finding, site_path: str, lang: str) -> str:
    """One finding: subject (with the camera's location), where (line:column in the site's file, else the
    file too), message; a waived one says by whom and until when."""
    where = finding.location
    at = f"{where.line}:{where.column}" if where.path == site_path else f"{where.path}:{where.line}:{where.column}"
    message = h(finding.message)
    if finding.waiver is not None:
        waived = label("waived_mark", lang) + label("colon", lang)
        message += f'<br><i class="waiver">{waived}{h(waiver_line(finding.waiver, lang))}</i>'
    css = ' class="w"' if finding.waiver is not None else ""
    return f"<tr{css}><td>{h(finding.subject.shown)}<td class=\"loc\">{h(at)}<td>{message}</tr>"
