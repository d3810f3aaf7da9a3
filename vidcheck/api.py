"""The library pipeline: load → validate → evaluate → waive → baseline → report. Never prints, never exits."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from . import __version__, parallel
from .auditdate import AuditDate
from .engine import TooManyFindings, evaluate
from .errors import InvalidDocument, LocatedError, UsageError, located_errors
from .escape import quoted
from .inventory import Site, load_site
from .jurisdictions import Catalog, load_catalog
from .messages import Text
from .model import Gate, InputError, Notice, Report, Severity, SiteReport, Skipped
from .placeholders import placeholder_notices
from .places import place_notices
from .schemaerrors import read_mapping

DEFAULT_JURISDICTION = "cn-national"
PARALLEL_FROM = 16  # files: below this, starting worker processes costs more than it saves

T = TypeVar("T")
Progress = parallel.Progress


@dataclass(frozen=True)
class Options:
    as_of: dt.date
    lang: str = "en"
    jurisdiction: str | None = None  # overrides each site's own
    rules_dirs: tuple[str, ...] = field(default=())
    fail_on: Severity | None = Severity.ERROR
    waivers: str | None = None
    baseline: str | None = None
    workers: int | None = None  # None: one per available core when there are many files
    fail_on_source: str = "default"  # where fail_on was set (Settings.sources), shown when it is not `error`
    today: dt.date | None = None  # the real date, against which waivers expire; None: real_today()
    planned: bool = False  # each inventory is audited as of the day after its latest date (as_of: when none is later)
    as_of_source: str = "default"  # where the audit date was set (Settings.sources), shown when it is set

    @property
    def audit_date(self) -> AuditDate:
        return AuditDate(self.as_of, self.planned, self.as_of_source)


def real_today() -> dt.date:
    """The date on this machine's clock: waivers expire against it, whatever the audit date (tests replace it)."""
    return dt.date.today()


def attempt(load: Callable[..., T], *args: Any) -> T | tuple[InputError, ...]:
    """The loaded value, or every located error that stops it from being used."""
    try:
        return load(*args)
    except (InvalidDocument, LocatedError) as exc:
        return located_errors(exc)


def audit(paths: Sequence[str], options: Options, catalog: Catalog | None = None,
          progress: Progress | None = None, skipped: tuple[Skipped, ...] = ()) -> Report:
    """Audit each file; a bad file becomes errors in the report and never stops the others.

    ``skipped`` is what gathering ``paths`` left out, carried into the report so that nothing is skipped in silence.
    Raises UsageError for a jurisdiction that does not exist, and LocatedError/InvalidDocument for bad rule data.
    A waivers or baseline file that cannot be read is an input error (exit 2): the gate fails closed.
    """
    catalog = catalog or load_catalog(options.rules_dirs)
    if options.jurisdiction is not None:
        catalog.get(options.jurisdiction)
    job = functools.partial(_audit_file, options=options, catalog=catalog)
    sites, errors = _one_site_per_id(run_each(job, paths, options.workers, progress))
    checked: tuple[SiteReport, ...] = tuple(sites)
    notices = (*(notice for site in checked for notice in site.notices), *catalog.quotes.notices(options.lang))
    if options.waivers:  # imported only by the runs that use them
        from .waivers import apply_waivers, load_waivers

        waivers = attempt(load_waivers, options.waivers, options.lang)
        if isinstance(waivers, tuple):
            errors.extend(waivers)
        else:
            checked, waived_notices = apply_waivers(checked, waivers, options.today or real_today(), options.lang)
            notices += waived_notices
    baselined = 0
    if options.baseline:
        from .baseline import apply_baseline, load_baseline

        baseline = attempt(load_baseline, options.baseline)
        if isinstance(baseline, tuple):
            errors.extend(baseline)
        else:
            checked, baselined, unused = apply_baseline(checked, baseline, options.lang)
            notices += unused
    waived = sum(1 for site in checked for finding in site.findings if finding.waiver is not None)
    asked = options.audit_date
    gate = Gate(options.fail_on, options.fail_on_source, catalog.external_files,
                options.waivers, options.baseline, waived, baselined,
                as_of=asked.shown if asked.source != "default" else None, as_of_source=asked.source)
    return Report(options.as_of, options.lang, checked, _rendered(errors, options.lang), __version__, notices=notices,
                  inputs=tuple(paths), gate=gate, skipped=skipped)


def _rendered(errors: Iterable[InputError], lang: str) -> tuple[InputError, ...]:
    """The errors with their words in the report's language: a Report is what renderers read, as they are."""
    return tuple(error.rendered(lang) for error in errors)


def _one_site_per_id(results: Iterable[SiteReport | tuple[InputError, ...]]
                     ) -> tuple[list[SiteReport], list[InputError]]:
    """The site reports and the errors, in input order. A second inventory with a site.id already seen is an input
    error at its site.id naming the first: waivers and baselines key on the id, so a new file must not inherit
    what another site's waivers or baseline accept."""
    sites: list[SiteReport] = []
    errors: list[InputError] = []
    first: dict[str, SiteReport] = {}
    for result in results:
        if not isinstance(result, SiteReport):
            errors.extend(result)
            continue
        earlier = first.setdefault(result.site, result)
        if earlier is result:
            sites.append(result)
            continue
        line, column = result.id_at
        errors.append(InputError(result.path, line, column, Text.error("site.duplicate-id", id=quoted(result.site),
                                                                       path=earlier.path, line=earlier.id_at[0]),
                                 "/site/id"))
    return sites, errors


def read_site(path: str) -> Site | tuple[InputError, ...]:
    """The typed site, or every located error that stops it from being evaluated."""
    return attempt(load_site, path)


