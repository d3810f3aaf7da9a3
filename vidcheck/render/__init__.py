"""Renderers: each output format is a pure function ``render(report) -> str`` in its own module."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ..model import Report

# Format name → module; imported only when asked for, so a run pays for the formats it writes.
MODULES = {"text": "text", "json": "jsonreport", "sarif": "sarif", "junit": "junit", "github": "github",
           "gitlab": "gitlab", "markdown": "markdown"}


def renderer(name: str) -> Callable[[Report], str]:
    render: Callable[[Report], str] = importlib.import_module(f"{__name__}.{MODULES[name]}").render
    return render
