"""JUnit XML for CI test viewers: one testsuite per site, one testcase per check family.

A testcase fails exactly when one of its findings fails the gate (``--fail-on``); waived findings and findings
below the threshold are listed in its system-out, so the viewer and the exit code never disagree. A file that
could not be evaluated is a testsuite with one errored testcase.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .. import checks
from ..model import Finding, Gate, InputError, Notice, Report, SiteReport
from .common import clean, family_of, hint_line, labelled, notice_family, penalty_line, waiver_line

FAMILIES = tuple(dict.fromkeys(family_of(rule) for rule in checks.FINDING_ORDER))


def render(report: Report) -> str:
    root = ET.Element("testsuites", name="vidcheck")
    for site in report.sites:
        root.append(_site_suite(site, report))
    errors_by_path: dict[str, list[InputError]] = {}
    for error in report.errors:
        errors_by_path.setdefault(error.path, []).append(error)
    for path, errors in errors_by_path.items():
        root.append(_error_suite(path, errors, report.gate))
    families: dict[str, list[Notice]] = {}
    for notice in report.notices:
        families.setdefault(notice_family(notice.kind), []).append(notice)
    for family, notices in families.items():
        root.append(_notice_suite(family, notices))
    _count(root, root.findall("testsuite"))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _site_suite(site: SiteReport, report: Report) -> ET.Element:
    suite = ET.Element("testsuite", name=clean(f"{site.path} ({site.site})"))
    _properties(suite, [("as_of", (site.as_of or report.as_of).isoformat()),
                        ("jurisdictions", ",".join(site.jurisdictions)),
                        ("drafts", ",".join(site.drafts)), ("plan", str(site.plan).lower()),
                        *_gate_properties(report.gate)])
    for family in FAMILIES:
        findings = [f for f in site.findings if family_of(f.rule) == family]
        case = ET.SubElement(suite, "testcase", classname=clean(site.site), name=family, file=clean(site.path),
                             time="0")
        failing = [f for f in findings if report.fails(f)]
        if failing:
            failure = ET.SubElement(case, "failure", type=failing[0].rule,
                                    message=clean(f"{len(failing)} finding(s): {failing[0].message}"))
            failure.text = "\n\n".join(_describe(f, report.lang) for f in failing)
        others = [f for f in findings if not report.fails(f)]
        if others:
            ET.SubElement(case, "system-out").text = "\n\n".join(_describe(f, report.lang) for f in others)
    _count(suite, [suite])
    return suite


def _describe(finding: Finding, lang: str) -> str:
    where = finding.location
    lines = [f"{where}: {finding.severity.label} {finding.rule} "
             f"[{finding.subject.shown}] {finding.message}"]
    if finding.hint:
        lines.append(f"  {hint_line(finding, lang)}")
    if finding.waiver is not None:
        lines.append(f"  {waiver_line(finding.waiver, lang)}")
    lines += [f"  {labelled('article', lang)}{c.instrument} {c.article}「{c.quote}」" for c in finding.citations]
    lines += [f"  {labelled('penalty', lang)}{penalty_line(p, lang)}" for p in finding.penalties]
    return "\n".join(map(clean, lines))


def _properties(suite: ET.Element, pairs: list[tuple[str, str]]) -> None:
    if pairs:
        element = ET.SubElement(suite, "properties")
        for name, value in pairs:
            ET.SubElement(element, "property", name=name, value=clean(value))


def _gate_properties(gate: Gate) -> list[tuple[str, str]]:
    """What decided the gate besides the inventories, as properties of every suite; none for a default run."""
    if not gate.non_default:
        return []
    properties = [("fail_on", gate.fail_on_label), ("fail_on_source", gate.fail_on_source)]
    properties += [("rule_file", f"{f.path} sha256:{f.sha256}") for f in gate.rule_files]
    if gate.waivers:
        properties += [("waivers", gate.waivers), ("waived", str(gate.waived))]
    if gate.baseline:
        properties += [("baseline", gate.baseline), ("baselined", str(gate.baselined))]
    if gate.as_of:
        properties += [("as_of_asked", gate.as_of), ("as_of_source", gate.as_of_source)]
    return properties


def _error_suite(path: str, errors: list[InputError], gate: Gate) -> ET.Element:
    suite = ET.Element("testsuite", name=clean(path))
    _properties(suite, _gate_properties(gate))
    case = ET.SubElement(suite, "testcase", classname=clean(path), name="input", file=clean(path), time="0")
    error = ET.SubElement(case, "error", type="input-error", message=clean(errors[0].message))
    error.text = "\n".join(map(clean, errors))
    _count(suite, [suite])
    return suite


def _notice_suite(family: str, notices: list[Notice]) -> ET.Element:
    """The notices about one kind of file (waivers, baseline), as one passing testcase."""
    suite = ET.Element("testsuite", name=family)
    case = ET.SubElement(suite, "testcase", classname="vidcheck", name=family, time="0")
    ET.SubElement(case, "system-out").text = "\n".join(
        clean(f"{n.path}:{n.line}:{n.column}: {n.severity.label} {n.kind}: {n.message}") for n in notices)
    _count(suite, [suite])
    return suite


def _count(element: ET.Element, suites: list[ET.Element]) -> None:
    cases = [case for suite in suites for case in suite.iter("testcase")]
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(1 for case in cases if case.find("failure") is not None)))
    element.set("errors", str(sum(1 for case in cases if case.find("error") is not None)))
    element.set("skipped", "0")
    element.set("time", "0")
