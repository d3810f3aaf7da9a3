"""Command-line interface: parse options, call the library, render, write, exit. No business logic here."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from . import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Audit CCTV site inventories against Chinese public-security video system rules.")
jurisdictions_app = typer.Typer(help="List shipped jurisdictions, or show one.", invoke_without_command=True)
app.add_typer(jurisdictions_app, name="jurisdictions")

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Format(StrEnum):
    text = "text"
    json = "json"


class TableFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    csv = "csv"
    json = "json"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"vidcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """vidcheck: compliance checks for 公共安全视频图像信息系统."""


JurisdictionOpt = Annotated[Optional[str], typer.Option("--jurisdiction", "-j",
                                                        help="Jurisdiction id; overrides site.jurisdiction.")]
AsOfOpt = Annotated[Optional[str], typer.Option("--as-of", help="Audit date (YYYY-MM-DD); default today.")]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file.")]
LangOpt = Annotated[Optional[Lang], typer.Option("--lang", help="Language of messages; default from the locale.")]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="Plain text without colour.")]
RulesDirOpt = Annotated[Optional[list[str]], typer.Option("--rules-dir", help="Extra folder of jurisdiction files.")]
FilesArg = Annotated[list[str], typer.Argument(help="Inventory files ('-' reads standard input).")]


def _fail(message: str) -> NoReturn:
    typer.echo(f"vidcheck: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


def _as_of(text: str | None) -> dt.date:
    from .dates import DateFormError, parse_date

    if text is None:
        return dt.date.today()
    try:
        return parse_date(text)
    except DateFormError as exc:
        _fail(f"--as-of: {exc}")


def _lang(lang: Lang | None) -> str:
    from .messages import default_lang

    return lang.value if lang else default_lang()


def _color(no_color: bool, output: Path | None) -> bool:
    return not no_color and output is None and "NO_COLOR" not in os.environ and sys.stdout.isatty()


def _emit(text: str, output: Path | None, inputs: list[str]) -> None:
    """Print, or write ``output`` atomically (temp file + rename), never over one of the inputs."""
    if output is None:
        sys.stdout.write(text)
        return
    target = output.resolve()
    if any(path != "-" and Path(path).resolve() == target for path in inputs):
        _fail(f"--output {output} is one of the input files; refusing to overwrite it")
    temp: Path | None = None
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, delete=False,
                                         prefix=f".{target.name}.", suffix=".tmp") as handle:
            temp = Path(handle.name)
            handle.write(text)
        os.replace(temp, target)
    except OSError as exc:
        if temp is not None:
            temp.unlink(missing_ok=True)
        _fail(f"cannot write {output}: {exc.strerror or exc}")


def _guarded(action: Callable[[], int]) -> None:
    """Run a command; bad rule data and unknown names become one-line errors with exit 2."""
    from .errors import InvalidDocument, LocatedError, UsageError

    try:
        code = action()
    except UsageError as exc:
        _fail(str(exc))
    except (LocatedError, InvalidDocument) as exc:
        from .jurisdictions import rule_data_errors

        for error in rule_data_errors(exc):
            typer.echo(f"{error.path}:{error.line}:{error.column}: {error.message}", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    raise typer.Exit(code)


@app.command()
def audit(
    files: FilesArg,
    jurisdiction: JurisdictionOpt = None,
    as_of: AsOfOpt = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.text,
    output: OutputOpt = None,
    lang: LangOpt = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Lowest severity that fails the run.")] = FailOn.error,
    no_color: NoColorOpt = False,
    rules_dir: RulesDirOpt = None,
) -> None:
    """Audit inventories: exit 0 clean, 1 findings at or above --fail-on, 2 could not evaluate."""
    from .api import Options
    from .api import audit as run_audit
    from .model import Severity

    options = Options(_as_of(as_of), _lang(lang), jurisdiction, tuple(rules_dir or ()))

    def action() -> int:
        report = run_audit(files, options)
        if format is Format.json:
            from .render.jsonreport import render as render_json

            text = render_json(report)
        else:
            from .render.text import render as render_text

            color = _color(no_color, output)
            text = render_text(report, color=color, width=None if color else 100)
        _emit(text, output, files)
        if report.errors:
            return EXIT_ERROR
        threshold = None if fail_on is FailOn.never else Severity.parse(fail_on.value)
        worst = report.worst()
        return EXIT_FINDINGS if threshold is not None and worst is not None and worst >= threshold else EXIT_OK

    _guarded(action)


@app.command()
def validate(
    files: FilesArg,
    format: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.text,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Check inventories against the schema: exit 0 valid, 1 invalid, 2 unreadable."""
    from .api import Options
    from .api import validate as run_validate

    def action() -> int:
        report = run_validate(files, Options(dt.date.today(), _lang(lang)))
        if format is Format.json:
            from .render.jsonreport import render as render_json

            text = render_json(report)
        else:
            lines = [f"{e.path}:{e.line}:{e.column}: {e.message}" for e in report.errors]
            bad = {e.path for e in report.errors}
            lines += [f"{path}: valid" for path in files if path not in bad]
            text = "\n".join(lines) + "\n"
        _emit(text, output, files)
        if any(e.unreadable for e in report.errors):
            return EXIT_ERROR
        return EXIT_FINDINGS if report.errors else EXIT_OK

    _guarded(action)


