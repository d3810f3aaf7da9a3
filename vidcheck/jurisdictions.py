"""Jurisdiction rule data: loading, validation with positions, and which rules apply on a given day."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .cache import cached
from .dates import DateFormError, parse_date
from .errors import InvalidDocument, LocatedError, UsageError
from .escape import quoted
from .messages import Rendered, Text
from .model import Citation, Fine, Penalty, RuleFile, Severity, Words
from .resources import data_dir
from .rulecheck import QuoteCheck, check_quotes, refuse_other_file
from .schemaerrors import load_checked, read_mapping
from .textfile import decode, read_bytes
from .yamlsource import Document

# Keys of a rule record that are not parameters of its check family.
_RULE_META = {"id", "check", "instrument", "article", "quote", "also_cites", "preexisting_cites", "extension_cites",
              "severity", "waivable", "categories", "penalty", "note"}
INSTALLER = "installer.unauthorized"
_INSTALLER_ONLY = {"outside_premises", "public_only"}
RULE_SUFFIXES = (".yaml", ".yml")  # compared case-insensitively: a rule file named X.YAML is not skipped
SHAPE = Text.error("shape.jurisdiction")


@dataclass(frozen=True)
class Instrument:
    key: str
    title: str
    number: str
    effective_on: dt.date | None
    repealed_on: dt.date | None
    draft: bool
    source: str  # file name of the text its quotes come from (shipped: in the data folder 'sources')
    sector: bool = False  # a law of another field, layered in by category: tables name it beside its articles
    note: Words | None = None  # what is known of its text and dates (e.g. an unverified order number)

    def in_force(self, as_of: dt.date, chosen: bool) -> bool:
        if self.draft:
            return chosen and (self.effective_on is None or self.effective_on <= as_of)
        started = self.effective_on is not None and self.effective_on <= as_of
        return started and (self.repealed_on is None or as_of < self.repealed_on)

    @property
    def citation_name(self) -> str:
        return f"{self.title}（{self.number}）"

    def article_name(self, article: str) -> str:
        """An article as tables show it: a sector law's articles carry its title, the main instrument's do not."""
        return f"《{self.title}》{article}" if self.sector else article


@dataclass(frozen=True)
class Rule:
    jurisdiction: str
    id: str
    check: str
    instrument: Instrument
    citations: tuple[Citation, ...]
    preexisting_citations: tuple[Citation, ...]  # added only where a finding concerns a pre-existing system
    extension_citations: tuple[Citation, ...]  # added only where a deadline moved past a 法定休假日
    penalty: Penalty | None
    severity: Severity | None
    waivable: bool
    categories: frozenset[str] | None
    note: Words | None
    params: Mapping[str, Any]
    pointer: str

    @property
    def article(self) -> str:
        return self.citations[0].article


@dataclass(frozen=True)
class Jurisdiction:
    id: str
    name: Mapping[str, str]
    parent: str | None
    notes: tuple[Words, ...]
    instruments: Mapping[str, Instrument]
    rules: tuple[Rule, ...]
    path: str
    # the places whose addresses it governs (青岛市); () for none in particular (national), None: not said
    places: tuple[str, ...] | None = None

    @property
    def draft(self) -> bool:
        return any(instrument.draft for instrument in self.instruments.values())


@dataclass(frozen=True)
class Catalog:
    jurisdictions: Mapping[str, Jurisdiction] = field(default_factory=dict)
    external_files: tuple[RuleFile, ...] = ()  # the rule files from outside the package, as every report names them
    quotes: QuoteCheck = field(default_factory=QuoteCheck)  # their quotes against their texts: never cached

    def get(self, ident: str) -> Jurisdiction:
        try:
            return self.jurisdictions[ident]
        except KeyError:
            raise UsageError.of("jurisdiction.unknown", id=quoted(ident), known=", ".join(sorted(self.jurisdictions)),
                                suggestion=Rendered(self.suggestion, ident)) from None

    def suggestion(self, ident: str, lang: str | None = None) -> str:
        """`` — did you mean 'cn-guangzhou'?`` for a misspelt id or a place's name (广州, Guangzhou), else ''."""
        from .suggestions import among, did_you_mean

        names = {name: j.id for j in self.jurisdictions.values()
                 for name in (*j.name.values(), j.id.removeprefix("cn-"))}
        labels = {j.id: (j.name["zh"], j.name["en"]) for j in self.jurisdictions.values()}
        return did_you_mean(among(ident, self.jurisdictions, names, labels), lang)

    def chain(self, ident: str) -> tuple[Jurisdiction, ...]:
        """The jurisdiction and its ancestors, nearest first."""
        chain = [self.get(ident)]
        while chain[-1].parent is not None:
            chain.append(self.jurisdictions[chain[-1].parent])
        return tuple(chain)

    def applicable(self, ident: str, as_of: dt.date) -> tuple[tuple[Jurisdiction, ...], tuple[Rule, ...]]:
        """Jurisdictions with a rule in force on ``as_of``, and those rules; drafts only if chosen."""
        applied, rules = [], []
        for jurisdiction in self.chain(ident):
            chosen = jurisdiction.id == ident
            in_force = [r for r in jurisdiction.rules if r.instrument.in_force(as_of, chosen)]
            if in_force:  # not merely an instrument that is only cited (the 民法典's counting of periods)
                applied.append(jurisdiction)
            rules.extend(in_force)
        return tuple(applied), tuple(rules)


