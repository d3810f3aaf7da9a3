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
from .clihelp import Command, Group, usage_text
from .entry import EXIT_READER_LEFT, tell, write_out
from .i18n import help_text, process_lang
from .messages import Text
from .model import EXIT_ERROR, EXIT_OK

if TYPE_CHECKING:  # imported lazily at run time: `vidcheck --version` must start fast
    from .api import Options, Progress
    from .auditdate import AuditDate
    from .inputs import Inputs
    from .jurisdictions import Catalog
    from .model import InputError, Report
    from .outputs import Destination
    from .settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, help=help_text("app"),
                  cls=Group)
jurisdictions_app = typer.Typer(help=help_text("jurisdictions"), short_help=help_text("jurisdictions.short"),
                                invoke_without_command=True, cls=Group, rich_markup_mode=None)
app.add_typer(jurisdictions_app, name="jurisdictions")
_debug = False  # set by --debug: an internal error prints its traceback (so does VIDCHECK_DEBUG=1)
_lang: str | None = None  # the language of the run once settings are resolved; before that, process_lang()


def _command(name: str | None = None, key: str | None = None) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """A command whose help and one-line summary (the commands list) come from the catalog (``help`` section)."""
    def register(function: Callable[..., None]) -> Callable[..., None]:
        ident = key or name or function.__name__
        return app.command(name, cls=Command, help=help_text(ident), short_help=help_text(f"{ident}.short"))(function)
    return register


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
    global _debug, _lang
    _debug, _lang = debug, None


JurisdictionOpt = Annotated[Optional[str], typer.Option(
    "--jurisdiction", "-j", metavar="ID", help=help_text("option.jurisdiction"))]
AsOfOpt = Annotated[Optional[str], typer.Option(
    "--as-of", metavar="DATE|planned", help=help_text("audit.as-of"))]
FormatOpt = Annotated[Optional[list[str]], typer.Option(
    "--format", "-f", metavar="FORMAT[=PATH]", help=help_text("option.format"))]
OutputOpt = Annotated[Optional[list[str]], typer.Option(
    "--output", "-o", metavar="FILE", help=help_text("option.output"))]
LangOpt = Annotated[Optional[Lang], typer.Option("--lang", metavar="zh|en", help=help_text("option.lang"))]
FailOnOpt = Annotated[Optional[FailOn], typer.Option(
    "--fail-on", metavar="error|warning|info|never", help=help_text("option.fail-on"))]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help=help_text("option.no-color"))]
RulesDirOpt = Annotated[Optional[list[str]], typer.Option(
    "--rules-dir", metavar="DIR", help=help_text("option.rules-dir"))]
WaiversOpt = Annotated[Optional[str], typer.Option("--waivers", metavar="FILE", help=help_text("option.waivers"))]
BaselineOpt = Annotated[Optional[str], typer.Option(
    "--baseline", metavar="FILE", help=help_text("option.baseline"))]
ConfigOpt = Annotated[Optional[str], typer.Option("--config", metavar="FILE", help=help_text("option.config"))]
JobsOpt = Annotated[Optional[int], typer.Option("--jobs", metavar="N", min=1, help=help_text("option.jobs"))]
OnlyFailingOpt = Annotated[bool, typer.Option("--only-failing", help=help_text("audit.only-failing"))]
FilesArg = Annotated[list[str], typer.Argument(metavar="FILE...", help=help_text("argument.files"))]


def _run_lang() -> str:
    """The language of this run's own lines: the resolved --lang/config/locale once known, else --lang on the
    command line or the locale."""
    return _lang or process_lang()


def _fail(message: Text | str) -> NoReturn:
    """``vidcheck: message`` on stderr and exit 2; a str is words already rendered in the run's language."""
    _say(Text.error("cli.line", message=message))
    raise typer.Exit(EXIT_ERROR)


def _say(line: Text | str) -> None:
    """One escaped line on stderr, in the run's language (a str: words already rendered, or data); if stderr is
    closed or failing, the run fails (exit 2): the user cannot be told."""
    if not tell(line if isinstance(line, str) else line.render(_run_lang())):
        raise typer.Exit(EXIT_ERROR)


