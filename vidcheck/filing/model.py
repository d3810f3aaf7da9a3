"""The particulars of a 备案 (公安部规定第六条; 条例第十四条) as frozen data: built once, checked whole, then rendered
by pure functions. Everything here is language-neutral (ids and the site's own words); labels come at rendering."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unit:
    """公共安全视频系统管理单位基本信息: 单位名称、类型、统一社会信用代码."""

    name: str
    kind: str  # operator kind id (government, enterprise, ...)
    credit_code: str | None  # None only for an individual, who has no 统一社会信用代码


@dataclass(frozen=True, slots=True)
class CameraEntry:
    """One 图像采集设备 as filed: where it is (zone and location) and what it is (type and model)."""

    id: str
    zone_id: str
    zone_name: str | None
    zone_kind: str  # zone kind id (entrance, lobby, ...)
    location: str | None
    type: str  # 类型/功能类型, in the site's words
    model: str | None
    retention_days: int  # effective: the camera's own, else the system's
    installed_on: dt.date | None


@dataclass(frozen=True, slots=True)
class TypeCount:
    type: str
    count: int


@dataclass(frozen=True, slots=True)
class EarlierFiling:
    """The latest filing made on or before the filing date: what a 备案变更 is measured against."""

    filed_on: dt.date
    authority: str | None
    reference: str | None
    declared_retention_days: int | None
    declared_cameras: int | None


@dataclass(frozen=True, slots=True)
class CameraChange:
    camera: str
    day: dt.date | None  # installed_on or removed_on
    removal_filed: bool = False  # a removal the police were already told of


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed since the earlier filing (备案事项发生变化)."""

    since: EarlierFiling
    installed: tuple[CameraChange, ...]
    removed: tuple[CameraChange, ...]
    retention: tuple[int, int] | None  # (declared, now) when they differ
    count: tuple[int, int] | None  # (declared_cameras, active now) when declared and different

    @property
    def any(self) -> bool:
        return bool(self.installed or self.removed or self.retention or self.count)


@dataclass(frozen=True, slots=True)
class Particulars:
    """Everything a filing states, complete and checked (build() refuses an incomplete one)."""

    path: str
    as_of: dt.date
    site_id: str
    site_name: str
    categories: tuple[str, ...]
    unit: Unit
    location: str  # 系统建设位置: the site's address
    in_service_on: dt.date | None
    retention_days: int | None  # the system's default period; cameras may keep longer (CameraEntry)
    incident_retention_days: int | None
    cameras: tuple[CameraEntry, ...]  # the cameras active on as_of
    counts: tuple[TypeCount, ...]  # by type, most numerous first
    authority: str | None  # the police authority of the earlier filing, when known
    changes: Changes | None  # None: no earlier filing (a first filing)

    @property
    def retention_range(self) -> tuple[int, int]:
        """Shortest and longest effective retention over the cameras."""
        days = [camera.retention_days for camera in self.cameras]
        return min(days), max(days)
