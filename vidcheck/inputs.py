"""Turn the files, directories and globs of a command line into the list of inventories to read."""

from __future__ import annotations

import glob
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .errors import UsageError
from .model import Skipped

SUFFIXES = (".yaml", ".yml")  # matched without regard to case: SITE.YAML is an inventory too
_GLOB_CHARACTERS = frozenset("*?[")
_RECURSIVE = "**"  # a whole path component: any number of folders
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
            raise UsageError.of("inputs.empty-directory", argument=argument)
        return found
    if not os.path.exists(argument) and _GLOB_CHARACTERS & set(argument):
        matches = _kept(_glob_files(argument, skips), excluded)
        if not matches:
            raise UsageError.of("inputs.no-match", argument=argument)
        return matches
    return [argument]  # a file, or a missing path that reading will report with its position


def _kept(paths: list[str], excluded: set[str]) -> list[str]:
    return [path for path in paths if os.path.abspath(path) not in excluded] if excluded else paths


def _glob_files(pattern: str, skips: Counter[str]) -> list[str]:
    """The files that match, sorted, each once. A ``**`` pattern walks its folder as a directory argument does
    (:func:`_walk`: symlinked folders followed, each folder once, loops and hidden folders counted in ``skips``);
    Python's own ``**`` would follow a symlink loop until the path grows too long. Other patterns (no recursion)
    use ``glob``; a file they match under two paths (through a link) is kept once, the shortest path, the other
    counted in ``skips``. (One ``stat`` per match, which telling files from folders needs anyway.)"""
    if _RECURSIVE in pattern.split(os.sep):
        return _walked_matches(pattern, skips)
    by_identity: dict[FileId, str] = {}
    for match in sorted(glob.glob(pattern), key=lambda m: (m.count(os.sep), m)):
        try:
            status = os.stat(match)
        except OSError:  # a dangling link: not a file
            continue
        if stat.S_ISREG(status.st_mode) and by_identity.setdefault((status.st_dev, status.st_ino), match) != match:
            skips["file-seen"] += 1
    return sorted(by_identity.values())


def _walked_matches(pattern: str, skips: Counter[str]) -> list[str]:
    """The files under the pattern's literal leading folders that match the rest of it, with glob's meaning:
    ``*``, ``?`` and ``[...]`` stay within one name, ``**`` is any number of folders, and a wildcard matches
    no name that starts with a dot (hidden folders are left out of the walk, and counted, unless the pattern
    names one)."""
    parts = pattern.split(os.sep)
    literal = next(index for index, part in enumerate(parts) if _GLOB_CHARACTERS & set(part))
    base = os.sep.join(parts[:literal]) or (os.sep if pattern.startswith(os.sep) else "")
    rest = parts[literal:]
    matcher = _path_regex(rest)
    hidden = any(part.startswith(".") for part in rest)
    found: list[str] = []
    if not os.path.isdir(base or os.curdir):
        return found
    for root, files in _walk(base or os.curdir, skips, hidden=hidden):
        relative = root[len(base or os.curdir):].lstrip(os.sep)
        prefix = relative.replace(os.sep, "/") + "/" if relative else ""
        found.extend(os.path.join(root, name) if base else os.path.join(relative, name)
                     for name in files if matcher.fullmatch(prefix + name))
    return sorted(found)


def _path_regex(parts: list[str]) -> re.Pattern[str]:
    """A regular expression for '/'-joined names relative to the pattern's literal folder (see _walked_matches)."""
    pieces = []
    for part in parts:
        pieces.append(r"(?:(?!\.)[^/]+/)*" if part == _RECURSIVE else _name_regex(part) + "/")
    text = "".join(pieces)
    text = text + r"(?!\.)[^/]+" if parts[-1] == _RECURSIVE else text.removesuffix("/")
    return re.compile(text, re.DOTALL)


def _name_regex(part: str) -> str:
    """One path component of a glob: ``*`` and ``?`` never cross a '/' nor match a leading dot."""
    out = [r"(?!\.)"] if _GLOB_CHARACTERS & set(part[:1]) else []
    index = 0
    while index < len(part):
        char = part[index]
        close = part.find("]", index + 2) if char == "[" else -1
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif close != -1:
            inside = part[index + 1:close]
            inside = inside.replace("\\", "\\\\").replace("^", "\\^")
            out.append("[" + ("^" + inside[1:] if inside.startswith("!") else inside) + "]")
            index = close
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out)


def _is_inventory(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def _yaml_files(folder: str, excluded: set[str], skips: Counter[str]) -> list[str]:
    """The folder's YAML files, recursively and sorted (see :func:`_walk`). Hidden files are skipped and counted
    in ``skips``."""
    found = []
    for root, files in _walk(folder, skips):
        for name in files:
            if not _is_inventory(name):
                continue
            path = os.path.join(root, name)
            if not name.startswith("."):
                found.append(path)
            elif os.path.abspath(path) not in excluded:  # the configuration file is no inventory left out
                skips["hidden-file"] += 1
    return sorted(found)


def _walk(folder: str, skips: Counter[str], *, hidden: bool = False) -> Iterator[tuple[str, list[str]]]:
    """Each folder under ``folder`` with the names of its files. Symlinked folders are followed, each folder
    once: one ``stat`` per folder (never per file) tells a link back to an ancestor (a loop) or a folder already
    read. Hidden folders (unless ``hidden``) are skipped; they, loops, folders seen and folders that cannot be
    listed are counted in ``skips``."""

    def unreadable(_: OSError) -> None:
        skips["unreadable-folder"] += 1

    visited: dict[FileId, str] = {}
    for root, folders, files in os.walk(folder, onerror=unreadable, followlinks=True):
        reason = _revisit(root, visited)
        if reason:
            skips[reason] += 1
            folders[:] = []
            continue
        if not hidden:
            shown = [name for name in folders if not name.startswith(".")]
            skips["hidden-folder"] += len(folders) - len(shown)
            folders[:] = shown
        yield root, files


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
