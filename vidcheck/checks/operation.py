"""Operation: systems that must run without interruption."""

from __future__ import annotations

from collections.abc import Iterator

from ..jurisdictions import Rule
from ..messages import Text
from ..model import Severity
from .base import SiteView, Violation, family, site_subject


@family("operation.continuous", operation__continuous=Severity.ERROR)
def continuous(view: SiteView, rule: Rule) -> Iterator[Violation]:
    """``system.operates_24x7`` is ``false`` where the instrument requires continuous operation.

    No parameters. An undeclared value is not reported: the inventory does not say the system stops.
    """
    if view.site.system.operates_24x7 is False:
        yield Violation("operation.continuous", site_subject(view), "/system/operates_24x7",
                        Text.of("operation.continuous"))
