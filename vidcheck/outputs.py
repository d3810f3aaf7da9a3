"""Where a run may write (SPEC §8): only where it was asked, never over a file the run reads (by device and inode,
so links and hard links count), never into a .git folder, never replacing a device or FIFO, never leaving an
executable bit, and never outside the folder of the configuration file that names the path.

Every target of a run is checked before the first one is written (its folder too: it must exist, be a folder and be
writable), so a refused output writes nothing. Refusals and failures are UsageError (one line, exit 2); nothing here
prints. One failure is not: a FIFO or character device whose reader closes it before the report is whole
(``-o /dev/stdout | head``, ``-o fifo`` read by ``head``) is ReaderLeft, which the CLI ends quietly with 141, as it
does when the reader of standard output leaves: stopping to read was the reader's choice, not an error of the run.
"""

from __future__ import annotations

import errno
import functools
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from .errors import UsageError
from .messages import Text
from .resources import data_dir
from .textfile import STDIN, write_atomically

if TYPE_CHECKING:
    from .settings import Settings

GIT_FOLDER = ".git"
NOT_EXECUTABLE = 0o666  # the permission bits a report may keep: no x, no setuid, setgid or sticky bit
SHIPPED_FOLDERS = ("jurisdictions", "schemas")


class ReaderLeft(Exception):
    """The reader of a FIFO or character device target closed it before the report was whole (EPIPE)."""


@dataclass(frozen=True)
class Target:
    """An output file as it was asked for."""

    path: str
    label: str | Text  # how messages name it: "--output r.json", ".vidcheck.yaml:2:1: format sarif=r.sarif"
    within: str | None = None  # the folder it must stay in (that of the configuration file naming it)

    @classmethod
    def option(cls, path: str, option: str = "--output") -> Target:
        """A file named on the command line, which may be anywhere the user can write."""
        return cls(path, f"{option} {path}")


@dataclass(frozen=True)
class Read:
    """A file the run reads, and what it is to the run."""

    path: str
    role: Text  # "an inventory", "the waivers file", ...
    identity: tuple[int, int] | None = None  # (device, inode) when known without a path (standard input)


@dataclass(frozen=True)
class Destination:
    """A checked target: a regular file (new or existing) replaced atomically with ``mode``, or a character
    device or FIFO written into (``stream``)."""

    target: Target
    path: str  # the file to replace (links resolved), or the path to open for a stream
    stream: bool
    mode: int
    identity: tuple[int, int] | None  # (device, inode) of a file that already exists
    new: bool = False  # a file that must not exist yet: written only if nothing is there (vidcheck init)


def files_read(settings: Settings, inventories: Iterable[str], *, baseline: bool = True) -> Iterator[Read]:
    """The files a run reads or is configured to read: inventories and their camera lists, configuration, waivers,
    the baseline (unless the run writes it), the files of the rules folders, and those shipped with vidcheck.
    Lazy: nothing is listed unless a target already exists."""
    for path in inventories:
        read = Read(path, Text.error("role.inventory")) if path != STDIN else _standard_input()
        if read is not None:
            yield read
        sheet = _camera_list(path) if path != STDIN else None
        if sheet is not None:
            yield Read(sheet, Text.error("role.camera-list"))
    named = (("config", settings.config), ("waivers", settings["waivers"]),
             ("baseline", settings["baseline"] if baseline else None))
    yield from (Read(path, Text.error(f"role.{role}")) for role, path in named if path)
    for folder in settings.rules_dirs:
        yield from _folder_files(folder, Text.error("role.rule-file"))
    for name in SHIPPED_FOLDERS:
        yield from _folder_files(str(data_dir(name)), Text.error("role.shipped"))


def _camera_list(inventory: str) -> str | None:
    """The camera list (cameras_from) an inventory reads: read only when a target already exists, as it is lazy."""
    from .camlist.build import referenced

    return referenced(inventory)


def _standard_input() -> Read | None:
    """Standard input read as an inventory (``-``): the file it is (``< site.yaml``) must not be replaced by a
    report. None for a pipe, terminal or device: writing into one changes nothing that was read."""
    try:
        status = os.fstat(0)
    except OSError:  # closed: nothing to overwrite
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return Read(STDIN, Text.error("role.stdin"), (status.st_dev, status.st_ino))


def _folder_files(folder: str, role: Text) -> Iterator[Read]:
    try:
        with os.scandir(folder) as entries:
            yield from (Read(entry.path, role) for entry in entries if not entry.is_dir())
    except OSError:  # a folder that cannot be listed cannot be read either: loading it reports that
        return


def check_targets(targets: Sequence[Target | None], reads: Iterable[Read]) -> tuple[Destination | None, ...]:
    """Each target checked (None, standard output, stays None); raise UsageError for the first one refused."""
    known = _FilesRead(reads)
    checked = tuple(None if target is None else _check(target, known) for target in targets)
    _refuse_duplicates([destination for destination in checked if destination is not None])
    return checked


def check_new(target: Target) -> Destination:
    """A target for a file vidcheck creates and the user then edits (``vidcheck init``): anything already at the
    path, even a dangling link, is refused, and so is a path a file appears at before the writing."""
    if os.path.lexists(target.path):
        raise UsageError.of("output.exists", target=target.label)
    resolved = os.path.abspath(target.path)
    if _in_git_folder(resolved):
        raise UsageError.of("output.git", target=target.label)
    _check_folder(target, resolved)
    return Destination(target, resolved, False, _new_file_mode(), None, new=True)


