"""An on-disk cache for work that depends only on file contents: the validated jurisdiction catalog.

Every run starts by reading and validating the rule data; a CI job runs vidcheck many times on unchanged rule
files, so the result is kept, keyed by the caller's digest of every source (vidcheck's version is mixed in).

The cache folder is untrusted (SPEC §8): CI may restore it from a cache that a pull request filled. So an entry is
plain JSON, which cannot carry code, signed with HMAC-SHA256 under a random key kept outside the cache folder
(``cache.key`` in ``$XDG_STATE_HOME/vidcheck`` or ``~/.local/state/vidcheck``; ``VIDCHECK_STATE_DIR`` moves it).
Knowing the rule files' bytes is not enough to forge an entry. An entry whose signature, JSON or shape is wrong is
rebuilt and overwritten, never trusted. A fresh CI runner makes a new key, so entries restored from an earlier job
are simply rebuilt (once per job); the key folder itself must never be cached or shared.

Files are created 0600 in 0700 folders. A cache or key folder that another user owns or that group or others may
write is not used, nor is a key kept inside the cache folder: the run goes on without the cache, as it does when
the cache cannot be written. ``VIDCHECK_CACHE_DIR`` moves the cache (empty: off); the default is
``$XDG_CACHE_HOME/vidcheck`` or ``~/.cache/vidcheck``.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import orjson

from . import __version__

T = TypeVar("T")

FORMAT = 1  # of an entry: signature line, then the JSON body
KEY_BYTES = 32
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # the shipped catalog takes 0.2 MB; a planted giant is not even read
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # POSIX: never read through a planted symlink
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a planted FIFO must not hang the run


@dataclass(frozen=True)
class Codec(Generic[T]):
    """A cached value as plain JSON data and back. ``dump`` raises ValueError or TypeError for a value JSON cannot
    hold exactly (it is then not cached); ``load`` raises KeyError, TypeError or ValueError for data of another
    shape."""

    dump: Callable[[T], Any]
    load: Callable[[Any], T]


def cache_dir() -> Path | None:
    configured = os.environ.get("VIDCHECK_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "vidcheck"


def key_dir() -> Path:
    """The folder of the signing key: state of this user on this machine, never part of the cache."""
    configured = os.environ.get("VIDCHECK_STATE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "vidcheck"


def cached(kind: str, key: str, build: Callable[[], T], codec: Codec[T]) -> T:
    """``build()``, or its result from an earlier run with the same ``key`` (a digest of all that it depends on)."""
    folder = cache_dir()
    secret = _secret(folder) if folder is not None and _private_folder(folder) else None
    if folder is None or secret is None:
        return build()
    identity = hashlib.sha256(f"{FORMAT}\0{__version__}\0{kind}\0{key}".encode()).hexdigest()
    entry = folder / f"{kind}-{identity[:32]}.json"
    body = _verified(_read_regular(entry, MAX_ENTRY_BYTES), secret, identity)
    if body is not None:
        try:
            return codec.load(orjson.loads(body))
        except (KeyError, TypeError, ValueError, AttributeError):  # ours, from code that wrote another shape
            pass
    value = build()
    _store(entry, value, codec, secret, identity)
    return value


def _signature(secret: bytes, identity: str, body: bytes) -> bytes:
    """Binds the body to its entry's name, so a signed entry cannot stand in for another."""
    return hmac.new(secret, identity.encode() + b"\0" + body, hashlib.sha256).hexdigest().encode()


def _verified(data: bytes | None, secret: bytes, identity: str) -> bytes | None:
    """The body of a signed entry, or None when it is missing or its signature is not ours."""
    if data is None:
        return None
    signature, _, body = data.partition(b"\n")
    return body if hmac.compare_digest(signature, _signature(secret, identity, body)) else None


def _store(entry: Path, value: T, codec: Codec[T], secret: bytes, identity: str) -> None:
    try:
        body: bytes = orjson.dumps(codec.dump(value))
    except (TypeError, ValueError):  # e.g. an integer over 64 bits: correct, just not cached
        return
    from .textfile import write_atomically  # only on a miss: the help texts read this cache at start-up

    with contextlib.suppress(OSError):  # a cache that cannot be written is skipped
        write_atomically(entry, _signature(secret, identity, body) + b"\n" + body, 0o600)


def _secret(cache_folder: Path) -> bytes | None:
    """The signing key, made on first use; None when it would not be this user's secret."""
    folder = key_dir()
    if _within(folder, cache_folder) or not _private_folder(folder):
        return None
    path = folder / "cache.key"
    if not os.path.lexists(path):
        from .textfile import write_atomically

        try:
            write_atomically(path, os.urandom(KEY_BYTES), 0o600)
        except OSError:
            return None
    secret = _read_regular(path, KEY_BYTES, private=True)
    return secret if secret is not None and len(secret) == KEY_BYTES else None


def _within(folder: Path, other: Path) -> bool:
    inner, outer = folder.resolve(), other.resolve()
    return inner == outer or outer in inner.parents


def _private_folder(folder: Path) -> bool:
    """Whether ``folder`` (made 0700 if missing) is this user's and nobody else may write into it."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and _owned(info, 0o022)


def _owned(info: os.stat_result, forbidden: int) -> bool:
    """Owned by this user and without the ``forbidden`` permission bits (Windows has neither to check)."""
    if not hasattr(os, "geteuid"):
        return True
    return info.st_uid == os.geteuid() and not info.st_mode & forbidden


def _read_regular(path: Path, limit: int, *, private: bool = False) -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes, never through a symlink; with ``private``, only
    from a file this user owns that nobody else may read. None for anything else."""
    try:
        descriptor = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except OSError:
        return None
    try:
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > limit or (private and not _owned(info, 0o077)):
                return None
            data = handle.read(limit + 1)
    except OSError:
        return None
    return data if len(data) <= limit else None
