"""The commands that show rule data: jurisdictions (list, show, check), compare, rules, explain, vocabulary and
schema."""

from __future__ import annotations

import os
from typing import Annotated, Optional

import typer

from ..entry import EXIT_OK
from ..i18n import help_text
from .common import _as_of, _color, _fail, _guarded, _print, _rule_data, _settings, _stdout_tty, _write
from .options import LangOpt, NoColorOpt, RulesDirOpt, TableFormat, VocabularyFormat


def jurisdictions_list(ctx: typer.Context, rules_dir: RulesDirOpt = None, lang: LangOpt = None,
                       no_color: NoColorOpt = False) -> None:
    """The jurisdictions, their parents and instruments."""
    if ctx.invoked_subcommand is not None:
        return
    from ..render.tables import jurisdictions_table

    _guarded(lambda: _print(jurisdictions_table(*_rule_data(rules_dir, lang), color=_color(no_color))))


def jurisdictions_show(ident: Annotated[str, typer.Argument(metavar="ID", help=help_text("jurisdictions.show.ident"))],
                       rules_dir: RulesDirOpt = None, lang: LangOpt = None,
                       no_color: NoColorOpt = False) -> None:  # plain text: accepted like every listing's
    """One jurisdiction: instruments, every rule with its article, quote, parameters and penalty."""
    from ..render.tables import jurisdiction_detail

    def action() -> int:
        catalog, language = _rule_data(rules_dir, lang)
        return _print(jurisdiction_detail(catalog.get(ident), language))

    _guarded(action)


def jurisdictions_check(folder: Annotated[str, typer.Argument(metavar="DIR",
                                                              help=help_text("jurisdictions.check.folder"))],
                        lang: LangOpt = None) -> None:
    """Check a folder of rule files: schema, references, parents, quotes."""
    from ..escape import clean
    from ..messages import Text
    from ..rulecheck import check_folders
    from ..textfile import STDIN

    def action() -> int:
        if folder == STDIN:
            _fail(Text.error("cli.check-stdin"))
        language = _settings(None, lang=lang)["lang"]
        result = check_folders([folder])
        lines = result.lines(folder, language)
        _write("".join(f"{clean(line)}\n" for line in lines), None)  # a rule file is untrusted text
        return result.exit_code

    _guarded(action)


def compare(
    idents: Annotated[Optional[list[str]], typer.Argument(metavar="ID...", help=help_text("compare.idents"))] = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f", metavar="text|markdown|csv|json",
                                                help=help_text("compare.format"))] = TableFormat.text,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE",
                                             help=help_text("compare.output"))] = None,
    lang: LangOpt = None,
    rules_dir: RulesDirOpt = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="DATE", help=help_text("compare.as-of"))] = None,
    no_color: NoColorOpt = False,
) -> None:
    """Side-by-side table of what binds a site of each jurisdiction on a day."""
    from ..compare import comparison
    from ..outputs import Target, check_targets, files_read
    from ..prepare import checked_catalog
    from ..render import tables

    def action() -> int:
        settings = _settings(None, rules_dir=rules_dir, lang=lang)
        target = Target.option(output) if output else None
        (destination,) = check_targets([target], files_read(settings, ()))
        catalog = checked_catalog(settings)
        table = comparison(catalog, idents or sorted(catalog.jurisdictions), settings["lang"], _as_of(as_of))
        if format is TableFormat.text:
            from ..render.text import terminal_width

            tty = destination is None and _stdout_tty()
            text = tables.render_text(table, terminal_width(tty, os.environ), color=tty and _color(no_color))
            _write(text, destination)
            return EXIT_OK
        renderer = {TableFormat.markdown: tables.render_markdown, TableFormat.csv: tables.render_csv,
                    TableFormat.json: tables.render_json}[format]
        _write(renderer(table), destination)
        return EXIT_OK

    _guarded(action)


def rules(lang: LangOpt = None, no_color: NoColorOpt = False) -> None:
    """The finding ids with their default severity and what they mean."""
    from ..render.tables import rules_table

    _guarded(lambda: _print(rules_table(_settings(None, lang=lang)["lang"], color=_color(no_color))))


def explain(rule: Annotated[str, typer.Argument(metavar="RULE", help=help_text("explain.rule"))],
            rules_dir: RulesDirOpt = None, lang: LangOpt = None,
            no_color: NoColorOpt = False) -> None:  # plain text: accepted like every listing's
    """A finding id explained: what it means, what triggers it, how to fix it, and the rules that set it."""
    from ..render.tables import explain_rule

    _guarded(lambda: _print(explain_rule(rule, *_rule_data(rules_dir, lang))))


def vocabulary(
    lang: LangOpt = None,
    format: Annotated[VocabularyFormat, typer.Option("--format", "-f", metavar="text|markdown|json",
                                                                  help=help_text("vocabulary.format"))] =
    VocabularyFormat.text,
    no_color: NoColorOpt = False,
    rules_dir: RulesDirOpt = None,
) -> None:
    from ..render import vocabulary as render_vocabulary
    from ..vocabulary_report import vocabulary_report

    def action() -> int:
        catalog, language = _rule_data(rules_dir, lang)
        report = vocabulary_report(catalog)
        if format == VocabularyFormat.json:
            return _print(render_vocabulary.render_json(report))
        if format == VocabularyFormat.markdown:
            return _print(render_vocabulary.render_markdown(report, language))
        return _print(render_vocabulary.render_text(report, language, color=_color(no_color)))

    _guarded(action)


def schema(
    name: Annotated[str, typer.Argument(metavar="NAME", help=help_text("schema.name"))] = "site",
    path: Annotated[bool, typer.Option("--path", help=help_text("schema.path"))] = False,
) -> None:
    from ..resources import schema_file

    def action() -> int:
        found = schema_file(name)
        return _print(f"{found}\n" if path else found.read_text(encoding="utf-8"))

    _guarded(action)
