"""Change filing (备案变更): what the latest filing declared has changed, and no later filing followed.

"备案事项发生变化的，应当及时办理备案变更" sets no day count, so there is no deadline: the finding says what changed
and since when, and stays until a later filing is entered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from functools import reduce

from ..changes import camera_changes
from ..inventory import Filing
from ..jurisdictions import Rule
from ..messages import Text
from ..model import Severity
from .base import SiteView, Violation, family, site_subject

LISTED = 5  # cameras named per kind of change; the rest are counted


@family("filing.change", filing__change=Severity.WARNING)
def change(view: SiteView, rule: Rule) -> Iterator[Violation]:
    """What the latest filing declared has changed since it was made, and no later filing exists.

    No parameters. The latest filing dated on or before the audit date is compared with the site on the audit
    date; a filing made before the instrument took effect is not a filing under it (the missing filing is then
    ``filing.deadline``'s finding), so nothing is compared. Changes are:

    - cameras: a camera active on the audit date that was not active on the filing date (installed after it), or
      one active on the filing date and no longer active (removed after it) whose removal was not filed
      (``removal_filed_on``, or ``removal_notified_on`` before it). The filing is presumed to declare the cameras
      active on its date; a camera installed and removed again between the two dates leaves nothing to declare.
    - ``declared_cameras`` on the filing, where given: the count it declared, less the removals filed since,
      differs from the number of active cameras (this also finds changes to undated cameras).

    A changed storage period is not listed: ``declared_retention_days`` against ``system.retention_days`` is the
    ``filing.mismatch`` family's finding, and a jurisdiction lists that rule beside this one (cn-national does), so
    one difference gives one finding. The inventory keeps no history of the period, so it cannot tell a later change
    from a filing that was wrong when made; ``filing.mismatch`` names the difference without choosing.

    One ``filing.change`` finding per site, at the latest filing, listing the changes and the first change date.
    """
    filed = [f for f in view.site.system.filings if view.has_happened(f.filed_on)]
    effective = rule.instrument.effective_on
    if not filed or (effective is not None and filed[-1].filed_on < effective):
        return
    latest = filed[-1]
    changes, dates = _camera_changes(view, latest)
    if changes:
        since = min(dates, default=None)
        message = (Text.of("filing.change", filed=latest.filed_on, since=since, changes=_joined(changes))
                   if since else Text.of("filing.change.undated", filed=latest.filed_on, changes=_joined(changes)))
        yield Violation("filing.change", site_subject(view), latest.pointer, message)


def _camera_changes(view: SiteView, latest: Filing) -> tuple[list[Text], list[dt.date]]:
    """The camera changes since the filing as message parts, and the dates they happened."""
    changes = camera_changes(view.site, latest.filed_on, view.as_of)
    installed = [(c.installed_on, c.id) for c in changes.installed if c.installed_on]
    removed = [(c.removed_on, c.id) for c in changes.unfiled_removals if c.removed_on]
    parts: list[Text] = []
    for key, changed in (("filing.change.installed", installed), ("filing.change.removed", removed)):
        if changed:
            parts.append(Text.of(key, n=len(changed), cameras=_listed(changed)))
    declared = latest.declared_cameras
    if declared is not None and changes.count_differs(declared):
        filed = len(changes.removal_filed)
        key = "filing.change.count.removals" if filed else "filing.change.count"
        parts.append(Text.of(key, declared=declared, filed=filed, actual=changes.active))
    return parts, [when for when, _ in installed + removed]


def _listed(changed: Sequence[tuple[dt.date, str]]) -> Text | list[Text]:
    shown = [Text.of("filing.change.camera", camera=camera, day=when) for when, camera in changed]
    if len(shown) <= LISTED:
        return shown
    return Text.of("filing.change.more", cameras=shown[:LISTED], more=len(shown) - LISTED)


def _joined(parts: Sequence[Text]) -> Text:
    """Kinds of change joined by a semicolon: each part may itself list cameras with commas."""
    return reduce(lambda first, rest: Text.of("filing.change.and", first=first, rest=rest), parts)
