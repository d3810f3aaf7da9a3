"""Renderers: each output format is a pure function ``render(report) -> str`` in its own module.

A format whose report can be large also has ``stream(report)``, the same text in pieces (``render`` joins them), so
that writing a city's report never holds the whole of it in memory: see ``streamer``."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable

from ..model import Report

# Format name → module; imported only when asked for, so a run pays for the formats it writes.
MODULES = {"text": "text", "json": "jsonreport", "sarif": "sarif", "junit": "junit", "github": "github",
           "gitlab": "gitlab", "markdown": "markdown", "html": "html"}


def renderer(name: str) -> Callable[[Report], str]:
    render: Callable[[Report], str] = importlib.import_module(f"{__name__}.{MODULES[name]}").render
    return render


def streamer(name: str) -> Callable[[Report], Iterable[str]]:
    """The format's ``stream``, else its ``render`` as a single piece."""
    module = importlib.import_module(f"{__name__}.{MODULES[name]}")
    stream: Callable[[Report], Iterable[str]] | None = getattr(module, "stream", None)
    if stream is not None:
        return stream
    render: Callable[[Report], str] = module.render
    return lambda report: (render(report),)
