"""Whether a site's address supports the jurisdiction it was audited under: a notice, never a finding.

Each jurisdiction file may list the ``places`` it governs as addresses write them in full (青岛市, 安徽省; ``[]`` for
national rules). A Chinese address runs from the province down (湖北省武汉市洪山区…), so the place that ends last in
the address is the narrowest one it names; the longest wins a tie.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .inventory import Site
from .jurisdictions import Catalog, Jurisdiction
from .messages import Text
from .model import Notice, Severity

BROADER = "jurisdiction-broader"  # a jurisdiction narrower than the one applied governs the address
ELSEWHERE = "jurisdiction-elsewhere"  # the jurisdiction applied governs places the address does not name
NONE_LOCAL = "jurisdiction-none-local"  # no shipped jurisdiction names the address's place: only national rules
ADDRESS = "/site/address"

# the city (or prefecture) of an address, after an optional province: 四川省成都市武侯区… → 成都市
_CITY = re.compile(r"^(?:[^市]{2,8}?(?:省|自治区))?([^省市]{2,10}?(?:市|自治州|地区|盟))")
_PROVINCE = re.compile(r"^([^市]{2,8}?(?:省|自治区))")


def place_notices(site: Site, catalog: Catalog, chosen: str, lang: str) -> tuple[Notice, ...]:
    """The notice for a site audited under ``chosen``, when its address says something about that choice."""
    if not site.address:
        return ()
    said = _placement(site.address, catalog, catalog.chain(chosen), lang)
    if said is None:
        return ()
    kind, severity, text = said
    line, column = site.document.position(ADDRESS)
    return (Notice(kind, severity, site.path, line, column, text.render(lang)),)


def _placement(address: str, catalog: Catalog, chain: Sequence[Jurisdiction],
               lang: str) -> tuple[str, Severity, Text] | None:
    applied = tuple(j.id for j in chain)
    chosen = {j.id for j in chain}
    local, place = _narrowest(address, catalog.jurisdictions.values())
    if any(j.id in chosen for j in local):  # the jurisdiction applied is this place's own, or a narrower one
        return None
    named = [p for j in chain for p in j.places or ()]
    binding = next((j for j in local if not j.draft), None)
    if named and not any(p in address for p in named):
        if binding is not None:
            return ELSEWHERE, Severity.WARNING, Text.of("jurisdiction.elsewhere.local", places=named, applied=applied,
                                                        place=place, jurisdiction=_shown(binding, lang))
        return ELSEWHERE, Severity.WARNING, Text.of("jurisdiction.elsewhere", places=named, applied=applied)
    if binding is not None:  # local rules bind the site but were not applied: findings may be missing
        return BROADER, Severity.WARNING, Text.of("jurisdiction.broader", place=place, applied=applied,
                                                  jurisdiction=_shown(binding, lang))
    if local:
        return BROADER, Severity.INFO, Text.of("jurisdiction.broader.draft", place=place, applied=applied,
                                               jurisdiction=_shown(local[0], lang))
    if all(j.places == () for j in chain):
        return NONE_LOCAL, Severity.INFO, Text.of("jurisdiction.none-local", place=_city(address), applied=applied)
    return None


def _narrowest(address: str, jurisdictions: Iterable[Jurisdiction]) -> tuple[list[Jurisdiction], str]:
    """The jurisdictions naming the narrowest place in the address (several when they name the same place), and
    that place."""
    best: tuple[int, int] = (0, 0)
    found: list[Jurisdiction] = []
    place = ""
    for jurisdiction in sorted(jurisdictions, key=lambda j: j.id):
        for name in jurisdiction.places or ():
            at = address.rfind(name)
            if at < 0:
                continue
            rank = (at + len(name), len(name))
            if rank > best:
                best, found, place = rank, [], name
            if rank == best and all(j.id != jurisdiction.id for j in found):
                found.append(jurisdiction)
    return found, place


def _shown(jurisdiction: Jurisdiction, lang: str) -> str:
    if lang == "zh":
        return f"{jurisdiction.id}（{jurisdiction.name['zh']}）"
    return f"{jurisdiction.id} ({jurisdiction.name['en']})"


def _city(address: str) -> str:
    """The city the address names, else its province, else the address itself."""
    match = _CITY.match(address) or _PROVINCE.match(address)
    return match.group(1) if match else address
