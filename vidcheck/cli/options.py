"""The options and choices several commands share, each with its help text from the catalog (section ``help``)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Optional

import typer

from ..i18n import help_text


class TableFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    csv = "csv"
    json = "json"


class VocabularyFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


class FilingFormat(StrEnum):
    html = "html"
    markdown = "markdown"
    csv = "csv"
    json = "json"


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


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
