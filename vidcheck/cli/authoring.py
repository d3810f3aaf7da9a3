"""The commands that write a new document: init (an inventory), filing (the 备案 particulars) and diff (what changed
between two reports)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import replace
from typing import Annotated, Optional

import typer

from ..entry import EXIT_OK
from ..i18n import help_text
from .common import _fail, _guarded, _say, _settings, _write
from .options import DiffFormat, FailOn, FilingFormat, Lang


def filing(
    file: Annotated[str, typer.Argument(metavar="FILE", help=help_text("filing.file"))],
    format: Annotated[FilingFormat, typer.Option("--format", "-f", metavar="html|markdown|csv|json",
                                                    help=help_text("filing.format"))] =
    FilingFormat.html,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE",
                                                  help=help_text("filing.output"))] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", metavar="zh|en", help=help_text("filing.lang"))] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="DATE|planned",
                                                 help=help_text("filing.as_of"))] = None,
) -> None:
    from ..filing import LANG, RENDERERS, particulars_of
    from ..outputs import Target, check_targets, files_read
    from ..prepare import requested_audit_date

    def action() -> int:
        language = lang.value if lang else LANG
        settings = _settings(None, lang=lang, as_of=as_of)  # its errors: the language of the run, as every command's
        particulars = particulars_of(file, requested_audit_date(settings), language)
        target = Target.option(output) if output else None
        (destination,) = check_targets([target], files_read(settings, [file]))
        _write(RENDERERS[format.value](particulars, language), destination)
        return EXIT_OK

    _guarded(action)


def _ask(question: str, default: str | None) -> str:
    """One question on the terminal (stderr, so that a printed inventory on stdout stays whole); an empty answer
    takes the default shown, or leaves the placeholder when there is none."""
    answer: str = typer.prompt(question, default=default or "", show_default=bool(default), err=True)
    return answer


def _interactive() -> bool:
    """Questions only where a person can answer them: never when standard input is a pipe, a file or closed."""
    return sys.stdin is not None and sys.stdin.isatty()


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
    from ..messages import Text
    from ..outputs import Target, check_new
    from ..prepare import checked_catalog
    from ..resources import schema_file
    from ..scaffold import (
        DEFAULT_JURISDICTION,
        Choices,
        category_ids,
        default_site_id,
        interview,
        inventory_text,
        required_zones,
        sheet_reference,
    )

    def action() -> int:
        settings = _settings(None, jurisdiction=jurisdiction, lang=lang)
        catalog = checked_catalog(settings)
        destination = check_new(Target.option(output)) if output else None
        sheet = sheet_reference(cameras_from, output) if cameras_from else None  # as the new inventory names it
        choices = Choices(jurisdiction=settings["jurisdiction"] or DEFAULT_JURISDICTION,
                          categories=category_ids(category or ()), cameras_from=sheet,
                          folder=os.path.dirname(output) if output else "")
        default_id = default_site_id(output)
        interactive = _interactive()
        if not interactive and not category:  # the categories decide every duty: never a silent guess
            _fail(Text.error("cli.init-needs-category"))
        if interactive:
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


def diff(
    old: Annotated[str, typer.Argument(metavar="OLD.json", help=help_text("diff.old"))],
    new: Annotated[str, typer.Argument(metavar="NEW.json", help=help_text("diff.new"))],
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help=help_text("diff.format"))] = DiffFormat.text,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE",
                                                  help=help_text("diff.output"))] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=help_text("diff.lang"))] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", help=help_text("diff.fail_on"))] = None,
) -> None:
    from ..diff import compare_reports
    from ..messages import Text
    from ..outputs import Read, Target, check_targets
    from ..prepare import threshold
    from ..render.diffs import FORMS

    def action() -> int:
        language = _settings(None, lang=lang)["lang"]
        result = compare_reports(old, new, language, threshold((fail_on or FailOn.error).value))
        target = Target.option(output) if output else None
        (destination,) = check_targets([target], (Read(path, Text.error("role.report")) for path in (old, new)))
        _write(FORMS[format.value](result), destination)
        return result.exit_code

    _guarded(action)
