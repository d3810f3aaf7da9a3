"""A new inventory to fill in (``vidcheck init``): what the user chose, the zones the chosen rules require, and the
commented YAML text. Nothing here prints, prompts or writes: the CLI asks (``interview``, with a prompt function it
is given) and writes the text.

The text is valid as written (``vidcheck validate`` passes it): identity fields carry placeholders marked
``# TODO``; facts a compliance audit would believe (dates, retention, measures, operation) are left commented out,
so that an inventory nobody finished never passes an audit by its placeholders.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .checks.base import binds_categories
from .errors import UsageError
from .i18n import tr
from .jurisdictions import Catalog
from .messages import Rendered
from .names import TABLES, canonical
from .suggestions import did_you_mean, for_vocabulary
from .vocabulary import CONTROLS, OPERATOR_KINDS, with_implied

ZONE_REQUIRED = "coverage.zone-required"
FORBIDDEN_ZONE = "privacy.forbidden-zone"
DEFAULT_JURISDICTION = "cn-national"
PLACEHOLDER_CATEGORY = "other_public"
_ID = re.compile(r"[A-Za-z0-9._-]+")
# a plain scalar that cannot read as anything but text: a letter first, no ':' or '#', no space at either end
_PLAIN = re.compile(r"[A-Za-z\u4e00-\u9fff](?:[\w .\-/（）·\u4e00-\u9fff]*[\w.\-/（）·\u4e00-\u9fff])?")
_YAML_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


@dataclass(frozen=True)
class Choices:
    """What the new inventory says; None: a placeholder marked TODO."""

    jurisdiction: str = DEFAULT_JURISDICTION
    categories: tuple[str, ...] = ()  # ids; none: other_public, marked TODO
    site_id: str | None = None
    site_name: str | None = None
    operator_kind: str | None = None
    operator_name: str | None = None
    cameras_from: str | None = None  # as written in the inventory: relative to its folder
    folder: str = ""  # the folder the inventory is written to (where cameras_from is read from now)


@dataclass(frozen=True)
class ZoneNeed:
    """A zone kind (any of ``kinds``) the rules require, and the articles that require it."""

    kinds: tuple[str, ...]
    if_present: bool  # required only where the site has such a zone
    citations: tuple[tuple[str, str], ...] = field(default=())  # (jurisdiction, article)


def category_ids(names: Iterable[str]) -> tuple[str, ...]:
    """Each category as an id (a Chinese name is read as its id), in order, once; raise UsageError for an unknown
    one, with what it probably means."""
    return tuple(dict.fromkeys(vocabulary_id("category", name) for name in names))


def vocabulary_id(table: str, name: str) -> str:
    ident = canonical(table, name.strip())
    if ident is None:
        raise UsageError.of(f"vocabulary.unknown-{table}", name=name,
                            suggestion=Rendered(did_you_mean, for_vocabulary(table, name)))
    return ident


def sheet_reference(sheet: str, output: str | None) -> str:
    """``--cameras-from`` as the user typed it (relative to where they are) as the inventory must say it: relative
    to the folder the inventory is written to (``-o sub/site.yaml --cameras-from sub/点位表.csv`` -> 点位表.csv)."""
    if output is None or os.path.isabs(sheet):
        return sheet
    folder = os.path.dirname(os.path.abspath(output))
    return Path(os.path.relpath(os.path.abspath(sheet), folder)).as_posix()


def site_id_problem(text: str) -> str | None:
    return None if _ID.fullmatch(text) else f"site id '{text}' may hold only letters, digits, '.', '_' and '-'"


def default_site_id(output: str | None) -> str | None:
    """The site id offered for a new inventory: the output file's stem, when it can be an id."""
    stem = Path(output).stem if output else None
    return stem if stem and site_id_problem(stem) is None else None


def required_zones(catalog: Catalog, jurisdiction: str, categories: Iterable[str], as_of: dt.date) -> list[ZoneNeed]:
    """The zone kinds that the coverage.zone-required rules in force (the jurisdiction's and its ancestors') require
    of a site of these categories, each once, with every article that requires it; required before if-present."""
    _, rules = catalog.applicable(jurisdiction, as_of)
    bound = with_implied(frozenset(categories) or frozenset({PLACEHOLDER_CATEGORY}))
    needs: dict[tuple[str, ...], ZoneNeed] = {}
    for rule in rules:
        if rule.check != ZONE_REQUIRED or not binds_categories(rule, bound):
            continue
        for requirement in rule.params["zones"]:
            kinds = tuple(requirement["kinds"])
            cited = (rule.jurisdiction, rule.instrument.article_name(rule.article))
            earlier = needs.get(kinds, ZoneNeed(kinds, True))
            needs[kinds] = ZoneNeed(kinds, earlier.if_present and requirement.get("if_present", False),
                                    tuple(dict.fromkeys((*earlier.citations, cited))))
    return sorted(needs.values(), key=lambda need: need.if_present)


