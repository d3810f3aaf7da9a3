"""Frozen result types shared by the library core and the renderers.

Everything a renderer needs is in a :class:`Report`; renderers never re-filter or recompute it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import IntEnum
from typing import Protocol

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Severity(IntEnum):
    """Ordered so that ``max()`` picks the most serious."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


def digest(*parts: object, length: int = 16) -> str:
    """A stable hexadecimal identity for a sequence of values (fingerprints for baselines and CI tools)."""
    text = "\x1f".join(str(part) for part in parts)
    # surrogateescape: a file name's undecodable bytes (os.fsdecode's lone surrogates) hash as those bytes
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:length]


def fingerprint(rule: str, site: str, subject: Subject, key: str = "") -> str:
    """Stable identity of a finding across edits: rule + site + subject (+ key), never its line."""
    return digest(rule, site, subject.type, subject.id, key)


@dataclass(frozen=True, slots=True)
class Location:
    path: str
    line: int  # 1-based
    column: int  # 1-based
    pointer: str  # JSON pointer into the inventory

    def __str__(self) -> str:
        """``path:line:column``, the form editors and CI logs jump to."""
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Subject:
    type: str  # site | zone | camera
    id: str
    # where a camera is (free text, e.g. 一层正门入口): shown to people, never part of the subject's identity
    location: str | None = field(default=None, compare=False)

    @property
    def ref(self) -> str:
        """``type:id``, as waivers, baselines and reports write a subject."""
        return f"{self.type}:{self.id}"

    @property
    def where(self) -> str:
        """The location in parentheses, as it follows the id for people: （一层正门入口）; empty when none."""
        return f"（{self.location}）" if self.location else ""

    @property
    def shown(self) -> str:
        """``ref`` with the location: how human formats name a subject."""
        return self.ref + self.where

    @classmethod
    def parse(cls, ref: str) -> Subject:
        kind, ident = ref.split(":", 1)
        return cls(kind, ident)


@dataclass(frozen=True, slots=True)
class Citation:
    jurisdiction: str
    instrument: str
    article: str
    quote: str
    draft: bool = False


