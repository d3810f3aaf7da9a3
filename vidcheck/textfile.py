"""Files in and out: read an input as text (UTF-8 with or without BOM, UTF-16 with BOM, or GBK/GB18030, never
mojibake), and write an output atomically."""

from __future__ import annotations

import codecs
import contextlib
import os
import sys
from pathlib import Path

from .errors import LocatedError, line_and_column

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
STDIN = "-"


def write_atomically(target: Path, data: bytes, mode: int | None = None) -> None:
    """Write through a temporary file in the same folder and a rename, so nobody ever reads half a file; whatever
    stops it (OSError, Ctrl-C, a signal turned into an exception) leaves nothing behind. ``mode``: the file's
    permissions (a temporary file starts private, 0600)."""
    import tempfile  # only runs that write pay for it

    temp: str | None = None
    try:
        with tempfile.NamedTemporaryFile("wb", dir=target.parent, delete=False, prefix=f".{target.name}.",
                                         suffix=".tmp") as handle:
            temp = handle.name
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
        os.replace(temp, target)
    except BaseException:
        if temp is not None:
            with contextlib.suppress(OSError):  # the original failure is the one to report
                os.unlink(temp)
        raise


def max_bytes() -> int:
    """The size limit: VIDCHECK_MAX_BYTES, else 64 MiB (a 100,000-camera inventory is about 16 MB)."""
    value = os.environ.get("VIDCHECK_MAX_BYTES", "")
    return int(value) if value.isdigit() else DEFAULT_MAX_BYTES


def read_bytes(path: str) -> bytes:
    limit = max_bytes()
    if path == STDIN:
        data = sys.stdin.buffer.read(limit + 1)
    else:
        target = Path(path)
        try:
            if target.is_dir():
                raise _unreadable(path, "is a directory, not an inventory file")
            size = target.stat().st_size
            if size > limit:
                raise _unreadable(path, f"file is {size:,} bytes, over the {limit:,}-byte limit "
                                               "(raise it with VIDCHECK_MAX_BYTES)")
            data = target.read_bytes()
        except FileNotFoundError:
            raise _unreadable(path, "no such file") from None
        except PermissionError:
            raise _unreadable(path, "permission denied: cannot read the file") from None
        except OSError as exc:
            raise _unreadable(path, f"cannot read the file: {exc.strerror}") from None
    if len(data) > limit:
        raise _unreadable(path, f"input is over the {limit:,}-byte limit (raise it with VIDCHECK_MAX_BYTES)")
    return data


def decode(data: bytes, path: str) -> str:
    """Decode by BOM, else UTF-8, else GB18030 (a superset of GBK); name the first byte nothing decodes."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[3:], "utf-8", path, offset=3)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", path)
    if b"\x00" in data:  # no text encoding we read (UTF-16 aside, handled above) contains NUL
        raise _undecodable(data, data.index(b"\x00"), path, "a NUL byte: this looks like a binary file")
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
        raise _undecodable(data, exc.start + offset, path, f"not valid {encoding.upper()} despite its BOM") from None


def _undecodable(data: bytes, offset: int, path: str, why: str = "") -> LocatedError:
    line, column = line_and_column(data, offset)
    reason = why or "not UTF-8, UTF-16 or GBK/GB18030 text"
    message = f"cannot decode byte {offset} (0x{data[offset]:02x}): {reason}"
    return LocatedError(path, line, column, message, unreadable=True)


def _unreadable(path: str, message: str) -> LocatedError:
    return LocatedError(path, 1, 1, message, unreadable=True)


def read_text(path: str) -> str:
    return decode(read_bytes(path), path)
