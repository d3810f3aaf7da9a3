"""Rules folders: every quote of a rule file outside the package is checked against the instrument's text beside it.

A rule file decides a gate, so a quote that is not in the law it cites is bad rule data (an input error at the
quote's line), and a quote that cannot be checked because its text is missing is said, never passed in silence.
The shipped files are held to the same test by tests/test_shipped_jurisdictions.py, with the same matching.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InvalidDocument, LocatedError, located_errors
from .escape import quoted
from .messages import Text
from .model import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, InputError, Notice, Severity
from .resources import data_dir
from .textfile import read_text
from .yamlsource import Document, escape_pointer_token, parse_yaml

ELLIPSIS = "…"  # a quote may leave words out: each fragment between ellipses must follow the one before
SOURCES_FOLDER = "sources"  # a rules folder keeps its instruments' texts here, or beside the rule files
UNVERIFIABLE = "quote-unverifiable"  # the notice kind


def quoted_verbatim(quote: str, lines: Sequence[str]) -> bool:
    """Whether ``quote`` stands on one line of ``lines`` as written: its fragments between ellipses, in order.

    No normalisation: a quote is copied from the text, half-width punctuation included where the text has it."""
    fragments = [fragment for fragment in quote.split(ELLIPSIS) if fragment]
    return bool(fragments) and any(_on_line(fragments, line) for line in lines)


def _on_line(fragments: Sequence[str], line: str) -> bool:
    position = 0
    for fragment in fragments:
        position = line.find(fragment, position)
        if position < 0:
            return False
        position += len(fragment)
    return True


@dataclass(frozen=True, slots=True)
class Quote:
    """One quote of a rule file, where it is written, and the instrument text it must come from."""

    path: str
    line: int
    column: int
    pointer: str
    source: str
    text: str


@dataclass(frozen=True, slots=True)
class UnverifiedQuote:
    """A quote whose instrument text is in none of the places a rules folder may keep it."""

    path: str
    line: int
    column: int
    source: str
    folder: str

    def notice(self, lang: str) -> Notice:
        message = Text.of("quote.unverifiable", source=self.source, folder=self.folder).render(lang)
        return Notice(UNVERIFIABLE, Severity.WARNING, self.path, self.line, self.column, message)


@dataclass(frozen=True)
class QuoteCheck:
    checked: int = 0  # quotes compared with their text
    unverified: tuple[UnverifiedQuote, ...] = ()

    def notices(self, lang: str) -> tuple[Notice, ...]:
        return tuple(quote.notice(lang) for quote in self.unverified)


@dataclass(frozen=True)
class FolderCheck:
    """What checking rules folders found: ``vidcheck jurisdictions check`` and ``validate --rules-dir``."""

    files: int
    quotes: QuoteCheck
    errors: tuple[InputError, ...] = ()

    @property
    def exit_code(self) -> int:
        """2 when a file could not be read, 1 when one is invalid or misquotes its law, else 0."""
        if any(error.unreadable for error in self.errors):
            return EXIT_ERROR
        return EXIT_FINDINGS if self.errors else EXIT_OK

    def lines(self, folder: str, lang: str) -> list[str]:
        """What ``vidcheck jurisdictions check`` prints: each error, each unchecked quote as a warning, and a
        summary when nothing is wrong (rule files are untrusted text: the caller escapes each line)."""
        lines = [error.line_in(lang) for error in self.errors]
        lines += [Text.error("cli.check-warning", where=f"{n.path}:{n.line}:{n.column}", message=n.message
                             ).render(lang) for n in self.quotes.notices(lang)]
        if not self.errors:
            lines.append(Text.error("cli.check-done", folder=folder, files=self.files, checked=self.quotes.checked,
                                    unverified=len(self.quotes.unverified)).render(lang))
        return lines


def check_folders(folders: Sequence[str]) -> FolderCheck:
    """Load ``folders`` as an audit would and gather what is wrong; raises UsageError for a folder that is not
    there."""
    from .jurisdictions import load_catalog  # it uses this module

    try:
        catalog = load_catalog(folders)
    except MisquotedRules as exc:
        return FolderCheck(0, QuoteCheck(0, exc.unverified), exc.errors)
    except (InvalidDocument, LocatedError) as exc:
        return FolderCheck(0, QuoteCheck(), located_errors(exc))
    return FolderCheck(len(catalog.external_files), catalog.quotes)


class MisquotedRules(InvalidDocument):
    """Quotes not found in their texts (one error each); ``unverified`` lists the quotes that could not be checked."""

    def __init__(self, errors: tuple[InputError, ...], unverified: tuple[UnverifiedQuote, ...]) -> None:
        super().__init__(errors)
        self.unverified = unverified


def check_quotes(files: Sequence[tuple[str, str]]) -> QuoteCheck:
    """Check every quote of the rule files ``(path, text)`` (already valid against the schema) against its text.

    Raises MisquotedRules when a quote is not in its text, LocatedError when a text exists but cannot be read."""
    texts = _Texts()
    errors: list[InputError] = []
    unverified: list[UnverifiedQuote] = []
    checked = 0
    for path, text in files:
        folder = Path(path).parent
        for quote in quotes_of(parse_yaml(text, path)):
            found = texts.find(folder, quote.source)
            if found is None:
                unverified.append(UnverifiedQuote(path, quote.line, quote.column, quote.source, str(folder)))
                continue
            checked += 1
            source_path, lines = found
            if not quoted_verbatim(quote.text, lines):
                errors.append(InputError(path, quote.line, quote.column,
                                         Text.error("quote.not-found", source=source_path, quote=quote.text),
                                         quote.pointer))
    if errors:
        raise MisquotedRules(tuple(errors), tuple(unverified))
    return QuoteCheck(checked, tuple(unverified))


def quotes_of(document: Document) -> Iterator[Quote]:
    """Every citation of a rule file (a mapping with ``instrument`` and ``quote``: rules, their also/preexisting/
    extension cites, penalties, and whatever holds a citation later), with its instrument's ``source``."""
    sources = {key: raw["source"] for key, raw in document.data["instruments"].items()}
    for key, source in sources.items():
        if Path(source).name != source or source in ("", ".", ".."):
            line, column = document.position(f"/instruments/{escape_pointer_token(key)}/source")
            raise LocatedError(document.path, line, column,
                               Text.error("quote.source-path", source=quoted(source), folder=SOURCES_FOLDER))
    for pointer, citation in _citations(document.data, ""):
        if citation["instrument"] in sources:
            line, column = document.position(f"{pointer}/quote")
            yield Quote(document.path, line, column, f"{pointer}/quote", sources[citation["instrument"]],
                        citation["quote"])


