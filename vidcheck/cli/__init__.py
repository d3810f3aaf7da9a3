"""Command-line interface: parse options, call the library, render, write, exit. No business logic here.

This module makes the Typer app and registers every command, in the order ``vidcheck --help`` lists them; the
commands live in one module per group (audit, reference, authoring), their shared options in ``options`` and the
helpers every command uses in ``common``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Annotated

import typer

from .. import __version__
from ..clihelp import Command, Group, usage_text
from ..entry import EXIT_ERROR, EXIT_OK, tell
from ..i18n import help_text
from . import audit, authoring, common, reference
from .common import _progress, _run_lang

__all__ = ["_progress", "app", "jurisdictions_app", "main"]

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, help=help_text("app"),
                  cls=Group)
jurisdictions_app = typer.Typer(help=help_text("jurisdictions"), short_help=help_text("jurisdictions.short"),
                                invoke_without_command=True, cls=Group, rich_markup_mode=None)
app.add_typer(jurisdictions_app, name="jurisdictions")


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
    common._debug, common._lang = debug, None


def _command(function: Callable[..., None], name: str | None = None, key: str | None = None) -> None:
    """Register a command whose help and one-line summary (the commands list) come from the catalog (``help``)."""
    ident = key or name or function.__name__
    app.command(name, cls=Command, help=help_text(ident), short_help=help_text(f"{ident}.short"))(function)


# The order of `vidcheck --help`.
_command(audit.audit)
_command(audit.validate)
_command(audit.write_baseline, "baseline")
_command(audit.show_config, "config")
_command(reference.compare)
_command(authoring.filing)
_command(reference.rules)
_command(reference.explain)
_command(reference.vocabulary)
_command(reference.schema)
_command(authoring.init)
_command(authoring.diff)
jurisdictions_app.callback()(reference.jurisdictions_list)
jurisdictions_app.command("show", cls=Command, help=help_text("jurisdictions.show"),
                          short_help=help_text("jurisdictions.show.short"))(reference.jurisdictions_show)
jurisdictions_app.command("check", cls=Command, help=help_text("jurisdictions.check"),
                          short_help=help_text("jurisdictions.check.short"))(reference.jurisdictions_check)


def main() -> int:
    """The console script's exit code: like ``app()``, but a bad option or argument is one line, as every other
    error is, and an unexpected exception is an internal error (exit 2), never a traceback (unless --debug)."""
    common._lang = None
    try:
        code = app(standalone_mode=False, prog_name="vidcheck")
    except Exception as exc:
        if getattr(exc, "format_message", None) is None or not hasattr(exc, "exit_code"):
            return _internal_error(exc)
        return _usage_error(exc)
    return code if isinstance(code, int) else EXIT_OK


def _usage_error(exc: Exception) -> int:
    """Click's UsageError and kin, raised because standalone_mode is off: one line naming the help."""
    from ..messages import Text

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
    from ..messages import Text

    debug = common._debug or os.environ.get("VIDCHECK_DEBUG", "") not in ("", "0")
    if debug:
        import traceback

        for line in "".join(traceback.format_exception(exc)).splitlines():
            tell(line)
    key = "cli.internal-error" if debug else "cli.internal-error.hint"
    tell(Text.error(key, kind=type(exc).__name__, detail=str(exc)).render(_run_lang()))
    return EXIT_ERROR