def _as_of(text: str | None) -> dt.date:
    from .dates import DateFormError, parse_date

    if text is None:
        return dt.date.today()
    try:
        return parse_date(text)
    except DateFormError as exc:
        _fail(Text.error("at", where="--as-of", message=exc.text))


def _settings(config: str | None, **flags: object) -> Settings:
    """Flags > environment > configuration file > defaults (raises for a bad layer; _guarded reports it)."""
    from .settings import resolve

    global _lang
    given = {name.replace("_", "-"): value.value if isinstance(value, StrEnum) else value
             for name, value in flags.items()}
    asked = given.get("lang")
    _lang = asked if isinstance(asked, str) else _lang  # a bad setting is said in the language asked for
    settings = resolve(given, os.environ, Path.cwd(), config)
    _lang = settings["lang"]
    return settings


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
        _say(Text.error("cli.summary-to", summary=summary_line(report),
                        paths=", ".join(str(output.path) for output in planned)))


def _color(no_color: bool) -> bool:
    """Colour for standard output: a terminal, and neither --no-color nor NO_COLOR (https://no-color.org)."""
    return not no_color and "NO_COLOR" not in os.environ and sys.stdout is not None and sys.stdout.isatty()


def _echo_errors(errors: Iterable[InputError]) -> None:
    for error in errors:
        _say(error.line_in(_run_lang()))


def _guarded(action: Callable[[], int]) -> None:
    """Run a command; bad rule data, bad configuration and unknown names become one-line errors with exit 2."""
    from .errors import InvalidDocument, LocatedError, UsageError, located_errors

    try:
        code = action()
    except UsageError as exc:
        _fail(exc.render(_run_lang()))
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
        raise UsageError.of("inputs.stdin-closed")
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
        lang = settings["lang"]
        message = tr("labels", "as_of_invalid", lang).format(problem=exc.text.render(lang))
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
        _say(str(notice))  # rendered in the run's language by QuoteCheck.notices
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
        task = bar.add_task(Text.error("cli.auditing").render(_run_lang()), total=count)
        last = 0.0

        def advance(done: int, total: int) -> None:
            nonlocal last
            bar.update(task, completed=done)
            if done == total or time.monotonic() - last > 0.1:
                last = time.monotonic()
                bar.refresh()

        yield advance


@_command()
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
    """Audit inventories (help: catalog section ``help``, key ``audit``)."""

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


@_command()
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
    """Schema and cross-reference validation of inventories and rules folders."""
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


@_command("baseline")
def write_baseline(
    files: FilesArg,
    output: Annotated[Optional[str], typer.Option(
        "--output", "-o", metavar="FILE",
        help=help_text("baseline.output"))] = None,
    jurisdiction: JurisdictionOpt = None,
    as_of: AsOfOpt = None,
    rules_dir: RulesDirOpt = None,
    waivers: WaiversOpt = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
) -> None:
    """Record the current findings, so that later audits with --baseline report only new ones."""
    from .baseline import acceptable
    from .baseline import render as render_baseline
    from .outputs import Target, check_targets, files_read

    def action() -> int:
        settings = _settings(config, jurisdiction=jurisdiction, waivers=waivers, rules_dir=rules_dir, as_of=as_of)
        paths, report = _audited(files, settings, replace(_audit_options(settings, jobs), baseline=None))
        if report.errors:
            _echo_errors(report.errors)
            _fail(Text.error("cli.baseline-not-written"))
        # -o, else the configured baseline, else vidcheck-baseline.json here
        target = Target.option(output) if output else settings.target("baseline") or \
            Target("vidcheck-baseline.json", Text.error("target.default-baseline", path="vidcheck-baseline.json"))
        (destination,) = check_targets([target], files_read(settings, paths, baseline=False))
        _write(render_baseline(report), destination)
        recorded = sum(1 for site in report.sites for finding in site.findings if acceptable(finding))
        _say(Text.error("cli.baseline-written", n=recorded, path=target.path))
        return EXIT_OK

    _guarded(action)