# --- the text ------------------------------------------------------------------------------------------------------

def inventory_text(choices: Choices, needs: list[ZoneNeed], catalog: Catalog, lang: str, schema_path: Path) -> str:
    """The commented inventory, in ``lang`` (comments, placeholders and zone names)."""
    return "".join(f"{line}\n" for line in _lines(choices, needs, catalog, lang, schema_path))


def _init_words(key: str, lang: str, **fields: object) -> str:
    return tr("init", key, lang).format(**fields)


def scalar(value: str) -> str:
    """A YAML scalar that reads back as this very string (quoted where a plain one would read otherwise)."""
    if _PLAIN.fullmatch(value) and value.lower() not in _YAML_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _label(table_words: tuple[str, str], lang: str) -> str:
    return table_words[0] if lang == "zh" else table_words[1]


def _lines(choices: Choices, needs: list[ZoneNeed], catalog: Catalog, lang: str, schema_path: Path) -> Iterator[str]:
    todo = "# TODO"
    jurisdiction = catalog.get(choices.jurisdiction)
    yield f"# yaml-language-server: $schema={schema_path}"
    yield f"# {_init_words('header', lang)}"
    yield "vidcheck: 1"
    yield "site:"
    yield f"  id: {scalar(choices.site_id or 'site-001')}" + \
        ("" if choices.site_id else f"  {todo} {_init_words('id', lang)}")
    name = choices.site_name or _init_words("placeholder", lang)
    yield f"  name: {scalar(name)}" + ("" if choices.site_name else f"  {todo} {_init_words('name', lang)}")
    yield f"  jurisdiction: {choices.jurisdiction}  # {jurisdiction.name[lang]}" + \
        (f" [{_init_words('draft', lang)}]" if jurisdiction.draft else "")
    yield f"  address: {scalar(_init_words('placeholder', lang))}  {todo} {_init_words('address', lang)}"
    yield "  categories:"
    if choices.categories:
        yield from (f"    - {c}  # {_label(TABLES['category'][c], lang)}" for c in choices.categories)
    else:
        yield f"    - {PLACEHOLDER_CATEGORY}  {todo} {_init_words('categories', lang)}"
    yield "  operator:"
    operator_name = choices.operator_name or _init_words("placeholder", lang)
    yield f"    name: {scalar(operator_name)}" + \
        ("" if choices.operator_name else f"  {todo} {_init_words('operator', lang)}")
    kind = choices.operator_kind or "enterprise"
    yield f"    kind: {kind}  # {_label(OPERATOR_KINDS[kind], lang)}" + \
        ("" if choices.operator_kind else f" — TODO {' | '.join(OPERATOR_KINDS)}")
    yield f"    # credit_code: 91370202MA3C12346E  {todo} {_init_words('credit_code', lang)}"
    yield f"    # business: true  {todo} {_init_words('business', lang)}"
    yield f"# {_init_words('system', lang, jurisdiction=choices.jurisdiction)}"
    yield "system:"
    for key in ("accepted_on", "in_service_on"):
        yield f"  # {key}: 2024-01-01  {todo} {_init_words(key, lang)}"
    yield f"  # retention_days: 30  {todo} {_init_words('retention_days', lang)}"
    yield f"  # operates_24x7: true  {todo} {_init_words('operates_24x7', lang)}"
    yield f"  # controls:  {todo} {_init_words('controls', lang)}"
    yield from (f"  #   {control}: true  # {_label(CONTROLS[control], lang)}" for control in CONTROLS)
    yield f"  filings: []  # {_init_words('filings', lang)}"
    sheet = _sheet_zones(choices, catalog) if choices.cameras_from is not None else None
    if sheet:
        yield from _sheet_zone_lines(sheet, needs, catalog, lang)
    else:
        yield from _zone_lines(needs, catalog, lang)
    if choices.cameras_from is not None:
        yield f"# {_init_words('cameras_from', lang)}"
        yield f"cameras_from: {scalar(choices.cameras_from)}"
    else:
        first = next((_zone_id(need) for need in needs if not need.if_present), "entrance")
        yield f"cameras: []  {todo} {_init_words('cameras', lang)}"
        yield f"#  - {{id: C-001, zone: {first}, location: {_init_words('location', lang)}, installed_on: 2024-01-01}}"


