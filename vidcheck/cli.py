"""Command-line interface: parse options, call the library, render, write, exit. No business logic here."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from . import __version__
from .entry import EXIT_READER_LEFT, tell, write_out
from .i18n import help_text
from .model import EXIT_ERROR, EXIT_OK

if TYPE_CHECKING:  # imported lazily at run time: `vidcheck --version` must start fast
    from .api import Options, Progress
    from .auditdate import AuditDate
    from .inputs import Inputs
    from .jurisdictions import Catalog
    from .model import InputError, Report
    from .outputs import Destination
    from .settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, help=help_text("app"))
jurisdictions_app = typer.Typer(help="List shipped jurisdictions, or show one.", invoke_without_command=True)
app.add_typer(jurisdictions_app, name="jurisdictions")
_debug = False  # set by --debug: an internal error prints its traceback (so does VIDCHECK_DEBUG=1)


class TableFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    csv = "csv"
    json = "json"


class VocabularyFormat(StrEnum):
    text = "text"
    markdown = "markdown"
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
                                                help=help_text("app.version"))] = False,
          debug: Annotated[bool, typer.Option("--debug", help=help_text("app.debug"))] = False,
          ) -> None:
    """vidcheck: compliance checks for 公共安全视频图像信息系统."""
    global _debug
    _debug = debug


JurisdictionOpt = Annotated[Optional[str], typer.Option(
    "--jurisdiction", "-j", metavar="ID", help="Jurisdiction id; overrides site.jurisdiction.")]
AsOfOpt = Annotated[Optional[str], typer.Option(
    "--as-of", metavar="DATE|planned", help=help_text("audit.as-of"))]
FormatOpt = Annotated[Optional[list[str]], typer.Option(
    "--format", "-f", metavar="FORMAT[=PATH]", help="Report format: text, json, sarif, junit, github, gitlab, "
                                                    "markdown, html; NAME=PATH writes it to a file. "
                                                    "Repeat for several.")]
OutputOpt = Annotated[Optional[list[str]], typer.Option(
    "--output", "-o", metavar="FILE", help="Write the last format(s) without a destination to this file "
                                           "(repeatable).")]
LangOpt = Annotated[Optional[Lang], typer.Option("--lang", help="Language of messages; default from the locale.")]
FailOnOpt = Annotated[Optional[FailOn], typer.Option("--fail-on", help="Lowest severity that fails the run.")]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="Plain text without colour.")]
RulesDirOpt = Annotated[Optional[list[str]], typer.Option(
    "--rules-dir", metavar="DIR", help="Extra folder of jurisdiction files.")]
WaiversOpt = Annotated[Optional[str], typer.Option(
    "--waivers", metavar="FILE", help="Waivers file (vidcheck-waivers.yaml).")]
BaselineOpt = Annotated[Optional[str], typer.Option(
    "--baseline", metavar="FILE", help="Report only findings not in this baseline.")]
ConfigOpt = Annotated[Optional[str], typer.Option(
    "--config", metavar="FILE", help="Configuration file; default: the nearest .vidcheck.yaml from here upwards.")]
JobsOpt = Annotated[Optional[int], typer.Option(
    "--jobs", metavar="N", min=1, help="Processes to use, this one included; default one per core from 16 files on.")]
OnlyFailingOpt = Annotated[bool, typer.Option("--only-failing", help=help_text("audit.only-failing"))]
FilesArg = Annotated[list[str], typer.Argument(
    metavar="FILE...", help="Inventory files, directories or globs ('-' reads standard input).")]


def _fail(message: str) -> NoReturn:
    _say(f"vidcheck: {message}")
    raise typer.Exit(EXIT_ERROR)


def _say(line: str) -> None:
    """One escaped line on stderr; if stderr is closed or failing, the run fails (exit 2): the user cannot be told."""
    if not tell(line):
        raise typer.Exit(EXIT_ERROR)


def _as_of(text: str | None) -> dt.date:
    from .dates import DateFormError, parse_date

    if text is None:
        return dt.date.today()
    try:
        return parse_date(text)
    except DateFormError as exc:
        _fail(f"--as-of: {exc}")


def _settings(config: str | None, **flags: object) -> Settings:
    """Flags > environment > configuration file > defaults (raises for a bad layer; _guarded reports it)."""
    from .settings import resolve

    given = {name.replace("_", "-"): value.value if isinstance(value, StrEnum) else value
             for name, value in flags.items()}
    return resolve(given, os.environ, Path.cwd(), config)


def _write(text: str | Iterable[str], destination: Destination | None) -> None:
    """Print (no destination), or write a destination outputs.check_targets accepted; ``text`` may come in pieces,
    each written as it is rendered."""
    pieces = (text,) if isinstance(text, str) else text
    if destination is None:
        if (code := write_out(pieces)) != EXIT_OK:
            raise typer.Exit(code)
        return
    from .outputs import ReaderLeft, write

    try:
        # backslashreplace: whatever a renderer left unescaped is spelled \udcff, as escape.clean would, not a crash
        write(destination, (piece.encode("utf-8", "backslashreplace") for piece in pieces))
    except ReaderLeft:
        raise typer.Exit(EXIT_READER_LEFT) from None  # as when the reader of standard output leaves


def _emit_all(report: Report, settings: Settings, outputs: list[str] | None, inputs: list[str], *,
              no_color: bool, text: Callable[[Report], str] | None = None) -> None:
    """Render the report in every requested format and send each to its destination, all checked first."""
    from .outputs import check_targets, files_read
    from .render import streamer

    planned = settings.outputs(outputs)
    destinations = check_targets([output.target for output in planned], files_read(settings, inputs))
    for output, destination in zip(planned, destinations, strict=True):
        if output.format == "text" and text is not None:
            rendered: Iterable[str] = (text(report),)
        elif output.format == "text":
            from .render.text import stream as text_pieces
            from .render.text import terminal_width

            tty = output.path is None and sys.stdout is not None and sys.stdout.isatty()
            color = tty and _color(no_color)
            # a terminal's width (or COLUMNS); piped or to a file, lines break only where the report breaks them
            width = terminal_width(tty, os.environ) if output.path is None else None
            rendered = text_pieces(report, color=color, width=width)
        else:
            rendered = streamer(output.format)(report)
        _write(rendered, destination)
    if all(output.path for output in planned):  # every report went to a file: the terminal still hears why
        from .render.common import summary_line

        _echo_errors(report.errors)
        _say(f"{summary_line(report)} → {', '.join(str(output.path) for output in planned)}")


def _color(no_color: bool) -> bool:
    """Colour for standard output: a terminal, and neither --no-color nor NO_COLOR (https://no-color.org)."""
    return not no_color and "NO_COLOR" not in os.environ and sys.stdout is not None and sys.stdout.isatty()


def _echo_errors(errors: Iterable[InputError]) -> None:
    for error in errors:
        _say(str(error))


def _guarded(action: Callable[[], int]) -> None:
    """Run a command; bad rule data, bad configuration and unknown names become one-line errors with exit 2."""
    from .errors import InvalidDocument, LocatedError, UsageError, located_errors

    try:
        code = action()
    except UsageError as exc:
        _fail(str(exc))
    except (LocatedError, InvalidDocument) as exc:
        _echo_errors(located_errors(exc))
        raise typer.Exit(EXIT_ERROR) from None
    raise typer.Exit(code)


def _catalog(settings: Settings) -> Catalog:
    """The jurisdictions, with the settings that name them checked, so a bad one is blamed where it was set."""
    from .errors import UsageError
    from .jurisdictions import load_catalog

    try:
        catalog = load_catalog(settings.rules_dirs)
    except UsageError as exc:
        raise settings.blame("rules-dir", exc) from None
    if settings["jurisdiction"] is not None:
        try:
            catalog.get(settings["jurisdiction"])
        except UsageError as exc:
            raise settings.blame("jurisdiction", exc) from None
    return catalog


def _inputs(files: list[str], settings: Settings) -> Inputs:
    from .errors import UsageError
    from .inputs import gather
    from .textfile import STDIN

    support = [path for path in (settings.config, settings["waivers"], settings["baseline"]) if path]
    inputs = gather(files, exclude=support)
    if STDIN in inputs.paths and sys.stdin is None:
        raise UsageError("cannot read '-': standard input is closed")
    return inputs


def _audit_options(settings: Settings, jobs: int | None) -> Options:
    from .api import Options
    from .model import Severity

    fail_on = settings["fail-on"]
    asked = _audit_date(settings)
    return Options(asked.day, settings["lang"], settings["jurisdiction"], settings.rules_dirs,
                   None if fail_on == "never" else Severity.parse(fail_on), settings["waivers"],
                   settings["baseline"], jobs, fail_on_source=settings.sources["fail-on"], planned=asked.planned,
                   as_of_source=asked.source)


def _audit_date(settings: Settings) -> AuditDate:
    """The audit date the settings ask for (flag > VIDCHECK_AS_OF > as-of in .vidcheck.yaml > today), blamed where
    it was set when it is not a date, today or planned."""
    from .auditdate import audit_date
    from .dates import DateFormError
    from .errors import UsageError
    from .i18n import tr

    try:
        return audit_date(settings["as-of"], settings.sources["as-of"], dt.date.today())
    except DateFormError as exc:
        message = tr("labels", "as_of_invalid", settings["lang"]).format(problem=exc)
        raise settings.blame("as-of", UsageError(message)) from None


def _audited(files: list[str], settings: Settings, options: Options) -> tuple[list[str], Report]:
    """The files the arguments name, and their audit (with a progress bar on a terminal)."""
    from .api import audit as run_audit

    inputs = _inputs(files, settings)
    with _progress(len(inputs.paths)) as progress:
        return inputs.paths, run_audit(inputs.paths, options, _catalog(settings), progress, inputs.skipped)


def _rule_data(rules_dir: list[str] | None, lang: Lang | None) -> tuple[Catalog, str]:
    """The jurisdictions and the language, for the commands that show rule data; a quote of a rules folder that
    could not be checked is said on stderr (an audit's report says it instead)."""
    settings = _settings(None, rules_dir=rules_dir, lang=lang)
    catalog = _catalog(settings)
    for notice in catalog.quotes.notices(settings["lang"]):
        _say(str(notice))
    return catalog, settings["lang"]


@contextlib.contextmanager
def _progress(count: int) -> Iterator[Progress | None]:
    """A progress bar on an interactive stderr when there are several files; nothing otherwise (CI logs)."""
    if count < 2 or sys.stderr is None or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress as Bar

    # auto_refresh off: a refresh thread must not be running when helper processes are forked
    with Bar(console=Console(stderr=True), transient=True, auto_refresh=False) as bar:
        task = bar.add_task("auditing", total=count)
        last = 0.0

        def advance(done: int, total: int) -> None:
            nonlocal last
            bar.update(task, completed=done)
            if done == total or time.monotonic() - last > 0.1:
                last = time.monotonic()
                bar.refresh()

        yield advance


@app.command()
def audit(
    files: FilesArg,
    jurisdiction: JurisdictionOpt = None,
    as_of: AsOfOpt = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
    fail_on: FailOnOpt = None,
    no_color: NoColorOpt = False,
    rules_dir: RulesDirOpt = None,
    waivers: WaiversOpt = None,
    baseline: BaselineOpt = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
    only_failing: OnlyFailingOpt = False,
) -> None:
    """Audit inventories: exit 0 clean, 1 findings at or above --fail-on, 2 could not evaluate."""

    def action() -> int:
        settings = _settings(config, jurisdiction=jurisdiction, fail_on=fail_on, format=format, waivers=waivers,
                             baseline=baseline, rules_dir=rules_dir, lang=lang, as_of=as_of,
                             only_failing=only_failing or None)
        paths, report = _audited(files, settings, _audit_options(settings, jobs))
        if settings["only-failing"]:
            report = replace(report, only_failing=True)
        _emit_all(report, settings, output, paths, no_color=no_color)
        return report.exit_code

    _guarded(action)


@app.command()
def validate(
    files: FilesArg,
    jurisdiction: JurisdictionOpt = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
    rules_dir: RulesDirOpt = None,
    waivers: WaiversOpt = None,
    baseline: BaselineOpt = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
) -> None:
    """Check inventories against the schema, and the rule files of each rules folder as `jurisdictions check`
    does: exit 0 valid, 1 invalid, 2 unreadable."""
    from .api import Options
    from .api import validate as run_validate
    from .render.text import render_validation

    def action() -> int:
        settings = _settings(config, jurisdiction=jurisdiction, format=format, lang=lang, rules_dir=rules_dir,
                             waivers=waivers, baseline=baseline)
        if settings["jurisdiction"] is not None:  # as audit: an unknown -j is blamed where it was set (exit 2)
            _catalog(settings)
        _audit_date(settings)  # a bad as-of in .vidcheck.yaml or VIDCHECK_AS_OF stops an audit too
        inputs = _inputs(files, settings)
        options = Options(dt.date.today(), settings["lang"], settings["jurisdiction"], settings.rules_dirs,
                          waivers=settings["waivers"], baseline=settings["baseline"], workers=jobs)
        with _progress(len(inputs.paths)) as progress:
            report = run_validate(inputs.paths, options, progress, inputs.skipped)
        _emit_all(report, settings, output, inputs.paths, no_color=True, text=render_validation)
        return report.exit_code

    _guarded(action)


@app.command("baseline")
def write_baseline(
    files: FilesArg,
    output: Annotated[Optional[str], typer.Option(
        "--output", "-o", metavar="FILE",
        help="Baseline file to write; default: the configured baseline, else vidcheck-baseline.json.")] = None,
    jurisdiction: JurisdictionOpt = None,
    as_of: AsOfOpt = None,
    rules_dir: RulesDirOpt = None,
    waivers: WaiversOpt = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
) -> None:
    """Record the current findings (rule + site + subject) so that later audits with --baseline report only new
    ones. Waived findings and findings the law makes absolute are never recorded."""
    from .baseline import acceptable
    from .baseline import render as render_baseline
    from .outputs import Target, check_targets, files_read

    def action() -> int:
        settings = _settings(config, jurisdiction=jurisdiction, waivers=waivers, rules_dir=rules_dir, as_of=as_of)
        paths, report = _audited(files, settings, replace(_audit_options(settings, jobs), baseline=None))
        if report.errors:
            _echo_errors(report.errors)
            _fail("baseline not written: fix the errors above first")
        # -o, else the configured baseline, else vidcheck-baseline.json here
        target = Target.option(output) if output else settings.target("baseline") or \
            Target("vidcheck-baseline.json", "vidcheck-baseline.json (the default baseline)")
        (destination,) = check_targets([target], files_read(settings, paths, baseline=False))
        _write(render_baseline(report), destination)
        recorded = sum(1 for site in report.sites for finding in site.findings if acceptable(finding))
        _say(f"vidcheck: {recorded} finding(s) recorded in {target.path}")
        return EXIT_OK

    _guarded(action)


@app.command("config")
def show_config(
    config: ConfigOpt = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    jurisdiction: JurisdictionOpt = None,
    fail_on: FailOnOpt = None,
    format: FormatOpt = None,
    waivers: WaiversOpt = None,
    baseline: BaselineOpt = None,
    rules_dir: RulesDirOpt = None,
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    no_color: NoColorOpt = False,  # accepted as by every command that prints a table; this one is plain text
) -> None:
    """Print the effective settings and where each comes from (flag, environment, file:line, default); takes the
    same flags as audit, to show what they change."""
    from .render.tables import settings_json, settings_table

    def action() -> int:
        settings = _settings(config, jurisdiction=jurisdiction, fail_on=fail_on, format=format, waivers=waivers,
                             baseline=baseline, rules_dir=rules_dir, lang=lang, as_of=as_of)
        _catalog(settings)
        _audit_date(settings)
        return _print(settings_json(settings) if json_output else settings_table(settings))

    _guarded(action)


@jurisdictions_app.callback()
def jurisdictions_list(ctx: typer.Context, rules_dir: RulesDirOpt = None, lang: LangOpt = None,
                       no_color: NoColorOpt = False) -> None:
    """List the jurisdictions, their parents and instruments."""
    if ctx.invoked_subcommand is not None:
        return
    from .render.tables import jurisdictions_table

    _guarded(lambda: _print(jurisdictions_table(*_rule_data(rules_dir, lang), color=_color(no_color))))


@jurisdictions_app.command("show")
def jurisdictions_show(ident: str, rules_dir: RulesDirOpt = None, lang: LangOpt = None,
                       no_color: NoColorOpt = False) -> None:  # plain text: accepted like every listing's
    """Show one jurisdiction: instruments, every rule with its article, quote, parameters and penalty."""
    from .render.tables import jurisdiction_detail

    def action() -> int:
        catalog, language = _rule_data(rules_dir, lang)
        return _print(jurisdiction_detail(catalog.get(ident), language))

    _guarded(action)


@jurisdictions_app.command("check")
def jurisdictions_check(folder: Annotated[str, typer.Argument(metavar="DIR", help="Folder of rule files.")],
                        lang: LangOpt = None) -> None:
    """Check a folder of rule files: schema, references, parents, and every quote against the instrument's text
    in DIR/sources/ or DIR. Exit 0 all well (a quote whose text is missing is a warning), 1 a file is invalid or
    misquotes its law, 2 the folder cannot be read."""
    from .escape import clean
    from .rulecheck import check_folders
    from .textfile import STDIN

    def action() -> int:
        if folder == STDIN:
            _fail("jurisdictions check needs a folder, not standard input")
        language = _settings(None, lang=lang)["lang"]
        result = check_folders([folder])
        lines = [str(error) for error in result.errors]
        lines += [f"{n.path}:{n.line}:{n.column}: warning: {n.message}" for n in result.quotes.notices(language)]
        if not result.errors:
            lines.append(f"{folder}: {result.files} rule file(s) valid, {result.quotes.checked} quote(s) verbatim, "
                         f"{len(result.quotes.unverified)} unverifiable")
        _write("".join(f"{clean(line)}\n" for line in lines), None)  # a rule file is untrusted text
        return result.exit_code

    _guarded(action)


@app.command()
def compare(
    idents: Annotated[Optional[list[str]], typer.Argument(help="Jurisdictions to compare; default all.")] = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.text,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE",
                                             help="Write the table to this file.")] = None,
    lang: LangOpt = None,
    rules_dir: RulesDirOpt = None,
    as_of: AsOfOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """Side-by-side table of what binds a site of each jurisdiction on a day (its rules and its ancestors' in
    force): retention, prohibited zones, signage, filing, pre-existing systems, removal, measures, fines."""
    from .compare import comparison
    from .outputs import Target, check_targets, files_read
    from .render import tables

    def action() -> int:
        settings = _settings(None, rules_dir=rules_dir, lang=lang)
        target = Target.option(output) if output else None
        (destination,) = check_targets([target], files_read(settings, ()))
        catalog = _catalog(settings)
        table = comparison(catalog, idents or sorted(catalog.jurisdictions), settings["lang"], _as_of(as_of))
        if format is TableFormat.text:
            from .render.text import terminal_width

            tty = destination is None and sys.stdout is not None and sys.stdout.isatty()
            text = tables.render_text(table, terminal_width(tty, os.environ), color=tty and _color(no_color))
            _write(text, destination)
            return EXIT_OK
        renderer = {TableFormat.markdown: tables.render_markdown, TableFormat.csv: tables.render_csv,
                    TableFormat.json: tables.render_json}[format]
        _write(renderer(table), destination)
        return EXIT_OK

    _guarded(action)