@_command("config")
def show_config(
    config: ConfigOpt = None,
    json_output: Annotated[bool, typer.Option("--json", help=help_text("config.json"))] = False,
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
    """The effective settings and where each comes from."""
    from .render.tables import settings_json, settings_table

    def action() -> int:
        settings = _settings(config, jurisdiction=jurisdiction, fail_on=fail_on, format=format, waivers=waivers,
                             baseline=baseline, rules_dir=rules_dir, lang=lang, as_of=as_of)
        _catalog(settings)
        _audit_date(settings)
        return _print(settings_json(settings) if json_output else settings_table(settings, settings["lang"]))

    _guarded(action)


@jurisdictions_app.callback()
def jurisdictions_list(ctx: typer.Context, rules_dir: RulesDirOpt = None, lang: LangOpt = None,
                       no_color: NoColorOpt = False) -> None:
    """The jurisdictions, their parents and instruments."""
    if ctx.invoked_subcommand is not None:
        return
    from .render.tables import jurisdictions_table

    _guarded(lambda: _print(jurisdictions_table(*_rule_data(rules_dir, lang), color=_color(no_color))))


@jurisdictions_app.command("show", cls=Command, help=help_text("jurisdictions.show"),
                           short_help=help_text("jurisdictions.show.short"))
def jurisdictions_show(ident: Annotated[str, typer.Argument(metavar="ID", help=help_text("jurisdictions.show.ident"))],
                       rules_dir: RulesDirOpt = None, lang: LangOpt = None,
                       no_color: NoColorOpt = False) -> None:  # plain text: accepted like every listing's
    """One jurisdiction: instruments, every rule with its article, quote, parameters and penalty."""
    from .render.tables import jurisdiction_detail

    def action() -> int:
        catalog, language = _rule_data(rules_dir, lang)
        return _print(jurisdiction_detail(catalog.get(ident), language))

    _guarded(action)


@jurisdictions_app.command("check", cls=Command, help=help_text("jurisdictions.check"),
                           short_help=help_text("jurisdictions.check.short"))
def jurisdictions_check(folder: Annotated[str, typer.Argument(metavar="DIR",
                                                              help=help_text("jurisdictions.check.folder"))],
                        lang: LangOpt = None) -> None:
    """Check a folder of rule files: schema, references, parents, quotes."""
    from .escape import clean
    from .rulecheck import check_folders
    from .textfile import STDIN

    def action() -> int:
        if folder == STDIN:
            _fail(Text.error("cli.check-stdin"))
        language = _settings(None, lang=lang)["lang"]
        result = check_folders([folder])
        lines = [error.line_in(language) for error in result.errors]
        lines += [Text.error("cli.check-warning", where=f"{n.path}:{n.line}:{n.column}", message=n.message
                             ).render(language) for n in result.quotes.notices(language)]
        if not result.errors:
            lines.append(Text.error("cli.check-done", folder=folder, files=result.files,
                                    checked=result.quotes.checked, unverified=len(result.quotes.unverified)
                                    ).render(language))
        _write("".join(f"{clean(line)}\n" for line in lines), None)  # a rule file is untrusted text
        return result.exit_code

    _guarded(action)


@_command()
def compare(
    idents: Annotated[Optional[list[str]], typer.Argument(metavar="ID...", help=help_text("compare.idents"))] = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f", metavar="text|markdown|csv|json",
                                                help=help_text("compare.format"))] = TableFormat.text,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE",
                                             help=help_text("compare.output"))] = None,
    lang: LangOpt = None,
    rules_dir: RulesDirOpt = None,
    as_of: AsOfOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """Side-by-side table of what binds a site of each jurisdiction on a day."""
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