def _zone_id(need: ZoneNeed) -> str:
    return need.kinds[0].replace("_", "-")


def _zone_lines(needs: list[ZoneNeed], catalog: Catalog, lang: str) -> Iterator[str]:
    required = [need for need in needs if not need.if_present]
    if not needs:
        yield f"# {_init_words('no_zones', lang)}"
    yield f"zones:{'' if required else ' []'}  # {_init_words('zones', lang)}"
    for need in needs:
        yield from _need_lines(need, catalog, lang)


def _need_lines(need: ZoneNeed, catalog: Catalog, lang: str) -> Iterator[str]:
    """A required zone's placeholder entry (commented out where it is required only if the site has one)."""
    kinds = ("、" if lang == "zh" else ", ").join(_kind_words(k, lang) for k in need.kinds)
    cited = "; ".join(_citation(catalog, j, article, lang) for j, article in need.citations)
    key = "if_present" if need.if_present else ("any_of" if len(need.kinds) > 1 else "required")
    yield f"  # {_init_words(key, lang, kinds=kinds, articles=cited)}"
    zone = need.kinds[0]
    name = scalar(_label(TABLES["zone"][zone], lang).split("/")[0])
    mark = "#" if need.if_present else ""
    yield f"  {mark}- id: {_zone_id(need)}"
    yield f"  {mark}  name: {name}  # TODO {_init_words('zone_name', lang)}"
    yield f"  {mark}  kind: {zone}"
    yield f"  {mark}  signage: false  # TODO {_init_words('signage', lang)}"


# --- zones from a camera list --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SheetZone:
    """A zone name of the camera list, as the audit will read it: its kind inferred from the name (None: no word of
    it is known), the word read, and the articles that prohibit cameras in a zone of that kind."""

    id: str
    name: str
    kind: str | None
    word: str | None
    forbidden_by: tuple[tuple[str, str], ...] = ()


def _sheet_zones(choices: Choices, catalog: Catalog) -> list[SheetZone] | None:
    """The zones the list names, each with an id (the name itself where it is one), read from the list at the path
    given (None when it cannot be read: the audit then says why, at its line)."""
    from .camlist.zonenames import zone_names
    from .camlist.zonewords import infer_kind

    assert choices.cameras_from is not None
    names = zone_names(os.path.join(choices.folder, choices.cameras_from))
    if not names:
        return None
    categories = with_implied(frozenset(choices.categories) or frozenset({PLACEHOLDER_CATEGORY}))
    forbidden = forbidding_articles(catalog, choices.jurisdiction, categories, dt.date.today())
    taken = {name for name in names if _ID.fullmatch(name)}
    zones: list[SheetZone] = []
    for name in names:
        inferred = infer_kind(name, categories)
        kind, word = inferred if inferred is not None else (None, None)
        ident = name if _ID.fullmatch(name) else _free_id((kind or "zone").replace("_", "-"), taken)
        taken.add(ident)
        zones.append(SheetZone(ident, name, kind, word, forbidden.get(kind or "", ())))
    return zones


def _free_id(stem: str, taken: set[str]) -> str:
    if stem not in taken:
        return stem
    return next(f"{stem}-{n}" for n in range(2, len(taken) + 3) if f"{stem}-{n}" not in taken)


def forbidding_articles(catalog: Catalog, jurisdiction: str, categories: frozenset[str],
                        as_of: dt.date) -> dict[str, tuple[tuple[str, str], ...]]:
    """zone kind -> (jurisdiction, article) of every privacy.forbidden-zone rule in force that prohibits it here."""
    _, rules = catalog.applicable(jurisdiction, as_of)
    found: dict[str, tuple[tuple[str, str], ...]] = {}
    for rule in rules:
        if rule.check != FORBIDDEN_ZONE or not binds_categories(rule, categories):
            continue
        cited = (rule.jurisdiction, rule.instrument.article_name(rule.article))
        for kind in rule.params["zone_kinds"]:
            found[kind] = tuple(dict.fromkeys((*found.get(kind, ()), cited)))
    return found


