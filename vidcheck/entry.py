"""The console script. ``vidcheck --version`` answers before Typer (and the pydantic it loads) is imported."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        sys.stdout.write(f"vidcheck {__version__}\n")
        return
    from .cli import main as cli_main

    cli_main()