class FilingFormat(StrEnum):
    html = "html"
    markdown = "markdown"
    csv = "csv"
    json = "json"


@app.command(help=help_text("filing"))
def filing(
    file: Annotated[str, typer.Argument(metavar="FILE", help=help_text("filing.file"))],
    format: Annotated[FilingFormat, typer.Option("--format", "-f", help=help_text("filing.format"))] =
    FilingFormat.html,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE",
                                                  help=help_text("filing.output"))] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=help_text("filing.lang"))] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="DATE", help=help_text("filing.as_of"))] = None,
) -> None:
    from .filing import RENDERERS, build
    from .inventory import load_site
    from .outputs import Target, check_targets, files_read

    def action() -> int:
        language = lang.value if lang else "zh"  # a filing goes to a Chinese police office: zh unless asked
        settings = _settings(None, lang=language)
        particulars = build(load_site(file), _as_of(as_of), language)
        target = Target.option(output) if output else None
        (destination,) = check_targets([target], files_read(settings, [file]))
        _write(RENDERERS[format.value](particulars, language), destination)
        return EXIT_OK

    _guarded(action)


@app.command()
def rules(lang: LangOpt = None, no_color: NoColorOpt = False) -> None:
    """List the finding ids with their default severity and what they mean."""
    from .render.tables import rules_table

    _guarded(lambda: _print(rules_table(_settings(None, lang=lang)["lang"], color=_color(no_color))))