def _sheet_zone_lines(sheet: list[SheetZone], needs: list[ZoneNeed], catalog: Catalog, lang: str) -> Iterator[str]:
    """Every zone of the list, its inferred kind to confirm and its signage to answer (false until a person says
    so: an unanswered question never passes an audit); then the required zones the list does not cover."""
    sep = "、" if lang == "zh" else ", "
    covered = {zone.kind for zone in sheet if zone.kind is not None and not zone.forbidden_by}
    entries = any(zone.kind is not None for zone in sheet) or any(
        not need.if_present and not covered & set(need.kinds) for need in needs)
    yield f"zones:{'' if entries else ' []'}  # {_init_words('zones', lang)}"  # only comments: an empty list
    yield f"  # {_init_words('sheet_zones', lang)}"
    for zone in sheet:
        if zone.kind is None:
            yield f"  # TODO {_init_words('sheet_unknown', lang, name=zone.name)}"
            yield f"  #- id: {scalar(zone.id)}"
            yield f"  #  name: {scalar(zone.name)}"
            yield "  #  kind: other"
            yield "  #  signage: false"
            continue
        yield f"  - id: {scalar(zone.id)}"
        yield f"    name: {scalar(zone.name)}"
        kind_words = _kind_words(zone.kind, lang)
        if zone.forbidden_by:
            cited = "; ".join(_citation(catalog, j, article, lang) for j, article in zone.forbidden_by)
            yield f"    kind: {zone.kind}  # {_init_words('sheet_forbidden', lang, kind=kind_words, articles=cited)}"
            continue
        yield f"    kind: {zone.kind}  # TODO {_init_words('sheet_kind', lang, word=zone.word, kind=kind_words)}"
        yield f"    signage: false  # TODO {_init_words('sheet_signage', lang)}"
    for need in needs:
        covering = [zone.name for zone in sheet if zone.kind in need.kinds and not zone.forbidden_by]
        kinds = sep.join(_kind_words(k, lang) for k in need.kinds)
        cited = "; ".join(_citation(catalog, j, article, lang) for j, article in need.citations)
        if covering:
            yield f"  # {_init_words('sheet_covers', lang, kinds=kinds, articles=cited, names=sep.join(covering))}"
        elif not need.if_present:
            yield from _need_lines(need, catalog, lang)


def _kind_words(kind: str, lang: str) -> str:
    """``public_area (public area)``, ``entrance 出入口``; the id alone where the words only repeat it."""
    words = _label(TABLES["zone"][kind], lang)
    if words.replace(" ", "_") == kind:
        return kind
    return f"{kind}（{words}）" if lang == "zh" else f"{kind} ({words})"


def _citation(catalog: Catalog, jurisdiction: str, article: str, lang: str) -> str:
    return f"{catalog.jurisdictions[jurisdiction].name[lang]} {article}"


# --- the questions -------------------------------------------------------------------------------------------------

Ask = Callable[[str, "str | None"], str]  # (question, default) -> answer
Tell = Callable[[str], None]


def interview(ask: Ask, tell: Tell, catalog: Catalog, given: Choices, lang: str, default_id: str | None) -> Choices:
    """Ask for what the flags did not give, each answer checked until it is usable (a wrong one is told why, with
    a suggestion); an empty answer keeps the default, or leaves a placeholder."""
    def until_valid(question: str, default: str | None, read: Callable[[str], Choices]) -> Choices:
        while True:
            answer = ask(_init_words(question, lang), default).strip()
            try:
                return read(answer)
            except UsageError as exc:
                tell(exc.render(lang))  # the person is answering in this language

    def jurisdiction(answer: str) -> Choices:
        catalog.get(answer)
        return replace(given, jurisdiction=answer)

    given = until_valid("ask_jurisdiction", given.jurisdiction, jurisdiction)
    default_categories = " ".join(given.categories) or None
    given = until_valid("ask_categories", default_categories,
                        lambda answer: replace(given, categories=category_ids(re.split(r"[\s,，、]+", answer))
                                               if answer else ()))

    def site_id(answer: str) -> Choices:
        if answer and site_id_problem(answer):
            raise UsageError.of("init.site-id", id=answer)
        return replace(given, site_id=answer or None)

    given = until_valid("ask_site_id", default_id, site_id)
    given = replace(given, site_name=ask(_init_words("ask_site_name", lang), "").strip() or None)
    given = until_valid("ask_operator_kind", "enterprise",
                        lambda answer: replace(given, operator_kind=vocabulary_id("operator", answer or "enterprise")))
    return replace(given, operator_name=ask(_init_words("ask_operator_name", lang), "").strip() or None)