@dataclass(frozen=True, slots=True)
class Words:
    """Words for people that rule data gives (a note, a penalty's order or condition): one text per language.
    A third-party rules folder may give a plain string, which is then shown as written in both languages."""

    zh: str
    en: str

    def in_(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    @classmethod
    def of(cls, raw: str | Mapping[str, str]) -> Words:
        return cls(raw, raw) if isinstance(raw, str) else cls(raw["zh"], raw["en"])

    @classmethod
    def maybe(cls, raw: str | Mapping[str, str] | None) -> Words | None:
        return None if raw is None else cls.of(raw)


@dataclass(frozen=True, slots=True)
class Fine:
    party: str  # unit | individual | persons | any
    min: int | None = None
    max: int | None = None
    business: bool | None = None
    condition: Words | None = None  # when this fine applies: 有违法所得的, 逾期不改正的 (the text's words in zh)
    who: Words | None = None  # whom the text names, where it words a party otherwise (单位负责人或直接责任人)


@dataclass(frozen=True, slots=True)
class Penalty:
    jurisdiction: str
    instrument: str
    article: str
    quote: str
    orders: tuple[Words, ...] = ()
    condition: Words | None = None  # when every fine applies (each fine may add its own condition)
    fines: tuple[Fine, ...] = ()
    refers_to: Words | None = None
    note: Words | None = field(default=None, compare=False)  # the reading of the penalty: shown, never compared


@dataclass(frozen=True, slots=True)
class Waiver:
    """An approved, dated exception for one finding (rule + site + subject), written in a reviewable file."""

    rule: str
    site: str
    subject: Subject
    justification: str
    approved_by: str
    expires: dt.date  # inclusive: the waiver still holds on this day
    location: Location  # where the waiver is written

    def holds_on(self, day: dt.date) -> bool:
        return day <= self.expires


@dataclass(frozen=True, slots=True)
class Deadline:
    """The last day of a period, moved past a 法定休假日 (民法典第二百零三条) when it ends on one."""

    due: dt.date  # after the extension
    unextended: dt.date  # the period's own last day
    unknown_year: int | None = None  # a year whose holiday schedule is unknown: only weekends counted there

    @property
    def extended_by(self) -> int:
        return (self.due - self.unextended).days

    @property
    def schedule_known(self) -> bool:
        return self.unknown_year is None

    @property
    def noted(self) -> bool:
        """Whether findings must show how the deadline was counted: it moved, or a year's schedule is unknown."""
        return self.extended_by > 0 or not self.schedule_known


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    subject: Subject
    location: Location
    message: str
    citations: tuple[Citation, ...]
    penalties: tuple[Penalty, ...] = ()
    waivable: bool = True
    key: str = ""  # separates distinct problems of one rule on one subject (e.g. the missing zone kinds)
    waiver: Waiver | None = None  # set when an unexpired waiver covers it: shown, but not counted
    deadline: Deadline | None = None  # the deadline the finding is about, with its holiday extension
    hint: str = ""  # one line on how to fix it (which field to change, which date to add), in the report's language

    @property
    def draft(self) -> bool:
        return any(c.draft for c in self.citations)


@dataclass(frozen=True, slots=True)
class InputError:
    """A located problem that stops a file from being evaluated (exit 2).

    Built with words to render in the language of the run (``messages.Text.error(key, **fields)``, kept in
    ``words``); ``message`` is then their English, for logs and code that compares messages. A Report holds its
    errors rendered in the report's language (``rendered``), which renderers print as they are."""

    path: str
    line: int
    column: int
    message: str | Renderable
    pointer: str | None = None
    unreadable: bool = False  # the file could not be read at all (validate exits 2, not 1)
    words: Renderable | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.message, str):
            object.__setattr__(self, "words", self.message)
            object.__setattr__(self, "message", self.message.render("en"))

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        return str(self.message) if self.words is None else self.words.render(lang)

    def line_in(self, lang: str) -> str:
        """The one line every error is shown as, so editors and CI logs can jump to it."""
        return f"{self.path}:{self.line}:{self.column}: {self.text(lang)}"

    def rendered(self, lang: str) -> InputError:
        """This error with its message rendered in ``lang`` (as a Report holds it)."""
        return replace(self, message=self.text(lang), words=None)

    def __str__(self) -> str:
        return self.line_in("en")


class Renderable(Protocol):
    """Words rendered later in a language (``messages.Text``; model does not import messages)."""

    def render(self, lang: str) -> str: ...


@dataclass(frozen=True, slots=True)
class Notice:
    """A problem with a waiver or baseline entry, a rules-folder quote that could not be checked, or a jurisdiction
    the site's address does not support: reported, but it never stops the audit."""

    # waiver-expired | waiver-invalid | waiver-not-waivable | waiver-unused | waiver-duplicate | baseline-unused |
    # quote-unverifiable (rulecheck: the instrument's text is missing, so the quote was not compared) |
    # jurisdiction-broader | jurisdiction-elsewhere | jurisdiction-none-local (places: what the site's address says
    # of the jurisdiction applied) | zone-inferred | placeholder-left (a value `vidcheck init` wrote, left in)
    kind: str
    severity: Severity
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.kind}: {self.message}"


@dataclass(frozen=True, slots=True)
class SiteReport:
    path: str
    site: str
    name: str
    jurisdictions: tuple[str, ...]
    drafts: tuple[str, ...]
    findings: tuple[Finding, ...]
    plan: bool = False  # the inventory holds dates after the audit date
    id_at: tuple[int, int] = (1, 1)  # line and column of site.id, where a second site with this id is blamed
    notices: tuple[Notice, ...] = ()  # about the site's choice of jurisdiction (vidcheck/places.py)
    as_of: dt.date | None = None  # this site's audit date (with --as-of planned, each inventory has its own)
    as_of_planned: bool = False  # as_of is the day after the latest date of the inventory (--as-of planned)
    address: str | None = None  # the inventory's site.address, as written
    operator_kind: str | None = None  # operator.kind: which parties' fines can fall on the operator (summary.py)
    business: bool | None = None  # operator.business: which of the business / non-business fines apply

    def fingerprint(self, finding: Finding) -> str:
        return fingerprint(finding.rule, self.site, finding.subject, finding.key)


