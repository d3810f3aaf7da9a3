"""Turn the files, directories and globs of a command line into the list of inventories to read."""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import UsageError

SUFFIXES = (".yaml", ".yml")
_GLOB_CHARACTERS = frozenset("*?[")


def expand(arguments: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """Each argument is '-', a file, a directory (its YAML files, recursively, hidden ones skipped) or a glob.

    ``exclude`` names files that are not inventories (the configuration, waivers and baseline files). Raise
    UsageError for a directory or glob that holds no inventory: a CI job must not pass by auditing nothing.
    """
    skipped = {Path(path).resolve() for path in exclude}
    seen: set[Path] = set()
    found: list[str] = []
    for argument in arguments:
        for path in _one(argument, skipped):
            resolved = Path(path).resolve() if path != "-" else Path("-")
            if resolved not in seen:
                seen.add(resolved)
                found.append(path)
    return found


def _one(argument: str, skipped: set[Path]) -> list[str]:
    if argument == "-":
        return [argument]
    path = Path(argument)
    if path.is_dir():
        found = sorted(str(p) for p in _yaml_files(path) if p.resolve() not in skipped)
        if not found:
            raise UsageError(f"{argument}: the directory holds no .yaml or .yml file")
        return found
    if not path.exists() and _GLOB_CHARACTERS & set(argument):
        matches = sorted(m for m in glob.glob(argument, recursive=True)
                         if Path(m).is_file() and Path(m).resolve() not in skipped)
        if not matches:
            raise UsageError(f"{argument}: no file matches this pattern")
        return matches
    return [argument]  # a file, or a missing path that reading will report with its position


def _yaml_files(folder: Path) -> Iterator[Path]:
    for path in folder.rglob("*"):
        relative = path.relative_to(folder).parts
        if path.suffix in SUFFIXES and path.is_file() and not any(part.startswith(".") for part in relative):
            yield path
