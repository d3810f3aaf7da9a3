"""What a command's settings name, loaded and checked before it runs: the jurisdictions, the input files, the audit
date and the audit options. A bad setting raises a UsageError that says where it was set (flag, environment
variable or file:line:col); nothing here prints or exits.

Each function imports what it needs when called: the CLI imports this module, and `vidcheck --version` and the
commands that need no audit must not pay for the engine.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .api import Options
    from .auditdate import AuditDate
    from .inputs import Inputs
    from .jurisdictions import Catalog
    from .model import Severity
    from .outputs import Target
    from .settings import Settings


def checked_catalog(settings: Settings) -> Catalog:
    """The jurisdictions, with the settings that name them checked, so a bad one is blamed where it was set."""
    from .errors import UsageError
    from .jurisdictions import load_catalog

    try:
        catalog = load_catalog(settings.rules_dirs)
    except UsageError as exc:
        raise settings.blame("rules-dir", exc) from None
    if settings["jurisdiction"] is not None:
        try:
            catalog.get(settings["jurisdiction"])
        except UsageError as exc:
            raise settings.blame("jurisdiction", exc) from None
    return catalog


def gathered_inputs(files: list[str], settings: Settings, *, stdin_open: bool) -> Inputs:
    """The inventories the arguments name, without the files the settings name (configuration, waivers,
    baseline); '-' needs an open standard input."""
    from .errors import UsageError
    from .inputs import gather
    from .textfile import STDIN

    support = [path for path in (settings.config, settings["waivers"], settings["baseline"]) if path]
    inputs = gather(files, exclude=support)
    if STDIN in inputs.paths and not stdin_open:
        raise UsageError.of("inputs.stdin-closed")
    return inputs


def threshold(fail_on: str) -> Severity | None:
    """The least severity that fails the run; None for ``never``."""
    from .model import Severity

    return None if fail_on == "never" else Severity.parse(fail_on)


def requested_audit_date(settings: Settings) -> AuditDate:
    """The audit date the settings ask for (flag > VIDCHECK_AS_OF > as-of in .vidcheck.yaml > today), blamed where
    it was set when it is not a date, today or planned."""
    from .auditdate import audit_date
    from .dates import DateFormError
    from .errors import UsageError
    from .i18n import tr

    try:
        return audit_date(settings["as-of"], settings.sources["as-of"], dt.date.today())
    except DateFormError as exc:
        lang = settings["lang"]
        message = tr("labels", "as_of_invalid", lang).format(problem=exc.text.render(lang))
        raise settings.blame("as-of", UsageError(message)) from None


def audit_options(settings: Settings, jobs: int | None) -> Options:
    """The options of an audit: its date, language, jurisdiction, rules, threshold, waivers and baseline."""
    from .api import Options

    asked = requested_audit_date(settings)
    return Options(asked.day, settings["lang"], settings["jurisdiction"], settings.rules_dirs,
                   threshold(settings["fail-on"]), settings["waivers"], settings["baseline"], jobs,
                   fail_on_source=settings.sources["fail-on"], planned=asked.planned, as_of_source=asked.source)


def validation_options(settings: Settings, jobs: int | None) -> Options:
    """The options of a validation: no date is audited, so today's stands in."""
    from .api import Options

    return Options(dt.date.today(), settings["lang"], settings["jurisdiction"], settings.rules_dirs,
                   waivers=settings["waivers"], baseline=settings["baseline"], workers=jobs)


def baseline_target(output: str | None, settings: Settings) -> Target:
    """Where `vidcheck baseline` writes: -o, else the configured baseline, else vidcheck-baseline.json here."""
    from .messages import Text
    from .outputs import Target

    default = "vidcheck-baseline.json"
    return Target.option(output) if output else settings.target("baseline") or \
        Target(default, Text.error("target.default-baseline", path=default))
