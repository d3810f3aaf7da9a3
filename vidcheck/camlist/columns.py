"""Which column of a camera list holds which camera field: the header row read in Chinese or English (SPEC §9),
or an explicit ``columns:`` mapping."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

# field -> the headers that name it (SPEC §9, plus the field's own name and 类型 for the filing's camera type)
HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("点位编号", "编号", "摄像机编号", "设备编号", "ID"),
    "zone": ("区域", "区域名称", "安装区域", "zone"),
    "location": ("安装位置", "位置", "点位名称", "location"),
    "installed_on": ("安装日期", "计划安装日期", "installed_on"),
    "removed_on": ("拆除日期", "removed_on"),
    "removal_filed_on": ("removal_filed_on",),
    "removal_notified_on": ("removal_notified_on",),
    "retention_days": ("存储天数", "保存天数", "retention_days"),
    "model": ("型号", "model"),
    "bitrate_kbps": ("码率", "码率(kbps)", "bitrate_kbps"),
    "type": ("摄像机类型", "设备类型", "类型", "type"),
}
FIELDS = tuple(HEADERS)
REQUIRED = ("id", "zone")
_SPACE = re.compile(r"\s+")


def normal(header: Any) -> str:
    """A header as it is compared: full-width forms folded (（）→ (), ＩＤ → ID), spaces dropped, case ignored."""
    text = unicodedata.normalize("NFKC", str(header))
    return _SPACE.sub("", text).casefold()


_KNOWN = {normal(header): field for field, headers in HEADERS.items() for header in headers}


def guess(row: Sequence[Any], explicit: Mapping[str, str]) -> dict[str, int]:
    """field -> column index for a header row: each ``explicit`` field at the column its header names, every other
    field at the first column whose header names it."""
    normals = [normal(cell) for cell in row]
    found: dict[str, int] = {}
    for field, header in explicit.items():
        wanted = normal(header)
        if wanted in normals:
            found[field] = normals.index(wanted)
    taken = set(found.values())
    for index, text in enumerate(normals):
        known = _KNOWN.get(text)
        if known is not None and known not in found and known not in explicit and index not in taken:
            found[known] = index
            taken.add(index)
    return found


def column_letters(index: int) -> str:
    """The spreadsheet name of a 0-based column index: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