@dataclass(frozen=True)
class _RuleSource:
    """A rule file's bytes, read once: what is hashed for the cache and the report is exactly what is parsed."""

    path: str
    data: bytes
    sha256: str
    shipped: bool

    @classmethod
    def read(cls, path: Path, *, shipped: bool) -> _RuleSource:
        data = read_bytes(str(path))
        return cls(str(path), data, hashlib.sha256(data).hexdigest(), shipped)


def load_catalog(extra_dirs: Iterable[str] = ()) -> Catalog:
    """The shipped jurisdictions plus those in ``extra_dirs``, which may add jurisdictions but never replace one."""
    from . import catalogcodec  # it needs this module's classes

    sources = [_RuleSource.read(path, shipped=True) for path in _rule_files(data_dir("jurisdictions"))]
    for folder in extra_dirs:
        if not Path(folder).is_dir():
            raise UsageError.of("rules-dir.missing", folder=quoted(folder))
        sources += [_RuleSource.read(path, shipped=False) for path in _rule_files(Path(folder))]
    key = hashlib.sha256("".join(f"{s.shipped:d}\0{s.path}\0{s.sha256}\0" for s in sources).encode())
    # the schema and code that turn rule files into a catalog: a change to either is a new entry, even in a checkout
    for reader in (data_dir("schemas") / "jurisdiction.schema.json", Path(__file__), Path(catalogcodec.__file__)):
        key.update(hashlib.sha256(reader.read_bytes()).digest())
    catalog = cached("catalog", key.hexdigest(), lambda: _build_catalog(sources), catalogcodec.CATALOG)
    return _quotes_checked(catalog, [source for source in sources if not source.shipped])


def _quotes_checked(catalog: Catalog, external: Sequence[_RuleSource]) -> Catalog:
    """The catalog once every quote of the outside files is found in its text (raises MisquotedRules otherwise).
    Done on every run, never cached: the texts are not part of the cache key, and may appear or change."""
    if not external:
        return catalog
    return replace(catalog, quotes=check_quotes([(s.path, decode(s.data, s.path)) for s in external]))


def _rule_files(folder: Path) -> list[Path]:
    try:
        return sorted(path for path in folder.iterdir() if path.suffix.lower() in RULE_SUFFIXES)
    except OSError as exc:
        raise UsageError.of("rules-dir.unreadable", folder=quoted(str(folder)), reason=exc.strerror) from None


