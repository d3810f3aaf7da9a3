"""The terminal report: header, findings grouped by severity, summary. Input strings never carry markup or
terminal control sequences into the output."""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from ..i18n import tr
from ..messages import text_label
from ..model import Finding, Report, Severity, SiteReport
from .common import SEVERITIES, clean, gate_lines, labelled, penalty_line, site_as_of, skipped_line, waiver_line
from .overview import COLUMNS, NUMERIC, Overview, overview

if TYPE_CHECKING:  # rich is imported lazily: start-up time matters in CI
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_MARK = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.INFO: "●"}
UNWRAPPED = 100_000  # the console width of piped output: wide enough that no line of a report is hard-wrapped
_LAST_STYLE = re.compile(r"\x1b\[[0-9;]*m\Z")
_INDENT = re.compile(r"^ *")


def render(report: Report, *, color: bool = False, width: int | None = None) -> str:
    """The report as text; ``width=None`` never hard-wraps (piped output: one finding's lines break only where
    the report breaks them)."""
    return "".join(stream(report, color=color, width=width))


def stream(report: Report, *, color: bool = False, width: int | None = None) -> Iterator[str]:
    """``render`` in pieces, one per finding, so that a city's report is written as it is drawn."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width or UNWRAPPED, force_terminal=color, no_color=not color,
                      highlight=False, emoji=False, color_system="standard" if color else None)

    def drained() -> str:
        piece = "\n".join(map(_rstrip, buffer.getvalue().split("\n")))
        buffer.seek(0)
        buffer.truncate()
        return piece

    # without colour, findings are drawn by hand (bench target 8): Rich's layout of each costs more than the audit
    plain = None if color else _PlainFindings(report.lang, width)
    _overview(console, report)
    yield drained()
    left_out = 0
    for site in report.sites:
        if report.only_failing and not any(f.waiver is None for f in site.findings):
            left_out += 1
            continue
        for piece in _site(console, site, report, wrapped=width is not None, plain=plain):
            yield drained() + piece
    if left_out:
        from rich.text import Text

        console.print(Text(tr("reports", "clean_left_out", report.lang).format(n=left_out), style="dim"))
        console.print()
    if report.errors:
        _errors(console, report)
    if report.notices:
        _notices(console, report)
    _gate(console, report)
    _summary(console, report)
    yield drained()


def _rstrip(line: str) -> str:
    """The line without trailing blanks, styles mixed among them (a table's padded cells) dropped with them and
    one reset put back where a style was among them."""
    if "\x1b" not in line:
        return line.rstrip(" \t")
    body = line
    while True:
        bare = body.rstrip(" \t")
        style = _LAST_STYLE.search(bare, max(0, len(bare) - 16))
        if style is None:
            break
        body = bare[:style.start()]
    removed = line[len(bare):]
    if " " not in removed and "\t" not in removed:
        return line
    return bare + ("\x1b[0m" if "\x1b" in removed else "")


def terminal_width(tty: bool, environ: Mapping[str, str]) -> int | None:
    """The width text follows on a terminal: ``COLUMNS`` when set, else the terminal's own. None when piped: no hard
    wrap at all, whatever COLUMNS says (a log or a file is read at any width)."""
    import shutil

    if not tty:
        return None
    columns = environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else shutil.get_terminal_size().columns


def _overview(console: Console, report: Report) -> None:
    """The per-site table (SPEC §11): site, name, jurisdiction, errors, warnings, penalty exposure, and a total.
    Where it does not fit the width, the exposure leaves the table for a list under it (nothing is cut)."""
    from rich.text import Text

    if not report.sites:
        return
    shown = overview(report)
    plain = (0, []) if console.is_terminal else _plain_table(shown, COLUMNS)
    if plain[1]:  # without colour: Rich's table (even its measure) costs more than the audit; its width is the same
        table, wide = None, plain[0] > console.width
    else:
        table = _table(shown, COLUMNS)
        wide = console.measure(table, options=console.options.update_width(UNWRAPPED)).maximum > console.width
    if plain[1] and not wide:
        console.file.write("".join(line.rstrip() + "\n" for line in plain[1]))
    elif wide:
        narrow = (0, []) if console.is_terminal else _plain_table(shown, COLUMNS[:-1])
        if narrow[1] and narrow[0] <= console.width:
            console.file.write("".join(line.rstrip() + "\n" for line in narrow[1]))
        else:
            console.print(_table(shown, COLUMNS[:-1]))
        console.print(Text(shown.headers[-1], style="bold"))
        for site, exposure in ((c[0], c[-1]) for c in (*shown.cells, shown.total)):
            parts = clean(exposure, lines=True).split("\n")
            lines = [f"  {clean(site)}: {parts[0]}"] if len(parts) == 1 else [f"  {clean(site)}"] + [
                f"    {part}" for part in parts]
            _indented(console, Text("\n".join(lines)), True)
    else:
        console.print(table or _table(shown, COLUMNS))
    if shown.orders:
        console.print(Text(clean(shown.orders)))
    console.print(Text(shown.note, style="dim"))
    console.print()


def _plain_table(shown: Overview, columns: tuple[str, ...]) -> tuple[int, list[str]]:
    """The table as Rich draws it without colour (a rule under the header, a blank line before the total), in a
    fraction of its time: its width, and its lines."""
    from rich.cells import cell_len

    count = len(columns)
    head = [[clean(cell)] for cell in shown.headers[:count]]
    rows = [[clean(cell, lines=True).split("\n") for cell in cells[:count]] for cells in shown.cells]
    foot = [clean(cell, lines=True).split("\n") for cell in shown.total[:count]]
    widths = [max(cell_len(line) for row in (head, *rows, foot) for line in row[i]) for i in range(count)]

    def drawn(row: list[list[str]]) -> Iterator[str]:
        for n in range(max(len(cell) for cell in row)):
            texts = [cell[n] if n < len(cell) else "" for cell in row]
            pads = [" " * (widths[i] - cell_len(text)) for i, text in enumerate(texts)]
            yield "   ".join(pad + text if columns[i] in NUMERIC else text + pad
                             for i, (text, pad) in enumerate(zip(texts, pads, strict=True)))

    width = sum(widths) + 3 * (count - 1)
    return width, [*drawn(head), "─" * width, *(line for row in rows for line in drawn(row)), "", *drawn(foot)]


def _table(shown: Overview, columns: tuple[str, ...]) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_footer=True, show_edge=False, pad_edge=False, header_style="bold",
                  footer_style="bold")
    for index, key in enumerate(columns):
        table.add_column(shown.headers[index], footer=clean(shown.total[index], lines=True),
                         justify="right" if key in NUMERIC else "left", overflow="fold")
    for row, cells in zip(shown.rows, shown.cells, strict=True):
        style = "bold red" if row.errors else "yellow" if row.warnings else None
        table.add_row(*(clean(cell, lines=True) for cell in cells[:len(columns)]), style=style)
    return table


def _site(console: Console, site: SiteReport, report: Report, *, wrapped: bool = False,
          plain: _PlainFindings | None = None) -> Iterator[str]:
    """Print the site's part, pausing after each finding (``stream`` takes what was printed so far, then the
    piece yielded: a finding drawn by ``plain``). A site without findings is one line (its drafts and plan notes
    after it)."""
    from rich.panel import Panel
    from rich.text import Text

    lang = report.lang
    if not site.findings:
        line = Text("✓ " + tr("reports", "clean_site", lang).format(site=clean(site.site), name=clean(site.name),
                                                             path=clean(site.path)), style="green")
        if site.drafts:
            line.append("\n  " + text_label("draft_warning", lang).format(drafts=clean(", ".join(site.drafts))),
                        style="bold magenta")
        if site.plan:
            line.append("\n  " + text_label("plan", lang), style="cyan")
        _indented(console, line, wrapped)
        yield ""
        return
    header = Text()
    rows = ((text_label("site", lang), f"{site.name} ({site.site})"), (text_label("file", lang), site.path),
            (text_label("jurisdictions", lang), " → ".join(site.jurisdictions) or "—"),
            (text_label("as_of", lang), site_as_of(site, report)))
    for name, value in rows:
        header.append(f"{name}{text_label('colon', lang)}", style="bold")
        header.append(clean(value) + "\n")
    if site.drafts:
        header.append(text_label("draft_warning", lang).format(drafts=clean(", ".join(site.drafts))) + "\n",
                      style="bold magenta")
    if site.plan:
        header.append(text_label("plan", lang), style="cyan")
    header.rstrip()
    if console.is_terminal or not _plain_box(console, header.plain, text_label("title", lang), wrapped):
        console.print(Panel(header, title=text_label("title", lang), title_align="left", expand=wrapped))
    for severity in SEVERITIES:
        group = [f for f in site.findings if f.severity == severity and f.waiver is None]
        if group:
            console.print(Text(f"{text_label(severity.label, lang)} ({len(group)})", style=_STYLE[severity]))
            for finding in group:
                if plain is not None:
                    yield plain.finding(finding)
                    continue
                _indented(console, _finding(finding, lang), wrapped)
                yield ""
    waived = [f for f in site.findings if f.waiver is not None]
    if waived:
        console.print(Text(f"{text_label('waived', lang)} ({len(waived)})", style="dim"))
        for finding in waived:
            if plain is not None:
                yield plain.finding(finding)
                continue
            _indented(console, _finding(finding, lang), wrapped, style="dim")
            yield ""
    console.print()
    yield ""


class _PlainFindings:
    """Findings as ``_indented(_finding(...))`` draws them without colour, byte for byte, in a fraction of the time
    (bench target 8): plain strings, no Rich objects, each row wrapped once by ``_rows``, and the article and
    penalty lines of a finding drawn once per report (findings of one rule share their Citation and Penalty
    objects, so they are cached by identity; the report keeps them alive while it is drawn)."""

    def __init__(self, lang: str, width: int | None) -> None:
        self.lang, self.width = lang, width
        self._cited: dict[int, str] = {}
        self._penalised: dict[int, str] = {}
        self._labels = {key: labelled(key, lang) for key in ("article", "penalty", "fix")}
        self._labels["site"] = text_label("site", lang)

    def rows(self, text: str) -> str:
        """Each line of ``text`` without trailing blanks, wrapped to the width with its indent kept."""
        if self.width is None:
            return "".join(row.rstrip(" \t") + "\n" for row in text.split("\n"))
        return "".join(map(self._row, text.split("\n")))

    def _row(self, row: str) -> str:
        assert self.width is not None
        return _wrapped_row(row, self.width)

    def finding(self, finding: Finding) -> str:
        lang, labels = self.lang, self._labels
        subject = labels["site"] if finding.subject.type == "site" else text_label(finding.subject.type, lang)
        mark = "○" if finding.waiver else _MARK[finding.severity]
        rows = [f"  {mark} {finding.rule}  {subject} {clean(finding.subject.id + finding.subject.where)}  "
                f"{clean(finding.location)}", f"    {clean(finding.message)}"]
        if finding.hint:
            rows.append(f"    {labels['fix']}{clean(finding.hint)}")
        if finding.waiver is not None:
            rows.append("    " + clean(waiver_line(finding.waiver, lang)))
        head = self.rows("\n".join(rows))
        cited = self._cited.get(id(finding.citations))
        if cited is None:
            cited = self._cited[id(finding.citations)] = "".join(
                self.rows(f"    {labels['article']}{clean(c.instrument)} {clean(c.article)} 「{clean(c.quote)}」")
                for c in finding.citations)
        penalised = self._penalised.get(id(finding.penalties))
        if penalised is None:
            penalised = self._penalised[id(finding.penalties)] = "".join(
                self.rows(f"    {labels['penalty']}{clean(penalty_line(p, lang))}") for p in finding.penalties)
        return head + cited + penalised + "\n"


@functools.lru_cache(maxsize=8192)  # a report repeats its lines: the same message or hint in many findings
def _wrapped_row(row: str, width: int) -> str:
    """One line wrapped to ``width`` as ``_indented`` wraps it: continuations keep its indent, no trailing blanks."""
    body = row.lstrip(" ")
    if len(row) * 2 <= width or (row.isascii() and len(row) <= width):  # fits: a character is at most two cells
        return row.rstrip(" \t") + "\n"
    indent = " " * (len(row) - len(body))
    return "".join(f"{indent}{piece}".rstrip(" \t") + "\n" for piece in _wrap(body, width - len(indent))) or "\n"


def _width(console: Console) -> int:
    """The width the console was made with: Rich's ``width`` asks the operating system for the terminal's size at
    every call, which costs more than writing a finding."""
    given: int | None = getattr(console, "_width", None)
    return given or console.width


def _plain_box(console: Console, text: str, title: str, wrapped: bool) -> bool:
    """Write ``text`` in the box Rich's Panel draws, as Rich draws it without colour but in a fraction of its time;
    False, writing nothing, where a line would have to wrap (Rich's Panel does that)."""
    from rich.cells import cell_len

    lines = text.split("\n")
    inner = max(cell_len(line) for line in (*lines, title + "  "))
    width = _width(console)
    size = width if wrapped else inner + 4
    if inner + 4 > width:
        return False
    rows = [f"│ {line}{' ' * (size - 4 - cell_len(line))} │" for line in lines]
    console.file.write("\n".join([f"╭─ {title} {'─' * (size - 5 - cell_len(title))}╮", *rows,
                                  f"╰{'─' * (size - 2)}╯"]) + "\n")
    return True


def _indented(console: Console, text: Text, wrapped: bool, style: str = "") -> None:
    """Print each line of ``text``; where the width wraps a line, its continuation keeps the line's indent (a
    wrapped file:line:col or quote never falls back to column 0). Without colour the text is written as it is:
    Rich's layout of each line costs more than the audit that found it (bench target 8)."""
    from rich.text import Text

    plain = not console.is_terminal
    if not wrapped:  # piped: nothing wraps
        if plain:
            console.file.write(text.plain + "\n")
        else:
            console.print(text, style=style, soft_wrap=True)
        return
    if plain:
        width = _width(console)
        for row in text.plain.split("\n"):
            blank = len(row) - len(row.lstrip(" "))
            console.file.write("".join(" " * blank + piece + "\n"
                                       for piece in _wrap(row[blank:], width - blank)) or "\n")
        return
    for line in text.split("\n", allow_blank=True):
        indent = len(_INDENT.match(line.plain).group())  # type: ignore[union-attr]
        pieces = line[indent:].wrap(console, console.width - indent, overflow="fold") if line.plain else [line]
        for piece in pieces:
            piece.rstrip()
            console.print(Text(" " * indent) + piece if piece.plain else piece, style=style, soft_wrap=True)


_TOKENS = re.compile(r"( +)|([\x21-\x7e\u00a0-\u10ff]+)|([^ \x21-\x7e\u00a0-\u10ff]+)")  # blanks, a word, wide text


@functools.lru_cache(maxsize=4096)  # a report repeats its lines: the same article cited by many findings
def _wrap(line: str, width: int) -> tuple[str, ...]:
    """``line`` broken into pieces of at most ``width`` cells, as Rich wraps (between words, or anywhere in wide
    text such as Chinese; a word longer than the width is folded), without building Rich objects for each line."""
    cell_len = _cells
    width = max(width, 1)
    if len(line) * 2 <= width or cell_len(line) <= width:  # a character takes at most two cells
        return (line,) if line else ()
    pieces: list[str] = []
    current, used = "", 0

    def flush() -> None:
        nonlocal current, used
        if current.strip(" "):
            pieces.append(current.rstrip(" "))
        current, used = "", 0

    for blanks, word, wide in _TOKENS.findall(line):
        if blanks:
            if used + len(blanks) <= width:
                current, used = current + blanks, used + len(blanks)
            continue  # blanks at a break are dropped, as Rich drops them
        token = word or wide
        size = len(token) if token.isascii() else cell_len(token)
        if word and used + size > width:
            flush()
        while used + size > width:  # wide text fills the line; a word wider than a line is folded
            room = width - used
            take = room // 2 if size == 2 * len(token) else _fitting(token, room)
            if take == 0:
                flush()
                if room == width:  # not one character fits an empty line: give it a line of its own
                    take = 1
                else:
                    continue
            current, token = current + token[:take], token[take:]
            flush()
            size = cell_len(token)
        current, used = current + token, used + size
    flush()
    return tuple(pieces)


@functools.cache
def _char_cells(char: str) -> int:
    from rich.cells import cell_len

    return cell_len(char)


def _cells(text: str) -> int:
    """Rich's ``cell_len``, faster on the many different lines of a report: Rich caches whole strings (which a
    report rarely repeats) and sums a generator; this sums cached widths of characters."""
    if text.isascii():
        return len(text)  # control characters never get here: ``clean`` spells them out
    if "\u200d" in text or "\ufe0f" in text:  # joiners and variation selectors change the width of a sequence
        from rich.cells import cell_len

        return cell_len(text)
    return sum(map(_char_cells, text))


def _fitting(text: str, room: int) -> int:
    """How many characters of ``text``, from the first, fit in ``room`` cells."""
    taken = 0
    for count, char in enumerate(text):
        taken += _char_cells(char)
        if taken > room:
            return count
    return len(text)


def _finding(finding: Finding, lang: str) -> Text:
    from rich.text import Text

    location = finding.location
    text = Text("  ")
    mark, style = ("○", "dim") if finding.waiver else (_MARK[finding.severity], _STYLE[finding.severity])
    text.append(f"{mark} {finding.rule}", style=style)
    subject = text_label(finding.subject.type, lang) if finding.subject.type != "site" else text_label("site", lang)
    text.append(f"  {subject} {clean(finding.subject.id + finding.subject.where)}", style="bold")
    text.append(f"  {clean(location)}\n", style="dim")
    text.append(f"    {clean(finding.message)}\n")
    if finding.hint:
        text.append(f"    {labelled('fix', lang)}", style="dim")
        text.append(clean(finding.hint) + "\n")
    if finding.waiver is not None:
        text.append("    " + clean(waiver_line(finding.waiver, lang)) + "\n", style="italic")
    for citation in finding.citations:
        text.append(f"    {labelled('article', lang)}", style="dim")
        text.append(f"{clean(citation.instrument)} {clean(citation.article)} ")
        text.append(f"「{clean(citation.quote)}」\n", style="italic")
    for penalty in finding.penalties:
        text.append(f"    {labelled('penalty', lang)}", style="dim")
        text.append(clean(penalty_line(penalty, lang)) + "\n")
    return text


def _errors(console: Console, report: Report) -> None:
    from rich.text import Text

    console.print(Text(text_label("input_errors", report.lang), style="bold red"))
    for error in report.errors:
        # soft_wrap: an error stays one line, so editors and CI logs can jump to file:line:col
        line = f"  {clean(error)}"
        console.print(Text(line), soft_wrap=True)
    console.print()


def _notices(console: Console, report: Report) -> None:
    from rich.text import Text

    console.print(Text(text_label("notices", report.lang), style="bold yellow"))
    for notice in report.notices:
        console.print(Text(f"  {clean(notice)}", style=_STYLE[notice.severity]), soft_wrap=True)
    console.print()


def _gate(console: Console, report: Report) -> None:
    """What decided the gate besides the inventories; nothing for a default run."""
    from rich.text import Text

    lines = gate_lines(report)
    if not lines:
        return
    console.print(Text(text_label("gate", report.lang), style="bold"))
    for line in lines:
        console.print(Text(f"  {clean(line)}"), soft_wrap=True)
    console.print()


def _summary(console: Console, report: Report) -> None:
    from rich.text import Text

    lang = report.lang
    colon = tr("screens", "colon", lang)
    line = Text(f"{text_label('summary', lang)}{colon}{text_label('sites_audited', lang)} {len(report.sites)} · ")
    for severity in SEVERITIES:
        line.append(f"{text_label(severity.label, lang)} {report.count(severity)}  ", style=_STYLE[severity])
    if report.waived():
        line.append(f"{text_label('waived', lang)} {report.waived()}  ", style="dim")
    if report.baselined:
        line.append(f"{text_label('baselined', lang)} {report.baselined}  ", style="dim")
    if report.errors:
        line.append(f"{text_label('input_errors', lang)} {len(report.errors)}", style="bold red")
    console.print(line)
    skipped = skipped_line(report)
    if skipped:
        console.print(Text(skipped, style="dim"))


def render_validation(report: Report) -> str:
    """``vidcheck validate``: each error on its own line, then each valid file."""
    lines = [clean(error) for error in report.errors]
    bad = {e.path for e in report.errors}
    valid = tr("errors", "validation.valid", report.lang)
    loaded = set(report.valid) if report.valid is not None else set(report.inputs)
    lines += [valid.format(path=clean(path)) for path in report.inputs if path not in bad and path in loaded]
    lines += [clean(notice) for notice in report.notices]  # quotes of --rules-dir files that could not be checked
    skipped = skipped_line(report)
    return "\n".join([*lines, *([skipped] if skipped else [])]) + "\n"