@app.command()
def explain(rule: str, rules_dir: RulesDirOpt = None, lang: LangOpt = None,
            no_color: NoColorOpt = False) -> None:  # plain text: accepted like every listing's
    """Explain a finding id: what it checks and which rule of each jurisdiction sets it."""
    from .render.tables import explain_rule

    _guarded(lambda: _print(explain_rule(rule, *_rule_data(rules_dir, lang))))


@app.command(help=help_text("vocabulary"))
def vocabulary(
    lang: LangOpt = None,
    format: Annotated[VocabularyFormat, typer.Option("--format", "-f", help=help_text("vocabulary.format"))] =
    VocabularyFormat.text,
    no_color: NoColorOpt = False,
    rules_dir: RulesDirOpt = None,
) -> None:
    from .render import vocabulary as render_vocabulary
    from .vocabulary_report import vocabulary_report

    def action() -> int:
        catalog, language = _rule_data(rules_dir, lang)
        report = vocabulary_report(catalog)
        if format == VocabularyFormat.json:
            return _print(render_vocabulary.render_json(report))
        if format == VocabularyFormat.markdown:
            return _print(render_vocabulary.render_markdown(report, language))
        return _print(render_vocabulary.render_text(report, language, color=_color(no_color)))

    _guarded(action)


@app.command(help=help_text("schema"))
def schema(
    name: Annotated[str, typer.Argument(metavar="[NAME]", help=help_text("schema.name"))] = "site",
    path: Annotated[bool, typer.Option("--path", help=help_text("schema.path"))] = False,
) -> None:
    from .resources import schema_file

    def action() -> int:
        found = schema_file(name)
        return _print(f"{found}\n" if path else found.read_text(encoding="utf-8"))

    _guarded(action)


