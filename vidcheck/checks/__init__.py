"""Check families: small pure functions driven by jurisdiction data. Importing this package registers them all."""

from . import acceptance, change, controls, coverage, filing, installer, operation, privacy, retention, signage
from .base import FAMILIES, Family

__all__ = ["FAMILIES", "FINDING_ORDER", "Family"]

_REGISTERED = (coverage, privacy, installer, retention, signage, filing, operation, controls, change, acceptance)

# The order of SPEC §4, used to list rules and to sort findings of equal severity and line.
FINDING_ORDER = (
    "coverage.system-required", "coverage.zone-required", "privacy.forbidden-zone", "installer.unauthorized",
    "retention.minimum", "retention.incident", "signage.missing", "filing.missing", "filing.overdue", "filing.late",
    "filing.due", "filing.removal", "filing.mismatch", "operation.continuous", "controls.missing", "filing.change",
    "acceptance.before-use",
)