@_command()
def filing(
    file: Annotated[str, typer.Argument(metavar="FILE", help=help_text("filing.file"))],
    format: Annotated[FilingFormat, typer.Option("--format", "-f", metavar="html|markdown|csv|json",
                                                    help=help_text("filing.format"))] =
    FilingFormat.html,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE",
                                                  help=help_text("filing.output"))] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", metavar="zh|en", help=help_text("filing.lang"))] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="DATE", help=help_text("filing.as_of"))] = None,
) -> None:
    from .filing import RENDERERS, build
    from .inventory import load_site
    from .outputs import Target, check_targets, files_read

    def action() -> int:
        language = lang.value if lang else "zh"  # a filing goes to a Chinese police office: zh unless asked
        settings = _settings(None, lang=lang)  # its errors: the language of the run, as every command's
        particulars = build(load_site(file), _as_of(as_of), language)
        target = Target.option(output) if output else None
        (destination,) = check_targets([target], files_read(settings, [file]))
        _write(RENDERERS[format.value](particulars, language), destination)
        return EXIT_OK

    _guarded(action)


@_command()
def rules(lang: LangOpt = None, no_color: NoColorOpt = False) -> None:
    """The finding ids with their default severity and what they mean."""
    from .render.tables import rules_table

    _guarded(lambda: _print(rules_table(_settings(None, lang=lang)["lang"], color=_color(no_color))))


@_command()
def explain(rule: Annotated[str, typer.Argument(metavar="RULE", help=help_text("explain.rule"))],
            rules_dir: RulesDirOpt = None, lang: LangOpt = None,
            no_color: NoColorOpt = False) -> None:  # plain text: accepted like every listing's
    """A finding id explained: what it means, what triggers it, how to fix it, and the rules that set it."""
    from .render.tables import explain_rule

    _guarded(lambda: _print(explain_rule(rule, *_rule_data(rules_dir, lang))))


@_command()
def vocabulary(
    lang: LangOpt = None,
    format: Annotated[VocabularyFormat, typer.Option("--format", "-f", metavar="text|markdown|json",
                                                                  help=help_text("vocabulary.format"))] =
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


@_command()
def schema(
    name: Annotated[str, typer.Argument(metavar="NAME", help=help_text("schema.name"))] = "site",
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


@_command()
def init(
    jurisdiction: Annotated[Optional[str], typer.Option("--jurisdiction", "-j", metavar="ID",
                                                        help=help_text("init.jurisdiction"))] = None,
    category: Annotated[Optional[list[str]], typer.Option("--category", metavar="CAT",
                                                          help=help_text("init.category"))] = None,
    cameras_from: Annotated[Optional[str], typer.Option("--cameras-from", metavar="SHEET",
                                                        help=help_text("init.cameras_from"))] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE",
                                                  help=help_text("init.output"))] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", metavar="zh|en", help=help_text("init.lang"))] = None,
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
                _fail(Text.error("cli.init-stopped"))
        elif default_id:
            choices = replace(choices, site_id=default_id)
        needs = required_zones(catalog, choices.jurisdiction, choices.categories, dt.date.today())
        _write(inventory_text(choices, needs, catalog, settings["lang"], schema_file("site")), destination)
        if destination is not None:
            _say(Text.error("cli.init-written", path=output))
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
    from .messages import Text
    from .model import Severity
    from .outputs import Read, Target, check_targets
    from .render.diffs import FORMS

    def action() -> int:
        language = _settings(None, lang=lang)["lang"]
        level = (fail_on or FailOn.error).value
        result = compare_reports(old, new, language, None if level == "never" else Severity.parse(level))
        target = Target.option(output) if output else None
        (destination,) = check_targets([target], (Read(path, Text.error("role.report")) for path in (old, new)))
        _write(FORMS[format.value](result), destination)
        return result.exit_code

    _guarded(action)


def _print(text: str) -> int:
    _write(text, None)
    return EXIT_OK


def main() -> int:
    """The console script's exit code: like ``app()``, but a bad option or argument is one line, as every other
    error is, and an unexpected exception is an internal error (exit 2), never a traceback (unless --debug)."""
    global _lang
    _lang = None
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
        tell(Text.error("cli.usage", message=usage_text(exc), command=command).render(_run_lang()))
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
    key = "cli.internal-error" if debug else "cli.internal-error.hint"
    tell(Text.error(key, kind=type(exc).__name__, detail=str(exc)).render(_run_lang()))
    return EXIT_ERROR
