"""Files in and out: read an input as text (UTF-8 with or without BOM, UTF-16 with BOM, or GBK/GB18030, never
mojibake), and write an output atomically."""

from __future__ import annotations

import codecs
import contextlib
import functools
import os
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import LocatedError, line_and_column
from .messages import Text

DEFAULT_MAX_BYTES = 32 * 1024 * 1024  # with MAX_NODES, keeps any input under 500 MB (bench/run.py, target 6)
STDIN = "-"


def write_atomically(target: Path, data: bytes | Iterable[bytes], mode: int | None = None, *,
                     replace: bool = True) -> None:
    """Write through a temporary file in the same folder and a rename, so nobody ever reads half a file; whatever
    stops it (OSError, Ctrl-C, a signal turned into an exception) leaves nothing behind. ``mode``: the file's
    permissions (a temporary file starts private, 0600). ``replace=False``: a file that appears at ``target`` in
    the meantime is kept (FileExistsError): the new file is linked in, which never replaces one."""
    import tempfile  # only runs that write pay for it

    temp: str | None = None
    try:
        with tempfile.NamedTemporaryFile("wb", dir=target.parent, delete=False, prefix=f".{target.name}.",
                                         suffix=".tmp") as handle:
            temp = handle.name
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            handle.writelines((data,) if isinstance(data, bytes) else data)
        if replace:
            os.replace(temp, target)
        else:
            os.link(temp, target)
            os.unlink(temp)
    except BaseException:
        if temp is not None:
            with contextlib.suppress(OSError):  # the original failure is the one to report
                os.unlink(temp)
        raise


def max_bytes() -> int:
    """The size limit: VIDCHECK_MAX_BYTES (ASCII digits, at most 18 of them), else 32 MiB (a 100,000-camera
    inventory is 12 to 16 MB)."""
    value = os.environ.get("VIDCHECK_MAX_BYTES", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else DEFAULT_MAX_BYTES


def read_bytes(path: str) -> bytes:
    """The bytes of ``path`` (``-``: standard input), refused past the size limit as counted while reading: a
    device, a pipe or a /proc file has no trustworthy size, and /dev/zero none at all."""
    limit = max_bytes()
    try:
        if path == STDIN:
            if sys.stdin is None:  # started with standard input closed (`<&-`)
                raise _unreadable(path, Text.error("read.stdin-closed"))
            data = _read_at_most(sys.stdin.buffer.read, limit)
        else:
            data = _read_file(path, limit)
    except FileNotFoundError:
        raise _unreadable(path, Text.error("read.no-such-file")) from None
    except PermissionError:
        raise _unreadable(path, Text.error("read.permission")) from None
    except OSError as exc:
        raise _unreadable(path, Text.error("read.failed", reason=exc.strerror or exc)) from None
    except ValueError:  # a stream closed under us: "I/O operation on closed file"
        raise _unreadable(path, Text.error("read.closed")) from None
    if len(data) > limit:
        raise _unreadable(path, Text.error("read.too-big", limit=f"{limit:,}"))
    return data


FIFO_WAIT_SECONDS = 30.0  # a named pipe that no program writes to fails after this, instead of hanging the job
_READ_CHUNK = 1 << 20


def open_for_reading(path: str) -> int:
    """A descriptor opened without blocking, so that opening a FIFO nobody writes to returns at once."""
    return os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))


def _read_file(path: str, limit: int) -> bytes:
    descriptor = open_for_reading(path)
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise _unreadable(path, Text.error("read.directory"))
        if stat.S_ISFIFO(status.st_mode) and not _wait_for_writer(descriptor):
            raise _unreadable(path, Text.error("read.fifo", seconds=f"{FIFO_WAIT_SECONDS:g}"))
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        # st_size only sizes the first read (one system call for a regular file); the bytes read decide
        hint = status.st_size if stat.S_ISREG(status.st_mode) else 0
        return _read_at_most(functools.partial(os.read, descriptor), limit, hint)
    finally:
        os.close(descriptor)


def _wait_for_writer(descriptor: int) -> bool:
    """Whether a FIFO gets data or an end (a writer came and went) within FIFO_WAIT_SECONDS."""
    import select

    readable, _, _ = select.select([descriptor], [], [], FIFO_WAIT_SECONDS)
    return bool(readable)


def _read_at_most(read: Callable[[int], bytes], limit: int, hint: int = 0) -> bytes:
    """At most ``limit + 1`` bytes: one byte more than the limit is enough to know that the input is over it."""
    wanted = limit + 1
    request = min(wanted, max(hint + 1, _READ_CHUNK))
    chunks: list[bytes] = []
    while wanted > 0:
        chunk = read(min(wanted, request))
        if not chunk:
            break
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)


def decode(data: bytes, path: str) -> str:
    """Decode by BOM, else UTF-8, else GB18030 (a superset of GBK); name the first byte nothing decodes."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[3:], "utf-8", path, offset=3)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", path)
    if b"\x00" in data:  # no text encoding we read (UTF-16 aside, handled above) contains NUL
        raise _undecodable(data, data.index(b"\x00"), path, Text.error("decode.nul"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise _undecodable(data, utf8_error.start, path) from None


def _decode(data: bytes, encoding: str, path: str, offset: int = 0) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _undecodable(data, exc.start + offset, path,
                           Text.error("decode.bom", encoding=encoding.upper())) from None


def _undecodable(data: bytes, offset: int, path: str, why: Text | None = None) -> LocatedError:
    line, column = line_and_column(data, offset)
    message = Text.error("decode.byte", offset=offset, byte=f"0x{data[offset]:02x}",
                         reason=why or Text.error("decode.encoding"))
    return LocatedError(path, line, column, message, unreadable=True)


def _unreadable(path: str, message: Text) -> LocatedError:
    return LocatedError(path, 1, 1, message, unreadable=True)


def read_text(path: str) -> str:
    return decode(read_bytes(path), path)
