"""Values `vidcheck init` wrote for a person to replace (``待填写``, ``to be filled in``) and that are still there.
They decide no finding, so an audit would pass them in silence: each is a notice at its line instead."""

from __future__ import annotations

from .i18n import tr
from .inventory import Site
from .messages import Text
from .model import Notice, Severity

PLACEHOLDER_LEFT = "placeholder-left"


def placeholder_words() -> frozenset[str]:
    """The placeholder init writes, in every language it writes in."""
    return frozenset(tr("init", "placeholder", lang) for lang in ("zh", "en"))


def placeholder_notices(site: Site, lang: str) -> tuple[Notice, ...]:
    words = placeholder_words()
    values = {("/site/name", "site.name"): site.name, ("/site/address", "site.address"): site.address,
              ("/site/operator/name", "site.operator.name"): site.operator.name if site.operator else None}
    notices = []
    for (pointer, field), value in values.items():
        if value is not None and value.strip() in words:
            line, column = site.document.position(pointer)
            notices.append(Notice(PLACEHOLDER_LEFT, Severity.WARNING, site.path, line, column,
                                  Text.of("placeholder.left", field=field, value=value.strip()).render(lang)))
    return tuple(notices)
