"""Turn the files, directories and globs of a command line into the list of inventories to read."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable

from .errors import UsageError

SUFFIXES = (".yaml", ".yml")
_GLOB_CHARACTERS = frozenset("*?[")


def expand(arguments: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """Each argument is '-', a file, a directory (its YAML files, recursively, hidden ones skipped) or a glob.

    ``exclude`` names files that are not inventories (the configuration, waivers and baseline files). Raise
    UsageError for a directory or glob that holds no inventory: a CI job must not pass by auditing nothing.
    """
    # Absolute, normalised paths identify files (no per-file system calls: a city has thousands of them).
    skipped = {os.path.abspath(path) for path in exclude}
    given = list(arguments)
    if len(given) == 1 and os.path.isdir(given[0]):  # a walk lists each file once: nothing to deduplicate
        return _one(given[0], skipped)
    seen: set[str] = set()
    found: list[str] = []
    for argument in given:
        for path in _one(argument, skipped):
            key = os.path.abspath(path) if path != "-" else path
            if key not in seen:
                seen.add(key)
                found.append(path)
    return found


def _one(argument: str, skipped: set[str]) -> list[str]:
    if argument == "-":
        return [argument]
    if os.path.isdir(argument):
        found = _kept(_yaml_files(argument), skipped)
        if not found:
            raise UsageError(f"{argument}: the directory holds no .yaml or .yml file")
        return found
    if not os.path.exists(argument) and _GLOB_CHARACTERS & set(argument):
        matches = _kept(sorted(m for m in glob.glob(argument, recursive=True) if os.path.isfile(m)), skipped)
        if not matches:
            raise UsageError(f"{argument}: no file matches this pattern")
        return matches
    return [argument]  # a file, or a missing path that reading will report with its position


def _kept(paths: list[str], skipped: set[str]) -> list[str]:
    return [path for path in paths if os.path.abspath(path) not in skipped] if skipped else paths


def _yaml_files(folder: str) -> list[str]:
    """The folder's YAML files, recursively and sorted; hidden files and folders are skipped."""
    found = []
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found += [os.path.join(root, name) for name in files if name.endswith(SUFFIXES) and not name.startswith(".")]
    return sorted(found)