def _build_catalog(sources: Sequence[_RuleSource]) -> Catalog:
    found: dict[str, Jurisdiction] = {}
    documents: dict[str, Document] = {}
    shipped: set[str] = set()
    for source in sources:
        document = _read_rule_file(source)
        if not source.shipped:
            _refuse_taken_id(document, found, shipped)
        jurisdiction = _Reader(document).jurisdiction()
        found[jurisdiction.id], documents[jurisdiction.id] = jurisdiction, document
        if source.shipped:
            shipped.add(jurisdiction.id)
    _check_parents(found, documents)
    return Catalog(found, tuple(RuleFile(s.path, s.sha256) for s in sources if not s.shipped))


def _read_rule_file(source: _RuleSource) -> Document:
    text = decode(source.data, source.path)
    try:
        return load_checked(source.path, "jurisdiction", SHAPE, text=text)
    except InvalidDocument:
        if not source.shipped:  # an inventory dropped into a rules folder: say what it looks like
            refuse_other_file(read_mapping(source.path, SHAPE, text=text))
        raise


def _refuse_taken_id(document: Document, found: Mapping[str, Jurisdiction], shipped: set[str]) -> None:
    """A rules folder adds jurisdictions: it may not replace a shipped one, nor give one id twice."""
    ident = document.data["id"]
    if ident in shipped:
        message = Text.error("jurisdiction.shipped-id", id=quoted(ident), parent=f"parent: {ident}")
    elif ident in found:
        message = Text.error("jurisdiction.taken-id", id=quoted(ident), path=found[ident].path)
    else:
        return
    raise _at(document, "/id", message, key=True)


def _check_parents(found: Mapping[str, Jurisdiction], documents: Mapping[str, Document]) -> None:
    for jurisdiction in found.values():
        seen = [jurisdiction.id]
        current = jurisdiction
        while current.parent is not None:
            if current.parent not in found:
                raise _at(documents[current.id], "/parent",
                          Text.error("jurisdiction.unknown-parent", parent=quoted(current.parent)))
            if current.parent in seen:
                raise _at(documents[current.id], "/parent",
                          Text.error("jurisdiction.parent-cycle", cycle=" -> ".join([*seen, current.parent])))
            seen.append(current.parent)
            current = found[current.parent]


def _at(document: Document, pointer: str, message: Text, *, key: bool = False) -> LocatedError:
    line, column = document.position(pointer, key=key)
    return LocatedError(document.path, line, column, message, pointer)