@jurisdictions_app.callback()
def jurisdictions_list(ctx: typer.Context, rules_dir: RulesDirOpt = None, lang: LangOpt = None) -> None:
    """List the jurisdictions, their parents and instruments."""
    if ctx.invoked_subcommand is not None:
        return
    from .jurisdictions import load_catalog
    from .render.tables import jurisdictions_table

    _guarded(lambda: _print(jurisdictions_table(load_catalog(rules_dir or ()), _lang(lang))))


@jurisdictions_app.command("show")
def jurisdictions_show(ident: str, rules_dir: RulesDirOpt = None, lang: LangOpt = None) -> None:
    """Show one jurisdiction: instruments, every rule with its article, quote, parameters and penalty."""
    from .jurisdictions import load_catalog
    from .render.tables import jurisdiction_detail

    _guarded(lambda: _print(jurisdiction_detail(load_catalog(rules_dir or ()).get(ident), _lang(lang))))


@app.command()
def compare(
    idents: Annotated[Optional[list[str]], typer.Argument(help="Jurisdictions to compare; default all.")] = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.text,
    output: OutputOpt = None,
    lang: LangOpt = None,
    rules_dir: RulesDirOpt = None,
) -> None:
    """Side-by-side table: retention, prohibited zones, signage, filing, pre-existing systems, removal, fines."""
    from .compare import comparison
    from .jurisdictions import load_catalog
    from .render import tables

    def action() -> int:
        catalog = load_catalog(rules_dir or ())
        chosen = idents or sorted(catalog.jurisdictions)
        table = comparison(catalog, chosen, _lang(lang))
        renderer = {TableFormat.text: tables.render_text, TableFormat.markdown: tables.render_markdown,
                    TableFormat.csv: tables.render_csv, TableFormat.json: tables.render_json}[format]
        _emit(renderer(table), output, [])
        return EXIT_OK

    _guarded(action)


@app.command()
def rules(lang: LangOpt = None) -> None:
    """List the finding ids with their default severity and what they mean."""
    from .render.tables import rules_table

    _guarded(lambda: _print(rules_table(_lang(lang))))


@app.command()
def explain(rule: str, rules_dir: RulesDirOpt = None, lang: LangOpt = None) -> None:
    """Explain a finding id: what it checks and which rule of each jurisdiction sets it."""
    from .jurisdictions import load_catalog
    from .render.tables import explain_rule

    _guarded(lambda: _print(explain_rule(rule, load_catalog(rules_dir or ()), _lang(lang))))


def _print(text: str) -> int:
    sys.stdout.write(text)
    return EXIT_OK


def main() -> None:
    app()
