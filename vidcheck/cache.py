"""An on-disk cache for work that depends only on file contents: the validated jurisdiction catalog.

Every run starts by reading and validating the rule data; a CI job runs vidcheck many times on unchanged rule
files, so the result is kept, keyed by a hash of vidcheck's version and every source file's path and bytes.
A changed byte is a new key; an unreadable or stale entry is rebuilt; a cache that cannot be written is skipped.
``VIDCHECK_CACHE_DIR`` moves it (empty: off); the default is ``$XDG_CACHE_HOME/vidcheck`` or ``~/.cache/vidcheck``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from . import __version__
from .textfile import write_atomically

T = TypeVar("T")


def cache_dir() -> Path | None:
    configured = os.environ.get("VIDCHECK_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "vidcheck"


def cached(kind: str, sources: Sequence[Path], build: Callable[[], T]) -> T:
    """``build()``, or its result from an earlier run with byte-identical ``sources``."""
    folder = cache_dir()
    if folder is None:
        return build()
    digest = hashlib.sha256(f"{__version__}\0{sys.version}".encode())
    try:
        for source in sources:
            digest.update(f"\0{source}\0".encode())
            digest.update(source.read_bytes())
    except OSError:  # let the real loader report the unreadable file, with its position
        return build()
    entry = folder / f"{kind}-{digest.hexdigest()[:32]}.pickle"
    try:
        value: T = pickle.loads(entry.read_bytes())
        return value
    except Exception:  # missing, truncated or from an incompatible run: rebuild
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(entry, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
    return value
