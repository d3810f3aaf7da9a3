"""The four forms of ``vidcheck diff`` (text, markdown, json, html): pure functions of a Diff, each yielding pieces.
Text from the reports compared is input: escaped for each medium as the audit's renderers do."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..diff import STATES, Diff, Item, SiteDiff
from ..i18n import tr
from ..messages import text_label
from .common import clean, json_chunks, md, md_code
from .html import h, page_foot, page_head

SHOWN = {"both": STATES, "added": ("new",), "removed": ("dropped",)}  # which lists a site of each state has


def _w(key: str, lang: str) -> str:
    return tr("diff", key, lang)


def _heading(site: SiteDiff, lang: str) -> str:
    """The site, and why it is not compared when only one report has it."""
    note = "" if site.state == "both" else f" — {_w(site.state, lang)}"
    return f"{site.name} ({site.site}){note}" if site.name else f"{site.site}{note}"


def _list_name(site: SiteDiff, state: str, lang: str) -> str:
    """The list's name: a removed site's findings were not checked again, an added site's are a first audit."""
    return _w({"added": "first_audit", "removed": "not_again"}.get(site.state, state), lang)


def _totals(diff: Diff) -> str:
    return _w("totals", diff.lang).format(**{state: diff.count(state) for state in STATES})


def _sides(diff: Diff) -> str:
    return _w("sides", diff.lang).format(old=diff.old.path, old_as_of=diff.old.as_of, new=diff.new.path,
                                         new_as_of=diff.new.as_of)


def _changed(diff: Diff) -> Iterator[SiteDiff]:
    """Sites with something to say: unchanged findings alone are counted, not listed."""
    return (site for site in diff.sites if site.fixed or site.new or site.state != "both")


def text(diff: Diff) -> Iterator[str]:
    lang = diff.lang
    yield f"{_w('title', lang)}\n{clean(_sides(diff))}\n{_totals(diff)}\n"
    for site in _changed(diff):
        yield f"\n{clean(_heading(site, lang))}\n"
        for state in SHOWN[site.state]:
            items = site.items(state)
            if items and state != "unchanged":
                yield f"  {_list_name(site, state, lang)} ({len(items)})\n"
                yield from (f"    {_item_text(item)}\n" for item in items)
            elif state == "unchanged" and items:
                yield f"  {_w('unchanged', lang)}: {len(items)}\n"


def _item_text(item: Item) -> str:
    waived = " (waived)" if item.waived else ""
    return clean(f"{item.severity.label}{waived} {item.rule} {item.subject.shown} {item.location}: {item.message}")


def markdown(diff: Diff) -> Iterator[str]:
    lang = diff.lang
    yield f"## {_w('title', lang)}\n\n{md(_sides(diff))}\n\n"
    yield (f"| {_w('fixed', lang)} | {_w('new', lang)} | {_w('unchanged', lang)} |\n|---:|---:|---:|\n"
           f"| {diff.count('fixed')} | {diff.count('new')} | {diff.count('unchanged')} |\n")
    for site in _changed(diff):
        yield f"\n### {md(_heading(site, lang))}\n\n"
        for state in SHOWN[site.state]:
            items = site.items(state)
            if state == "unchanged":
                if items:
                    yield f"{_w('unchanged', lang)}: {len(items)}\n\n"
                continue
            if items:
                yield f"**{_list_name(site, state, lang)} ({len(items)})**\n\n"
                yield from (f"- {item.severity.label} `{md_code(item.rule)}` {md(item.subject.shown)} "
                            f"`{md_code(item.location)}`: {md(item.message)}\n" for item in items)
                yield "\n"


def json_form(diff: Diff) -> Iterator[str]:
    def item_dict(item: Item) -> dict[str, object]:
        return {"fingerprint": item.fingerprint, "rule": item.rule, "severity": item.severity.label,
                "subject": item.subject.ref, "location": item.location, "message": item.message,
                "waived": item.waived}

    document = {
        "tool": "vidcheck", "diff_format": 1,
        "old": {"path": diff.old.path, "as_of": diff.old.as_of, "version": diff.old.version},
        "new": {"path": diff.new.path, "as_of": diff.new.as_of, "version": diff.new.version},
        "summary": {state: diff.count(state) for state in STATES},
        "sites": ({"site": s.site, "name": s.name, "path": s.path, "state": s.state,
                   **{state: [item_dict(i) for i in s.items(state)] for state in (*STATES, "dropped")}}
                  for s in diff.sites),
        "exit_code": diff.exit_code,
    }
    return json_chunks(document)


def html(diff: Diff) -> Iterator[str]:
    lang = diff.lang
    yield page_head(_w("title", lang), lang)
    yield f"<header><h1>{h(_w('title', lang))}</h1><p class=\"meta\">{h(_sides(diff))}</p></header>"
    yield (f"<table><thead><tr><th>{h(_w('site', lang))}</th>"
           + "".join(f'<th class="n">{h(_w(state, lang))}</th>' for state in STATES) + "</tr></thead><tbody>")
    for site in diff.sites:
        yield (f"<tr><td>{h(_heading(site, lang))}</td>"
               + "".join(f'<td class="n">{len(site.items(state))}</td>' for state in STATES) + "</tr>\n")
    yield ("<tfoot><tr><td>" + h(_w("total", lang)) + "</td>"
           + "".join(f'<td class="n">{diff.count(state)}</td>' for state in STATES) + "</tr></tfoot></table>")
    for site in _changed(diff):
        yield f"<h3>{h(_heading(site, lang))}</h3>"
        for state in SHOWN[site.state]:
            items = site.items(state)
            if items and state != "unchanged":
                yield f"<p><b>{h(_list_name(site, state, lang))} ({len(items)})</b></p>"
                yield from (_item_html(item, state, lang) for item in items)
    yield page_foot(diff.old.version if not diff.new.version else diff.new.version, lang)


def _item_html(item: Item, state: str, lang: str) -> str:
    """A fixed finding is drawn grey: it is history, not a problem."""
    css = "waived" if state == "fixed" or item.waived else item.severity.label
    return (f'<article class="finding {css}"><div class="head"><span class="badge {css}">'
            f"{h(text_label(item.severity.label, lang))}</span><span class=\"rule\">{h(item.rule)}</span>"
            f"<span>{h(item.subject.shown)}</span><span class=\"loc\">{h(item.location)}</span></div>"
            f'<p class="msg">{h(item.message)}</p></article>\n')


FORMS: dict[str, Callable[[Diff], Iterator[str]]] = {"text": text, "markdown": markdown, "json": json_form,
                                                      "html": html}
