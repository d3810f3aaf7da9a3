"""The audit commands: audit, validate, baseline, and config (the settings an audit would use)."""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import Annotated, Optional

import typer

from ..entry import EXIT_OK
from ..i18n import help_text
from .common import _audited, _echo_errors, _emit_all, _fail, _guarded, _print, _progress, _say, _settings, _write
from .options import (
    AsOfOpt,
    BaselineOpt,
    ConfigOpt,
    FailOnOpt,
    FilesArg,
    FormatOpt,
    JobsOpt,
    JurisdictionOpt,
    LangOpt,
    NoColorOpt,
    OnlyFailingOpt,
    OutputOpt,
    RulesDirOpt,
    WaiversOpt,
)


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
    from ..prepare import audit_options

    def action() -> int:
        settings = _settings(config, jurisdiction=jurisdiction, fail_on=fail_on, format=format, waivers=waivers,
                             baseline=baseline, rules_dir=rules_dir, lang=lang, as_of=as_of,
                             only_failing=only_failing or None)
        paths, report = _audited(files, settings, audit_options(settings, jobs))
        if settings["only-failing"]:
            report = replace(report, only_failing=True)
        _emit_all(report, settings, output, paths, no_color=no_color)
        return report.exit_code

    _guarded(action)


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
    from ..api import validate as run_validate
    from ..prepare import checked_catalog, gathered_inputs, requested_audit_date, validation_options
    from ..render.text import render_validation

    def action() -> int:
        settings = _settings(config, jurisdiction=jurisdiction, format=format, lang=lang, rules_dir=rules_dir,
                             waivers=waivers, baseline=baseline)
        if settings["jurisdiction"] is not None:  # as audit: an unknown -j is blamed where it was set (exit 2)
            checked_catalog(settings)
        requested_audit_date(settings)  # a bad as-of in .vidcheck.yaml or VIDCHECK_AS_OF stops an audit too
        inputs = gathered_inputs(files, settings, stdin_open=sys.stdin is not None)
        with _progress(len(inputs.paths)) as progress:
            report = run_validate(inputs.paths, validation_options(settings, jobs), progress, inputs.skipped)
        _emit_all(report, settings, output, inputs.paths, no_color=True, text=render_validation)
        return report.exit_code

    _guarded(action)


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
    from ..baseline import recorded
    from ..baseline import render as render_baseline
    from ..messages import Text
    from ..outputs import check_targets, files_read
    from ..prepare import audit_options, baseline_target

    def action() -> int:
        settings = _settings(config, jurisdiction=jurisdiction, waivers=waivers, rules_dir=rules_dir, as_of=as_of)
        paths, report = _audited(files, settings, replace(audit_options(settings, jobs), baseline=None))
        if report.errors:
            _echo_errors(report.errors)
            _fail(Text.error("cli.baseline-not-written"))
        target = baseline_target(output, settings)
        (destination,) = check_targets([target], files_read(settings, paths, baseline=False))
        _write(render_baseline(report), destination)
        _say(Text.error("cli.baseline-written", n=recorded(report), path=target.path))
        return EXIT_OK

    _guarded(action)


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
    from ..prepare import checked_catalog, requested_audit_date
    from ..render.tables import settings_json, settings_table

    def action() -> int:
        settings = _settings(config, jurisdiction=jurisdiction, fail_on=fail_on, format=format, waivers=waivers,
                             baseline=baseline, rules_dir=rules_dir, lang=lang, as_of=as_of)
        checked_catalog(settings)
        requested_audit_date(settings)
        return _print(settings_json(settings) if json_output else settings_table(settings, settings["lang"]))

    _guarded(action)
