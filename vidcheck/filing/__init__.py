"""``vidcheck filing``: the particulars a managing unit files with the police (公安部规定第六条; 条例第十四条), built
from an inventory, checked whole (build raises InvalidDocument), and rendered by pure functions per format."""

from __future__ import annotations

from .build import build, particulars_of
from .model import Particulars
from .render import RENDERERS

FORMATS = tuple(RENDERERS)
LANG = "zh"  # a filing goes to a Chinese police office: in Chinese unless asked otherwise

__all__ = ["FORMATS", "LANG", "RENDERERS", "Particulars", "build", "particulars_of"]