def _ask(question: str, default: str | None) -> str:
    """One question on the terminal (stderr, so that a printed inventory on stdout stays whole); an empty answer
    takes the default shown, or leaves the placeholder when there is none."""
    answer: str = typer.prompt(question, default=default or "", show_default=bool(default), err=True)
    return answer


def _interactive() -> bool:
    """Questions only where a person can answer them: never when standard input is a pipe, a file or closed."""
    return sys.stdin is not None and sys.stdin.isatty()


@app.command(help=help_text("init"))
def init(
    jurisdiction: Annotated[Optional[str], typer.Option("--jurisdiction", "-j", metavar="ID",
                                                        help=help_text("init.jurisdiction"))] = None,
    category: Annotated[Optional[list[str]], typer.Option("--category", metavar="CAT",
                                                          help=help_text("init.category"))] = None,
    cameras_from: Annotated[Optional[str], typer.Option("--cameras-from", metavar="SHEET",
                                                        help=help_text("init.cameras_from"))] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE",
                                                  help=help_text("init.output"))] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=help_text("init.lang"))] = None,
) -> None:
    from .outputs import Target, check_new
    from .resources import schema_file
    from .scaffold import Choices, category_ids, interview, inventory_text, required_zones, site_id_problem

    def action() -> int:
        settings = _settings(None, jurisdiction=jurisdiction, lang=lang)
        catalog = _catalog(settings)
        destination = check_new(Target.option(output)) if output else None
        choices = Choices(jurisdiction=settings["jurisdiction"] or "cn-national",
                          categories=category_ids(category or ()), cameras_from=cameras_from)
        stem = Path(output).stem if output else None
        default_id = stem if stem and site_id_problem(stem) is None else None
        if _interactive():
            try:
                choices = interview(_ask, _say, catalog, choices, settings["lang"], default_id)
            except typer.Abort:
                _fail("init stopped: nothing written")
        elif default_id:
            choices = replace(choices, site_id=default_id)
        needs = required_zones(catalog, choices.jurisdiction, choices.categories, dt.date.today())
        _write(inventory_text(choices, needs, catalog, settings["lang"], schema_file("site")), destination)
        if destination is not None:
            _say(f"vidcheck: wrote {output}: fill in each TODO, then run `vidcheck validate {output}`")
        return EXIT_OK

    _guarded(action)


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