def write(destination: Destination, data: bytes | Iterable[bytes]) -> None:
    """Write a checked destination, whole or piece by piece; a failure (disk full, permission) is a UsageError
    naming the file; a reader that left a FIFO or device is ReaderLeft."""
    try:
        if destination.stream:
            _write_into(destination.path, data)
        else:
            write_atomically(Path(destination.path), data, destination.mode, replace=not destination.new)
    except FileExistsError:
        raise UsageError.of("output.appeared", target=destination.target.label) from None
    except OSError as exc:
        if isinstance(exc, BrokenPipeError) and destination.stream:
            raise ReaderLeft(destination.target.path) from None
        raise UsageError.of("output.cannot-write", path=destination.target.path, reason=_reason(exc)) from None


def config_path_problem(path: str) -> Text | None:
    """Why an output path written in a configuration file may not be used, or None: it must stay inside the
    file's folder (the repository that holds it, not the machine that runs it) and out of .git."""
    if os.path.isabs(path):
        return Text.error("config-path.absolute")
    if PurePath(os.path.normpath(path)).parts[:1] == ("..",):
        return Text.error("config-path.outside")
    if _in_git_folder(path):
        return Text.error("config-path.git")
    return None


class _FilesRead:
    """The files a run reads, by (device, inode). A city audit reads thousands: they are stat'ed once, and only
    when a target already exists (a new file cannot be one of them)."""

    def __init__(self, reads: Iterable[Read]) -> None:
        self.reads = reads

    @functools.cached_property
    def by_identity(self) -> dict[tuple[int, int], Read]:
        found: dict[tuple[int, int], Read] = {}
        for read in self.reads:
            if read.identity is not None:
                found.setdefault(read.identity, read)
                continue
            try:
                status = os.stat(read.path)
            except OSError:  # missing or unreadable: reading it reports that, and it cannot be a target's file
                continue
            found.setdefault((status.st_dev, status.st_ino), read)
        return found

    def find(self, identity: tuple[int, int]) -> Read | None:
        return self.by_identity.get(identity)


def _check(target: Target, reads: _FilesRead) -> Destination:
    resolved = os.path.realpath(target.path)
    if _in_git_folder(target.path) or _in_git_folder(resolved):
        raise UsageError.of("output.git", target=target.label)
    if target.within is not None and not Path(resolved).is_relative_to(os.path.realpath(target.within)):
        raise UsageError.of("output.outside", target=target.label, folder=target.within)
    try:
        status = os.stat(target.path)  # follows links: /dev/stdout is the pipe or terminal it stands for
    except OSError:  # a new file
        _check_folder(target, resolved)
        return Destination(target, resolved, False, _new_file_mode(), None)
    kind = status.st_mode
    if stat.S_ISDIR(kind):
        raise UsageError.of("output.directory", target=target.label)
    identity = (status.st_dev, status.st_ino)
    same = reads.find(identity)
    if same is not None:
        raise UsageError.of("output.read-by-run", target=target.label, role=same.role)
    if stat.S_ISREG(kind):
        _check_folder(target, resolved)  # replaced by a rename from a temporary file beside it
        return Destination(target, resolved, False, stat.S_IMODE(kind) & NOT_EXECUTABLE, identity)
    if stat.S_ISCHR(kind) or stat.S_ISFIFO(kind):
        return Destination(target, target.path, True, 0, identity)
    raise UsageError.of("output.special", target=target.label, kind=_special_kind(kind))


def _check_folder(target: Target, resolved: str) -> None:
    """The folder a report file is written in must exist, be a folder and take new files, or no output is
    written: found only when writing, a missing folder failed the run after other reports were out."""
    folder = os.path.dirname(resolved)
    shown = os.path.dirname(target.path) or os.curdir
    if not os.path.exists(folder):
        raise UsageError.of("output.no-folder", target=target.label, folder=shown)
    if not os.path.isdir(folder):
        raise UsageError.of("output.not-folder", target=target.label, folder=shown)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError.of("output.not-writable", target=target.label, folder=shown)


def _special_kind(mode: int) -> Text:
    """A socket cannot be opened for writing and a block device is a disk: neither takes a report."""
    if stat.S_ISSOCK(mode):
        return Text.error("file-kind.socket")
    return Text.error("file-kind.block-device" if stat.S_ISBLK(mode) else "file-kind.special")


def _refuse_duplicates(destinations: Sequence[Destination]) -> None:
    """Two outputs into one file: the second would silently replace the first."""
    seen: dict[object, Destination] = {}
    for destination in destinations:
        keys = [destination.path, destination.identity] if destination.identity else [destination.path]
        for key in keys:
            earlier = seen.get(key)
            if earlier is not None:
                raise UsageError.of("output.same-file", first=earlier.target.label, second=destination.target.label)
        seen.update(dict.fromkeys(keys, destination))


def _in_git_folder(path: str) -> bool:
    return any(part.casefold() == GIT_FOLDER for part in PurePath(path).parts)  # casefold: macOS and Windows


def _new_file_mode() -> int:
    """What a plain ``open()`` would create: 0666 less the umask."""
    umask = os.umask(0)  # reading the umask means setting it; put it straight back
    os.umask(umask)
    return 0o666 & ~umask


def _write_into(path: str, data: bytes | Iterable[bytes]) -> None:
    """Write into a character device or FIFO, as a shell redirection would: no rename, never a new file.
    O_NONBLOCK on open makes a FIFO nobody reads an error (ENXIO) instead of a run that hangs."""
    descriptor = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
    with open(descriptor, "wb") as handle:
        os.set_blocking(descriptor, True)
        handle.writelines((data,) if isinstance(data, bytes) else data)


def _reason(exc: OSError) -> Text | str:
    if exc.errno == errno.ENXIO:
        return Text.error("output.no-reader")
    return exc.strerror or str(exc)  # the system's words