def _citations(node: Any, pointer: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    if isinstance(node, dict):
        if isinstance(node.get("instrument"), str) and isinstance(node.get("quote"), str):
            yield pointer, node
        for key, value in node.items():
            yield from _citations(value, f"{pointer}/{escape_pointer_token(str(key))}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _citations(value, f"{pointer}/{index}")


class _Texts:
    """The instrument texts of a run, each read once: ``folder/sources/NAME``, else ``folder/NAME``, else the
    shipped text of that name (a folder's file may cite the national measures or the 民法典 without a copy)."""

    def __init__(self) -> None:
        self._lines: dict[str, list[str]] = {}

    def find(self, folder: Path, source: str) -> tuple[str, list[str]] | None:
        """The path of the text ``source`` names for a file of ``folder``, and its lines; None if there is none."""
        candidates = (folder / SOURCES_FOLDER / source, folder / source, data_dir(SOURCES_FOLDER) / source)
        path = next((str(c) for c in candidates if c.is_file()), None)
        if path is None:
            return None
        if path not in self._lines:
            self._lines[path] = read_text(path).splitlines()
        return path, self._lines[path]


# Other vidcheck files by their first key: what a file in a rules folder is, when it is not a rule file.
_OTHER_FILES = {"vidcheck": "other-file.inventory", "vidcheck_waivers": "other-file.waivers"}


def refuse_other_file(document: Document) -> None:
    """A file of the rules folder that is plainly an inventory or a waivers file: say so, at its first key, rather
    than list what a rule file would miss."""
    data = document.data
    if not isinstance(data, dict) or "vidcheck_jurisdiction" in data:
        return
    marker = next((key for key in _OTHER_FILES if key in data), None)
    if marker is None:
        return
    line, column = document.position(f"/{marker}", key=True)
    message = Text.error("rules-dir.other-file", folder=Path(document.path).parent,
                         kind=Text.error(_OTHER_FILES[marker]))
    raise LocatedError(document.path, line, column, message)