@app.command(help=help_text("diff"))
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD.json", help=help_text("diff.old"))],
    new: Annotated[str, typer.Argument(metavar="NEW.json", help=help_text("diff.new"))],
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help=help_text("diff.format"))] = DiffFormat.text,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE",
                                                  help=help_text("diff.output"))] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=help_text("diff.lang"))] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", help=help_text("diff.fail_on"))] = None,
) -> None:
    from .diff import compare_reports
    from .model import Severity
    from .outputs import Read, Target, check_targets
    from .render.diffs import FORMS

    def action() -> int:
        language = _settings(None, lang=lang)["lang"]
        level = (fail_on or FailOn.error).value
        result = compare_reports(old, new, language, None if level == "never" else Severity.parse(level))
        target = Target.option(output) if output else None
        (destination,) = check_targets([target], (Read(path, "a report compared") for path in (old, new)))
        _write(FORMS[format.value](result), destination)
        return result.exit_code

    _guarded(action)


def _print(text: str) -> int:
    _write(text, None)
    return EXIT_OK


def main() -> int:
    """The console script's exit code: like ``app()``, but a bad option or argument is one line, as every other
    error is, and an unexpected exception is an internal error (exit 2), never a traceback (unless --debug)."""
    try:
        code = app(standalone_mode=False, prog_name="vidcheck")
    except Exception as exc:
        if getattr(exc, "format_message", None) is None or not hasattr(exc, "exit_code"):
            return _internal_error(exc)
        return _usage_error(exc)
    return code if isinstance(code, int) else EXIT_OK


def _usage_error(exc: Exception) -> int:
    """Click's UsageError and kin, raised because standalone_mode is off: one line naming the help."""
    if type(exc).__name__ == "NoArgsIsHelpError":  # `vidcheck` alone: the help, as usual
        exc.show()  # type: ignore[attr-defined]
    else:
        context = getattr(exc, "ctx", None)
        command = context.command_path if context is not None else "vidcheck"
        tell(f"vidcheck: {exc.format_message()} (see '{command} --help')")  # type: ignore[attr-defined]
    code: int = exc.exit_code  # type: ignore[attr-defined]
    return code


def _internal_error(exc: BaseException) -> int:
    """A bug or an unforeseen failure (a HelperFailed from a helper process too): one line and exit 2, never 1
    (findings) or 0; the traceback only with --debug or VIDCHECK_DEBUG=1."""
    debug = _debug or os.environ.get("VIDCHECK_DEBUG", "") not in ("", "0")
    if debug:
        import traceback

        for line in "".join(traceback.format_exception(exc)).splitlines():
            tell(line)
    hint = "" if debug else " (run with --debug for the traceback)"
    tell(f"vidcheck: internal error: {type(exc).__name__}: {exc}{hint}")
    return EXIT_ERROR
