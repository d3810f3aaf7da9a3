"""What changed in a site's cameras since a filing: shared by the ``filing.change`` check (a finding) and
``vidcheck filing`` (the 备案变更 list), so both read "changed" the same way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .inventory import Camera, Site


@dataclass(frozen=True, slots=True)
class CameraChanges:
    """The cameras that differ between a filing's date and a later day (the audit date)."""

    installed: tuple[Camera, ...]  # active on the day, not on the filing date: installed after it, by date
    removed: tuple[Camera, ...]  # active on the filing date, no longer on the day, by date (removal filed or not)
    removal_filed: frozenset[str]  # ids of ``removed`` the police were told of (filed after, or notified before)
    active: int  # cameras active on the day

    @property
    def unfiled_removals(self) -> tuple[Camera, ...]:
        return tuple(camera for camera in self.removed if camera.id not in self.removal_filed)

    def count_differs(self, declared: int | None) -> bool:
        """The count a filing declared, less the removals filed since, is not the number of active cameras."""
        return declared is not None and declared - len(self.removal_filed) != self.active


def camera_changes(site: Site, filed_on: dt.date, as_of: dt.date) -> CameraChanges:
    """The camera changes between ``filed_on`` and ``as_of``. The filing is presumed to declare the cameras active
    on its date; a camera installed and removed again between the two dates leaves nothing to declare. An undated
    camera (no ``installed_on``) was there from the start, so it is never "installed since"."""
    active = [c for c in site.cameras if c.active_on(as_of)]
    installed = sorted((c for c in active if c.installed_on and not c.active_on(filed_on)),
                       key=lambda c: (c.installed_on or dt.date.min, c.id))
    # a camera active on the filing date and gone by the day always has a removed_on on or before the day
    removed = sorted((c for c in site.cameras if c.active_on(filed_on) and not c.active_on(as_of)),
                     key=lambda c: (c.removed_on or dt.date.min, c.id))

    def told(day: dt.date | None) -> bool:
        return day is not None and day <= as_of

    filed = frozenset(c.id for c in removed if told(c.removal_filed_on) or told(c.removal_notified_on))
    return CameraChanges(tuple(installed), tuple(removed), filed, len(active))