def _audit_file(path: str, *, options: Options, catalog: Catalog) -> SiteReport | tuple[InputError, ...]:
    site = read_site(path)
    if isinstance(site, tuple):
        return site if options.jurisdiction is not None else _with_jurisdiction_error(path, site, catalog)
    chosen = options.jurisdiction or site.jurisdiction or DEFAULT_JURISDICTION
    try:
        report = evaluate(site, catalog, chosen, options.audit_date.for_site(site), options.lang)
    except UsageError as exc:
        return (_jurisdiction_error(site, exc),)
    except TooManyFindings as exc:  # fail closed: a bounded audit, never a partial report that passes
        line, column = site.document.position("/site/id")
        return (InputError(path, line, column, Text.error("site.too-many-findings", n=f"{exc.limit:,}"), "/site/id"),)
    notices = place_notices(site, catalog, chosen, options.lang) + placeholder_notices(site, options.lang)
    if site.inferred:
        from .camlist.notices import zone_notices

        notices += zone_notices(site, options.lang)
    return replace(report, id_at=site.document.position("/site/id"), as_of_planned=options.planned,
                   notices=notices)


def _with_jurisdiction_error(path: str, errors: tuple[InputError, ...],
                             catalog: Catalog) -> tuple[InputError, ...]:
    """The errors of an inventory that did not load, with an unknown site.jurisdiction among them: a user fixing
    a typo'd kind should not learn of a typo'd jurisdiction only on the next run."""
    if path == "-" or any(e.unreadable or e.pointer == "/site/jurisdiction" for e in errors):
        return errors
    try:
        document = read_mapping(path, Text.error("shape.inventory"))
    except (LocatedError, InvalidDocument):
        return errors
    site = document.data.get("site")
    written = site.get("jurisdiction") if isinstance(site, dict) else None
    if not isinstance(written, str):
        return errors
    try:
        catalog.get(written)
    except UsageError as exc:
        line, column = document.position("/site/jurisdiction")
        found = InputError(path, line, column, exc.message, "/site/jurisdiction")
        return tuple(sorted((*errors, found), key=lambda e: (e.path != path, e.line, e.column)))
    return errors


def _jurisdiction_error(site: Site, exc: UsageError) -> InputError:
    """An unknown site.jurisdiction, at its line (audit and validate say it alike)."""
    line, column = site.document.position("/site/jurisdiction")
    return InputError(site.path, line, column, exc.message, "/site/jurisdiction")


def validate(paths: Sequence[str], options: Options, progress: Progress | None = None,
             skipped: tuple[Skipped, ...] = ()) -> Report:
    """Schema and cross-reference validation only: a report with no findings and every input error that would
    make ``audit`` exit 2 without evaluating a rule (a site.id used twice, a site.jurisdiction that does not
    exist, a waivers or baseline file that cannot be used; ``options.jurisdiction``, which overrides site.jurisdiction,
    is the caller's to check as ``audit`` does). With
    ``options.rules_dirs``, the rule files of those folders are checked too, their quotes against their texts (as
    ``vidcheck jurisdictions check``); a folder that does not exist raises UsageError."""
    catalog = None if options.jurisdiction is not None else attempt(load_catalog, options.rules_dirs)
    job = functools.partial(_validate_file, catalog=catalog if isinstance(catalog, Catalog) else None)
    sites, errors = _one_site_per_id(run_each(job, paths, options.workers, progress))
    notices: tuple[Notice, ...] = ()
    if options.rules_dirs:
        from .rulecheck import check_folders

        folders = check_folders(options.rules_dirs)
        errors.extend(folders.errors)
        notices = folders.quotes.notices(options.lang)
    errors.extend(_gate_file_errors(options))
    return Report(options.as_of, options.lang, (), _rendered(errors, options.lang), __version__, notices=notices,
                  inputs=tuple(paths), skipped=skipped, validation=True,
                  valid=tuple(site.path for site in sites))


def _gate_file_errors(options: Options) -> list[InputError]:
    """What stops the waivers and baseline files an audit would read (each an exit 2 there)."""
    errors: list[InputError] = []
    if options.waivers:
        from .waivers import load_waivers

        loaded = attempt(load_waivers, options.waivers, options.lang)
        errors.extend(loaded if isinstance(loaded, tuple) else ())
    if options.baseline:
        from .baseline import load_baseline

        baseline = attempt(load_baseline, options.baseline)
        errors.extend(baseline if isinstance(baseline, tuple) else ())
    return errors


def _validate_file(path: str, catalog: Catalog | None = None) -> SiteReport | tuple[InputError, ...]:
    """The errors, or for a valid file a report without findings that says which site.id it holds, and where.
    ``catalog``: the jurisdictions site.jurisdiction must name (None: not checked, as when the rules folders are
    broken: their own errors are reported)."""
    site = read_site(path)
    if isinstance(site, tuple):
        return site if catalog is None else _with_jurisdiction_error(path, site, catalog)
    if catalog is not None and site.jurisdiction is not None:
        try:
            catalog.get(site.jurisdiction)
        except UsageError as exc:
            return (_jurisdiction_error(site, exc),)
    return SiteReport(site.path, site.id, site.name, (), (), (), id_at=site.document.position("/site/id"))


def run_each(job: Callable[[str], T], paths: Sequence[str], workers: int | None,
             progress: Progress | None = None) -> list[T]:
    """``job`` applied to every path, in order; on every core when there are many paths."""
    return parallel.run_each(job, paths, _worker_count(paths, workers), progress)


def _worker_count(paths: Sequence[str], workers: int | None) -> int:
    if "-" in paths:  # standard input can only be read here
        return 1
    if workers is not None:
        return max(1, min(workers, len(paths)))
    if len(paths) < PARALLEL_FROM:
        return 1
    return min(parallel.cores(), len(paths))