class _Reader:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.data: dict[str, Any] = document.data

    def fail(self, pointer: str, message: Text) -> LocatedError:
        return _at(self.document, pointer, message)

    def date(self, value: str | None, pointer: str) -> dt.date | None:
        if value is None:
            return None
        try:
            return parse_date(value)
        except DateFormError as exc:
            raise self.fail(pointer, exc.text) from None

    def jurisdiction(self) -> Jurisdiction:
        data = self.data
        if Path(self.document.path).stem != data["id"]:
            raise self.fail("/id", Text.error("jurisdiction.id-file", id=quoted(data["id"]),
                                              stem=quoted(Path(self.document.path).stem)))
        instruments = {key: self.instrument(key, raw) for key, raw in data["instruments"].items()}
        penalties = {key: self.penalty(key, raw, instruments) for key, raw in (data.get("penalties") or {}).items()}
        rules = tuple(self.rule(i, raw, instruments, penalties) for i, raw in enumerate(data["rules"]))
        seen: set[str] = set()
        for index, rule in enumerate(rules):
            if rule.id in seen:
                raise self.fail(f"/rules/{index}/id", Text.error("jurisdiction.duplicate-rule", id=quoted(rule.id)))
            seen.add(rule.id)
        places = data.get("places")
        notes = tuple(Words.of(note) for note in data.get("notes") or ())
        return Jurisdiction(data["id"], data["name"], data.get("parent"), notes, instruments, rules,
                            self.document.path, None if places is None else tuple(places))

    def instrument(self, key: str, raw: Mapping[str, Any]) -> Instrument:
        pointer = f"/instruments/{key}"
        effective = self.date(raw.get("effective_on"), f"{pointer}/effective_on")
        if effective is None and not raw.get("draft", False):
            raise self.fail(f"{pointer}/effective_on", Text.error("jurisdiction.no-effective"))
        return Instrument(key, raw["title"], raw["number"], effective,
                          self.date(raw.get("repealed_on"), f"{pointer}/repealed_on"), raw.get("draft", False),
                          raw["source"], raw.get("sector", False), Words.maybe(raw.get("note")))

    def instrument_ref(self, key: str, instruments: Mapping[str, Instrument], pointer: str) -> Instrument:
        if key not in instruments:
            raise self.fail(pointer, Text.error("jurisdiction.unknown-instrument", key=quoted(key)))
        return instruments[key]

    def citation(self, raw: Mapping[str, Any], instruments: Mapping[str, Instrument], pointer: str) -> Citation:
        instrument = self.instrument_ref(raw["instrument"], instruments, f"{pointer}/instrument")
        return Citation(self.data["id"], instrument.citation_name, raw["article"], raw["quote"], instrument.draft)

    def penalty(self, key: str, raw: Mapping[str, Any], instruments: Mapping[str, Instrument]) -> Penalty:
        cited = self.citation(raw, instruments, f"/penalties/{key}")
        fines = tuple(Fine(f["party"], f.get("min"), f.get("max"), f.get("business"), Words.maybe(f.get("condition")),
                           Words.maybe(f.get("who"))) for f in raw.get("fines", ()))
        for index, fine in enumerate(fines):
            if fine.min is not None and fine.max is not None and fine.min > fine.max:
                raise self.fail(f"/penalties/{key}/fines/{index}", Text.error("jurisdiction.fine-range"))
        return Penalty(cited.jurisdiction, cited.instrument, cited.article, cited.quote,
                       tuple(Words.of(o) for o in raw.get("orders", ())), Words.maybe(raw.get("condition")), fines,
                       Words.maybe(raw.get("refers_to")), Words.maybe(raw.get("note")))

    def installer_target(self, raw: Mapping[str, Any], pointer: str) -> None:
        """An installer rule bars either zone kinds or the zones outside the premises; no other rule takes the
        latter (the schema cannot say this in words a rule author reads)."""
        if raw["check"] != INSTALLER:
            for key in _INSTALLER_ONLY & raw.keys():
                raise _at(self.document, f"{pointer}/{key}",
                          Text.error("jurisdiction.installer-only", check=INSTALLER, key=quoted(key)), key=True)
        elif ("zone_kinds" in raw) == ("outside_premises" in raw):
            raise self.fail(pointer, Text.error("jurisdiction.installer-target", check=INSTALLER))

    def rule(self, index: int, raw: Mapping[str, Any], instruments: Mapping[str, Instrument],
             penalties: Mapping[str, Penalty]) -> Rule:
        pointer = f"/rules/{index}"
        instrument = self.instrument_ref(raw["instrument"], instruments, f"{pointer}/instrument")
        citations = (self.citation(raw, instruments, pointer),
                     *(self.citation(c, instruments, f"{pointer}/also_cites/{i}")
                       for i, c in enumerate(raw.get("also_cites", ()))))
        preexisting, extension = (tuple(self.citation(c, instruments, f"{pointer}/{key}/{i}")
                                        for i, c in enumerate(raw.get(key, ())))
                                  for key in ("preexisting_cites", "extension_cites"))
        penalty_key = raw.get("penalty")
        if penalty_key is not None and penalty_key not in penalties:
            raise self.fail(f"{pointer}/penalty", Text.error("jurisdiction.unknown-penalty", key=quoted(penalty_key)))
        self.installer_target(raw, pointer)
        categories = raw.get("categories")
        return Rule(
            jurisdiction=self.data["id"], id=raw["id"], check=raw["check"], instrument=instrument,
            citations=citations, preexisting_citations=preexisting, extension_citations=extension,
            penalty=penalties[penalty_key] if penalty_key else None,
            severity=Severity.parse(raw["severity"]) if "severity" in raw else None,
            waivable=raw.get("waivable", True), categories=frozenset(categories) if categories else None,
            note=Words.maybe(raw.get("note")), params={k: v for k, v in raw.items() if k not in _RULE_META},
            pointer=pointer,
        )
