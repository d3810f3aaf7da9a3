"""Files the project generates from its code: write them, or with ``--check`` say whether they are current."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(path: Path, text: str, argv: list[str], command: str) -> int:
    """``argv[1:] == ["--check"]``: exit status 1 when ``path`` differs from ``text``; else write it."""
    if argv[1:] == ["--check"]:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            print(f"{path} is out of date: run `{command}`", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0
