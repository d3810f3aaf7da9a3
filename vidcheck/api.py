"""The library pipeline: load → validate → evaluate → report. Never prints, never exits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import __version__
from .engine import evaluate
from .errors import InvalidDocument, LocatedError, UsageError
from .inventory import Site, load_site
from .jurisdictions import Catalog, load_catalog
from .model import InputError, Report, SiteReport

DEFAULT_JURISDICTION = "cn-national"


@dataclass(frozen=True)
class Options:
    as_of: dt.date
    lang: str = "en"
    jurisdiction: str | None = None  # overrides each site's own
    rules_dirs: tuple[str, ...] = field(default=())


def read_site(path: str) -> Site | tuple[InputError, ...]:
    """The typed site, or every located error that stops it from being evaluated."""
    try:
        return load_site(path)
    except InvalidDocument as exc:
        return exc.errors
    except LocatedError as exc:
        return (exc.error,)


def audit(paths: Sequence[str], options: Options, catalog: Catalog | None = None) -> Report:
    """Audit each file; a bad file becomes errors in the report and never stops the others.

    Raises UsageError for a jurisdiction that does not exist, and LocatedError/InvalidDocument for bad rule data.
    """
    catalog = catalog or load_catalog(options.rules_dirs)
    if options.jurisdiction is not None:
        catalog.get(options.jurisdiction)
    sites: list[SiteReport] = []
    errors: list[InputError] = []
    for path in paths:
        site = read_site(path)
        if isinstance(site, tuple):
            errors.extend(site)
            continue
        chosen = options.jurisdiction or site.jurisdiction or DEFAULT_JURISDICTION
        try:
            sites.append(evaluate(site, catalog, chosen, options.as_of, options.lang))
        except UsageError as exc:
            line, column = site.document.position("/site/jurisdiction")
            errors.append(InputError(path, line, column, str(exc), "/site/jurisdiction"))
    return Report(options.as_of, options.lang, tuple(sites), tuple(errors), __version__)


def validate(paths: Sequence[str], options: Options) -> Report:
    """Schema and cross-reference validation only: a report with no findings and every input error."""
    errors: list[InputError] = []
    for path in paths:
        result = read_site(path)
        if isinstance(result, tuple):
            errors.extend(result)
    return Report(options.as_of, options.lang, (), tuple(errors), __version__)
