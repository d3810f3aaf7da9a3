"""Help pages and usage errors in the language of the run (catalog sections ``help`` and ``click``).

Typer 0.2x vendors its own click (``typer._click``) with the gettext calls removed, so click's gettext hook is not
there to translate "Usage:", "Options" or "Show this message and exit.". What is there are click's documented
extension points, used here by subclassing, never by patching: ``Command.context_class`` and
``Context.formatter_class`` (our HelpFormatter: translated usage prefix and headings, wrapping that counts a
Chinese character as two columns), ``Command.collect_usage_pieces`` and ``format_options`` (the usage line and
option rows name arguments by their metavar, so no ``{FILE...}...`` or ``<list[str]>``), and the exceptions'
public attributes (``param``, ``option_name``, ``possibilities``) to say a usage error in our words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperCommand, TyperGroup

from .i18n import process_lang, tr

if TYPE_CHECKING:  # imported when a usage error is said: help pages need no finding model
    from .messages import Text


def _click_words(key: str) -> str:
    return tr("click", key, process_lang())


# A Chinese character (or full-width form) is a token of its own, anything else breaks at spaces, as click does;
# opening punctuation sticks to what follows it and closing punctuation to what precedes it, so that no line
# starts with "、" or ends with "（".
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_TOKEN = re.compile(f"[（「『《]*(?:[{_CJK}]|[^\\s{_CJK}]+)[，。、；：）」』！？》]*|\\s+")


def columns(text: str) -> int:
    """The width of ``text`` on a terminal: a wide (Chinese) character takes two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns (a longer word stands alone on its line), paragraphs kept."""
    lines: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        line, used = "", 0
        for token in _TOKEN.findall(" ".join(paragraph.split())):
            if token.isspace():
                if line:
                    line, used = line + " ", used + 1
                continue
            size = columns(token)
            if line.strip() and used + size > width:
                lines.append(line.rstrip())
                line, used = "", 0
            line, used = line + token, used + size
        lines.append(line.rstrip())
        lines.append("")
    return lines[:-1]


_ClickFormatter: type[Any] = typer.Context.formatter_class  # click's HelpFormatter, as typer's Context names it


class HelpFormatter(_ClickFormatter):  # type: ignore[misc]
    """Click's formatter with vidcheck's words and a wrap that knows Chinese characters are two columns wide."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        self.write(f"{prefix or _click_words('usage')}{prog} {args}\n")

    def write_heading(self, heading: str) -> None:
        shown = {"Options": "options", "Arguments": "arguments", "Commands": "commands"}.get(heading)
        self.write(f"{'':>{self.current_indent}}{_click_words(shown) if shown else heading}{_click_words('colon')}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write("".join(f"{indent}{line}\n" if line else "\n"
                           for line in wrap(text, self.width - self.current_indent)))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        first_col = min(max((columns(first) for first, _ in rows), default=0), col_max) + col_spacing
        pad = " " * (first_col + self.current_indent)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if columns(first) <= first_col - col_spacing:
                self.write(" " * (first_col - columns(first)))
            else:
                self.write(f"\n{pad}")
            lines = wrap(second, max(self.width - first_col - self.current_indent, 20)) or [""]
            self.write(f"{lines[0]}\n" + "".join(f"{pad}{line}\n" for line in lines[1:]))


class _Context(typer.Context):
    formatter_class = HelpFormatter


def _metavar(param: Any) -> str:
    return str(param.metavar or param.name.upper())


def _usage_pieces(command: Any, ctx: Any) -> list[str]:
    pieces = [_click_words("options-metavar")]
    for param in command.get_params(ctx):
        if param.param_type_name == "argument":
            pieces.append(_metavar(param) if param.required else f"[{_metavar(param)}]")
    return pieces


def _format_options(command: Any, ctx: Any, formatter: Any) -> None:
    """One row per argument and option: its names and metavar, and its help (the catalog's words; a required
    argument or a range is said there, not in click's bracketed English)."""
    help_option = command.get_help_option(ctx)
    arguments, options = [], []
    for param in command.get_params(ctx):
        if param.hidden:
            continue
        if param.param_type_name == "argument":
            arguments.append((_metavar(param), param.help or ""))
            continue
        names = ", ".join(sorted(param.opts, key=lambda name: name.startswith("--")))  # -f, --format
        if not param.is_flag:
            names += f" {_metavar(param)}"
        options.append((names, _click_words("help-option") if param is help_option else param.help or ""))
    for heading, rows in (("Arguments", arguments), ("Options", options)):
        if rows:
            with formatter.section(heading):
                formatter.write_dl(rows)


class Command(TyperCommand):
    context_class = _Context

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return _usage_pieces(self, ctx)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        _format_options(self, ctx, formatter)


class Group(TyperGroup):
    context_class = _Context

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [*_usage_pieces(self, ctx), _click_words("command-metavar")]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        _format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)


# What typer's coercion says of a bad value (English, from pydantic), by the parts our words need.
_DETAILS = (
    (re.compile(r"(?:Value error, )?'(?P<value>.*)' is not one of (?P<choices>.*?)\.?$"), "usage.not-one-of"),
    (re.compile(r"Input should be greater than or equal to (?P<n>\S+)"), "usage.at-least"),
    (re.compile(r"Input should be a valid integer"), "usage.integer"),
)
_OPTION_USAGE = ((re.compile(r"requires (an argument|\d+ arguments)"), "usage.needs-value"),
                 (re.compile(r"does not take a value"), "usage.takes-no-value"))
_PLAIN = ((re.compile(r"No such command '(?P<name>.*)'\."), "usage.no-such-command"),
          (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)"), "usage.extra-arguments"),
          (re.compile(r"Missing command\."), "usage.missing-command"))


def usage_text(exc: Any) -> Text | str:
    """A click usage error in vidcheck's words, by its type and attributes; its own English for a kind this does
    not know (a newer typer), so the user is still told."""
    from .messages import Text

    kind = type(exc).__name__
    param = getattr(exc, "param", None)
    if kind == "NoSuchOption":
        close = tuple(getattr(exc, "possibilities", None) or ())
        return Text.error("usage.no-such-option", option=exc.option_name,
                          suggestion=Text.error("usage.possible", options=", ".join(close)) if close else "")
    if kind == "MissingParameter" and param is not None:
        key = "usage.missing-argument" if param.param_type_name == "argument" else "usage.missing-option"
        return Text.error(key, name=_param_name(param))
    if kind == "BadParameter" and param is not None:
        return Text.error("usage.bad-value", name=_param_name(param), detail=_detail(str(exc.message)))
    if kind == "BadOptionUsage":
        found = _match(_OPTION_USAGE, str(exc.message))
        if found is not None:
            return Text.error(found[0], option=exc.option_name)
    found = _match(_PLAIN, str(getattr(exc, "message", "")))
    if found is not None:
        return Text.error(found[0], **found[1])
    return str(exc.format_message())


def _param_name(param: Any) -> str:
    names = [_metavar(param)] if param.param_type_name == "argument" else param.opts
    return " / ".join(f"'{name}'" for name in names)


def _detail(message: str) -> Text | str:
    from .messages import Text

    found = _match(_DETAILS, message)
    return message if found is None else Text.error(found[0], **found[1])


def _match(table: Sequence[tuple[re.Pattern[str], str]], message: str) -> tuple[str, dict[str, str]] | None:
    for pattern, key in table:
        match = pattern.search(message)
        if match:
            return key, match.groupdict()
    return None

