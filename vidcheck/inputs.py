"""Turn the files, directories and globs of a command line into the list of inventories to read."""

from __future__ import annotations

import glob
import os
import stat
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import UsageError
from .model import Skipped

SUFFIXES = (".yaml", ".yml")  # matched without regard to case: SITE.YAML is an inventory too
_GLOB_CHARACTERS = frozenset("*?[")
FileId = tuple[int, int]  # (st_dev, st_ino): one file or folder, whichever link leads to it


@dataclass(frozen=True)
class Inputs:
    paths: list[str]
    skipped: tuple[Skipped, ...]  # what the directory walks left out, and why


def expand(arguments: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """The inventories the arguments name (see :func:`gather`)."""
    return gather(arguments, exclude).paths


def gather(arguments: Iterable[str], exclude: Iterable[str] = ()) -> Inputs:
    """Each argument is '-', a file, a directory (its YAML files, recursively, through symlinked folders, hidden ones
    skipped and counted) or a glob.

    ``exclude`` names files that are not inventories (the configuration, waivers and baseline files). Raise
    UsageError for a directory or glob that holds no inventory: a CI job must not pass by auditing nothing.
    """
    # Absolute, normalised paths identify files (no per-file system calls: a city has thousands of them).
    excluded = {os.path.abspath(path) for path in exclude}
    skips: Counter[str] = Counter()
    given = list(arguments)
    if len(given) == 1 and os.path.isdir(given[0]):  # a walk lists each file once: nothing to deduplicate
        return Inputs(_one(given[0], excluded, skips), _skipped(skips))
    seen: set[str] = set()
    found: list[str] = []
    for argument in given:
        for path in _one(argument, excluded, skips):
            key = os.path.abspath(path) if path != "-" else path
            if key not in seen:
                seen.add(key)
                found.append(path)
    return Inputs(found, _skipped(skips))


def _skipped(skips: Counter[str]) -> tuple[Skipped, ...]:
    return tuple(Skipped(reason, count) for reason, count in sorted(skips.items()) if count)


def _one(argument: str, excluded: set[str], skips: Counter[str]) -> list[str]:
    if argument == "-":
        return [argument]
    if os.path.isdir(argument):
        found = _kept(_yaml_files(argument, excluded, skips), excluded)
        if not found:
            raise UsageError(f"{argument}: the directory holds no .yaml or .yml file")
        return found
    if not os.path.exists(argument) and _GLOB_CHARACTERS & set(argument):
        matches = _kept(_glob_files(argument, skips), excluded)
        if not matches:
            raise UsageError(f"{argument}: no file matches this pattern")
        return matches
    return [argument]  # a file, or a missing path that reading will report with its position


def _kept(paths: list[str], excluded: set[str]) -> list[str]:
    return [path for path in paths if os.path.abspath(path) not in excluded] if excluded else paths


def _glob_files(pattern: str, skips: Counter[str]) -> list[str]:
    """The files that match, sorted, each once. A ``**`` pattern follows symlinked folders, loops included, so one
    file can match under many paths: the shortest stands for it, the others are counted in ``skips``. (One ``stat``
    per match, which telling files from folders needs anyway.)"""
    by_identity: dict[FileId, str] = {}
    for match in sorted(glob.glob(pattern, recursive=True), key=lambda m: (m.count(os.sep), m)):
        try:
            status = os.stat(match)
        except OSError:  # a dangling link: not a file
            continue
        if stat.S_ISREG(status.st_mode) and by_identity.setdefault((status.st_dev, status.st_ino), match) != match:
            skips["file-seen"] += 1
    return sorted(by_identity.values())


def _is_inventory(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def _yaml_files(folder: str, excluded: set[str], skips: Counter[str]) -> list[str]:
    """The folder's YAML files, recursively and sorted. Symlinked folders are followed, each folder once: one
    ``stat`` per folder (never per file) tells a link back to an ancestor (a loop) or a folder already read.
    Hidden files and folders are skipped and counted in ``skips``, as are folders that cannot be listed."""
    found = []
    visited: dict[FileId, str] = {}

    def unreadable(_: OSError) -> None:
        skips["unreadable-folder"] += 1

    for root, folders, files in os.walk(folder, onerror=unreadable, followlinks=True):
        reason = _revisit(root, visited)
        if reason:
            skips[reason] += 1
            folders[:] = []
            continue
        shown = [name for name in folders if not name.startswith(".")]
        skips["hidden-folder"] += len(folders) - len(shown)
        folders[:] = shown
        for name in files:
            if not _is_inventory(name):
                continue
            path = os.path.join(root, name)
            if not name.startswith("."):
                found.append(path)
            elif os.path.abspath(path) not in excluded:  # the configuration file is no inventory left out
                skips["hidden-file"] += 1
    return sorted(found)


def _revisit(root: str, visited: dict[FileId, str]) -> str | None:
    """None for a folder not read yet (now recorded); else why it is not read again."""
    try:
        status = os.stat(root)
    except OSError:
        return "unreadable-folder"
    identity = (status.st_dev, status.st_ino)
    first = visited.setdefault(identity, root)
    if first == root:
        return None
    return "symlink-loop" if _within(root, first) else "folder-seen"


def _within(path: str, ancestor: str) -> bool:
    """Whether ``path`` was reached by walking down from ``ancestor`` (a link led back up to it)."""
    return path.startswith(ancestor.rstrip(os.sep) + os.sep)