@dataclass(frozen=True, slots=True)
class RuleFile:
    """A rule file from outside the package that the run used: where it was given, and the sha256 of the bytes read."""

    path: str
    sha256: str


@dataclass(frozen=True, slots=True)
class Gate:
    """What decided the exit code besides the inventories (SPEC §8): every format shows it when it is not the
    default, so that a pull request cannot change the gate in silence. Counts come from the pipeline."""

    fail_on: Severity | None = Severity.ERROR  # None: never fail on findings
    fail_on_source: str = "default"  # flag --fail-on | environment VIDCHECK_FAIL_ON | file:line:col | default
    rule_files: tuple[RuleFile, ...] = ()  # jurisdiction files from outside the package
    waivers: str | None = None  # the waivers file used
    baseline: str | None = None  # the baseline file used
    waived: int = 0  # findings a waiver took out of the count
    baselined: int = 0  # findings left out because the baseline already holds them
    as_of: str | None = None  # the audit date asked for when it is not today: YYYY-MM-DD or planned
    as_of_source: str = "default"  # where it was asked: flag --as-of | environment VIDCHECK_AS_OF | file:line:col

    @property
    def fail_on_label(self) -> str:
        return self.fail_on.label if self.fail_on else "never"

    @property
    def non_default(self) -> bool:
        """Whether anything differs from a default run (which shows no gate at all)."""
        return bool(self.rule_files or self.fail_on != Severity.ERROR or self.waivers or self.baseline or self.as_of)


@dataclass(frozen=True, slots=True)
class Skipped:
    """Files or folders a directory walk left out, and why (nothing is skipped in silence)."""

    reason: str  # hidden-file | hidden-folder | symlink-loop | folder-seen | file-seen | unreadable-folder
    count: int


@dataclass(frozen=True, slots=True)
class Report:
    as_of: dt.date
    lang: str
    sites: tuple[SiteReport, ...] = ()
    errors: tuple[InputError, ...] = ()
    version: str = field(default="")
    notices: tuple[Notice, ...] = ()
    inputs: tuple[str, ...] = ()  # every file read, in order
    gate: Gate = Gate()
    skipped: tuple[Skipped, ...] = ()  # what the directory walk left out
    validation: bool = False  # a `validate` report: invalid files exit 1, unreadable ones 2
    only_failing: bool = False  # reports for people leave clean sites out of the detail (they stay in the table)
    # a `validate` report: the inventories that loaded (an error located in a camera list names the list, not them)
    valid: tuple[str, ...] | None = None

    @property
    def fail_on(self) -> Severity | None:
        return self.gate.fail_on

    @property
    def baselined(self) -> int:
        return self.gate.baselined

    def counted(self) -> Iterator[Finding]:
        """The findings that count towards the gate: every finding not covered by a waiver."""
        return (f for s in self.sites for f in s.findings if f.waiver is None)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.counted() if f.severity == severity)

    def waived(self) -> int:
        return self.gate.waived

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.counted()), default=None)

    def fails(self, finding: Finding) -> bool:
        """Whether this finding alone fails the gate."""
        return finding.waiver is None and self.fail_on is not None and finding.severity >= self.fail_on

    @property
    def exit_code(self) -> int:
        """SPEC §6: 2 when something could not be evaluated, 1 when a finding is at or above fail_on, else 0."""
        if self.validation:
            return EXIT_ERROR if any(e.unreadable for e in self.errors) else EXIT_FINDINGS if self.errors else EXIT_OK
        if self.errors:
            return EXIT_ERROR
        return EXIT_FINDINGS if any(self.fails(f) for f in self.counted()) else EXIT_OK
