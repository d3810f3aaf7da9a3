"""Write docs/inventory.md, the user's reference for an inventory, from what the code really uses.

Fields and their types come from schemas/site.schema.json, ids and their labels from vidcheck/vocabulary.py, and
"used by" from the shipped jurisdictions (every place the jurisdiction schema says a rule names a vocabulary id).
Only the meaning and the example of each field are written here, in FIELDS.

    python tools/gen_inventory_doc.py          # rewrite docs/inventory.md
    python tools/gen_inventory_doc.py --check  # exit 1 if docs/inventory.md is not what this writes
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the checkout's vidcheck and data, never an installed copy that may be older

from generated import write_or_check  # noqa: E402  (tools/ is on the path when run as a script)

from vidcheck.jurisdictions import Catalog, load_catalog  # noqa: E402
from vidcheck.names import chinese_names  # noqa: E402
from vidcheck.resources import schema  # noqa: E402
from vidcheck.vocabulary import CATEGORIES, CONTROLS, OPERATOR_KINDS, ORDINARY_ZONES, PRIVATE_ZONES  # noqa: E402
from vidcheck.vocabulary_report import uses  # noqa: E402  (tests/test_docs.py checks it through this module)

OUTPUT = ROOT / "docs" / "inventory.md"
COMMAND = "python tools/gen_inventory_doc.py"

# (meaning, example) of every field, by its path in the file; `[]` marks an item of a list. The meaning of a field
# missing here is the schema's description (a test fails when a field has neither).
FIELDS: dict[str, tuple[str, str]] = {
    "vidcheck": ("Inventory format version.", "`1`"),
    "site": ("The place and who runs its video system.",
             "`{id: qd-mall-001, name: 青岛某购物中心, categories: [shopping_center]}`"),
    "site.id": ("Your stable id of the site; reports and baselines name the site by it.", "`qd-mall-001`"),
    "site.name": ("Name of the site as people know it.", "`青岛某购物中心`"),
    "site.jurisdiction": ("Jurisdiction to audit against when `--jurisdiction` is not given (`vidcheck list` shows "
                          "the ids); none anywhere means `cn-national`.", "`cn-qingdao`"),
    "site.address": ("Address, from the province down. The audit says in a notice when it lies in a place that "
                     "has shipped local rules the audit did not apply, or none (`places` in "
                     "[jurisdictions.md](jurisdictions.md#places-which-jurisdiction-an-address-supports)).",
                     "`山东省青岛市市南区香港中路 1 号`"),
    "site.categories": ("What kind of place it is: which rules bind the site depends on these. Give every category "
                        "that fits; `non_public` only for a place closed to the public.",
                        "`[shopping_center, public_parking]`"),
    "site.operator": ("The unit or person that runs the system.", "`{name: 青岛某商业管理有限公司, kind: enterprise}`"),
    "site.operator.name": ("Name of the operator.", "`青岛某商业管理有限公司`"),
    "site.operator.kind": ("What kind of operator it is; some instruments let only some kinds install cameras in "
                           "some places.", "`enterprise`"),
    "site.operator.credit_code": ("统一社会信用代码 (GB 32100): 18 characters; the check character is verified.",
                                  "`91370202MA3C12346E`"),
    "site.operator.business": ("经营性 use: some instruments set other fines for business use.", "`true`"),
    "system": ("The video system as a whole: dates, retention, operation, management measures and filings.",
               "`{accepted_on: 2024-02-20, in_service_on: 2024-03-01, retention_days: 30}`"),
    "system.accepted_on": ("竣工验收合格之日: the day the system passed completion acceptance.", "`2024-02-20`"),
    "system.in_service_on": ("投入使用/启用之日: the day the system was put into use.", "`2024-03-01`"),
    "system.delivered_on": ("交付使用之日: the day the system was delivered into use (安徽 第十三条 counts its filing "
                            "from it); absent, the in-service date stands in.", "`2024-03-01`"),
    "system.retention_days": ("How many days footage is kept; the default for every camera.", "`30`"),
    "system.incident_retention_days": ("How many days footage tied to an incident or case is kept (\"两年\" spans "
                                       "a leap day: 731).", "`731`"),
    "system.operates_24x7": ("The system runs around the clock (24小时运行).", "`true`"),
    "system.controls": ("Management measures in place: `true` in place, `false` not in place, absent not declared.",
                        "`{access_log: true, duty_monitoring: false}`"),
    "system.filings": ("备案 with the police, oldest first; empty or absent means never filed.",
                       "`[{filed_on: 2024-03-15, authority: 青岛市公安局市南分局}]`"),
    "system.filings[].filed_on": ("Day the filing was made.", "`2024-03-15`"),
    "system.filings[].authority": ("Police authority filed with.", "`青岛市公安局市南分局`"),
    "system.filings[].reference": ("Reference number of the filing.", "`QD-2024-000123`"),
    "system.filings[].declared_retention_days": ("Retention the filing declared; compared with what the system "
                                                 "keeps.", "`30`"),
    "system.filings[].declared_cameras": ("图像采集设备数量: how many cameras the filing declared. Optional; with it "
                                          "`filing.change` compares the count it declared with the active cameras "
                                          "instead of presuming it declared those active on its day.", "`24`"),
    "zones": ("Areas the cameras watch.", "`[{id: gate, kind: entrance, signage: true}]`"),
    "zones[].id": ("Your id of the zone, unique in the file; cameras name it.", "`north-entrance`"),
    "zones[].name": ("Name of the zone, shown in findings with its id.", "`北门出入口`"),
    "zones[].kind": ("What kind of area it is: coverage, privacy and installer rules name these.", "`entrance`"),
    "zones[].public": ("Open to the public; a notice required in public places is not required in a zone with "
                       "`false`.", "`true`"),
    "zones[].signage": ("A conspicuous notice (显著标识) is posted in the zone.", "`true`"),
    "zones[].outside_premises": ("The zone lies outside the operator's own premises (本单位范围以外): the street in "
                                 "front, a neighbour's entrance. Some instruments forbid filming it.", "`false`"),
    "cameras": ("The cameras, each in one zone.", "`[{id: C-001, zone: gate}]`"),
    "cameras[].id": ("Your id of the camera, unique in the file.", "`C-001`"),
    "cameras[].zone": ("The id of the zone the camera watches (one of `zones[].id`).", "`north-entrance`"),
    "cameras[].location": ("Where the camera is, in your words; reports show it with the camera's id.",
                           "`一层正门入口`"),
    "cameras[].installed_on": ("Day the camera was installed; absent means it was there from the start.",
                               "`2024-02-01`"),
    "cameras[].removed_on": ("Day the camera was removed; it is not active from that day.", "`2025-06-30`"),
    "cameras[].removal_filed_on": ("Day the removal was filed with the police (a filing after the removal).",
                                   "`2025-07-10`"),
    "cameras[].removal_notified_on": ("Day the police were told of a planned removal; may be before `removed_on` "
                                      "(rules such as 安徽 第十五条 \"提前10日通知\" count back from the removal).",
                                      "`2025-06-15`"),
    "cameras[].retention_days": ("Days this camera's footage is kept, overriding `system.retention_days`.", "`90`"),
    "cameras[].model": ("Camera model, for your records.", "`DS-2CD2143G2-I`"),
    "cameras[].type": ("Kind of camera by function, in your words: the 类型/功能类型 a filing declares "
                       "(条例第十四条, 公安部规定第六条); `vidcheck filing` counts cameras by it.", "`球机`"),
    "cameras[].bitrate_kbps": ("Recording bitrate in kbit/s, for your records.", "`4096`"),
    "cameras_from": ("A camera list (点位表) to take cameras from, beside or instead of `cameras`: a `.csv` (UTF-8, "
                     "UTF-8 with BOM or GBK/GB18030) or `.xlsx` path relative to this file, or `{path, sheet, "
                     "columns}`: `sheet` picks an `.xlsx` worksheet (default the first), `columns` maps a camera "
                     "field to the header of its column where vidcheck does not recognise it. Zones are matched by "
                     "id or name, or made from the name with a notice ([camera lists](camera-lists.md)).",
                     "`design/camera-list.csv`"),
}

# Vocabulary sections: heading, the jurisdiction-schema definition that names an id of it, and its tables.
VOCABULARIES: tuple[tuple[str, str, tuple[tuple[str, Mapping[str, tuple[str, str]]], ...]], ...] = (
    ("Site categories", "category", (("", CATEGORIES),)),
    ("Zone kinds", "zone_kind", (("Ordinary:", ORDINARY_ZONES),
                                 ("Private (candidates for prohibition):", PRIVATE_ZONES))),
    ("Operator kinds", "operator_kind", (("", OPERATOR_KINDS),)),
    ("Management measures", "control", (("The keys of `system.controls`:", CONTROLS),)),
)
_NAMES = {"category": "category", "zone_kind": "zone", "operator_kind": "operator"}  # tables of vidcheck/names.py
_ANCHORS = {"category": "site-categories", "zone_kind": "zone-kinds", "operator_kind": "operator-kinds"}
_DATE_FORMS = "date (`YYYY-MM-DD`, `YYYY/M/D` or `YYYY年M月D日`)"


# --- fields ------------------------------------------------------------------------------------------------------

def fields(node: Mapping[str, Any] | None = None, prefix: str = "") -> Iterator[tuple[str, Mapping[str, Any], bool]]:
    """Every field of the site schema in document order: (path, schema node, required)."""
    node = schema("site") if node is None else node
    required = set(node.get("required", ()))
    for name, child in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        yield path, child, name in required
        if child.get("type") == "object":
            yield from fields(child, f"{path}.")
        elif child.get("type") == "array" and child["items"].get("type") == "object":
            yield from fields(child["items"], f"{path}[].")


def type_of(node: Mapping[str, Any]) -> str:
    """How a person reads the schema node's type."""
    if "$ref" in node:
        definition = node["$ref"].rsplit("/", 1)[-1]
        return _DATE_FORMS if definition == "date" else type_of(schema("site")["$defs"][definition])
    if "anyOf" in node:
        return " or ".join(type_of(branch) for branch in node["anyOf"])
    if "const" in node:
        return f"`{node['const']}`"
    if "enum" in node:
        return _enum_type(node["enum"])
    kind = node.get("type")
    if kind == "array":
        items = node["items"]
        text = f"list of {_plural(type_of(items))}" if items.get("type") != "object" else "list of mappings"
        return text + (f", at least {node['minItems']}" if "minItems" in node else "") + \
            (", no repeats" if node.get("uniqueItems") else "")
    if kind == "object":
        return "mapping"
    if kind == "integer" and ("minimum" in node or "maximum" in node):
        return f"integer {node.get('minimum', '')}–{node.get('maximum', '')}"
    if kind == "string" and "pattern" in node:
        return f"text matching `{node['pattern']}`"
    if kind == "string":
        return "non-empty text" if node.get("minLength") else "text"
    if kind == "null":
        return "`null`"
    return str(kind)


def _enum_type(values: list[Any]) -> str:
    for definition, anchor in _ANCHORS.items():
        ids = schema("jurisdiction")["$defs"][definition]["enum"]
        if values == ids:
            return f"[{definition.replace('_', ' ')} id](#{anchor})"
        if values[:len(ids)] == ids:  # the site schema also takes each id's Chinese names
            return f"[{definition.replace('_', ' ')} id or Chinese name](#{anchor})"
    return "one of " + ", ".join(f"`{v}`" for v in values)


def _plural(text: str) -> str:
    return text.replace(" id]", " ids]").replace(" id or Chinese name]", " ids or Chinese names]")


def meaning(path: str, node: Mapping[str, Any]) -> str:
    """The field's meaning: FIELDS, else a control's labels from the vocabulary, else the schema's description."""
    if path in FIELDS:
        return FIELDS[path][0]
    control = path.removeprefix("system.controls.")
    if control in CONTROLS:
        zh, en = CONTROLS[control]
        return f"{zh} ({en}) is in place."
    return str(node.get("description", ""))


def example(path: str) -> str:
    if path in FIELDS:
        return FIELDS[path][1]
    return "`true`" if path.removeprefix("system.controls.") in CONTROLS else ""


def _field_rows() -> Iterator[str]:
    yield "| field | type | required | meaning | example |"
    yield "|---|---|---|---|---|"
    for path, node, required in fields():
        extra = f" Default `{str(node['default']).lower()}`." if "default" in node else ""
        cells = (f"`{path}`", type_of(node), "yes" if required else "", meaning(path, node) + extra, example(path))
        yield "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


# --- vocabulary and the rules that use it -------------------------------------------------------------------------

def used_by(catalog: Catalog) -> dict[tuple[str, str], dict[str, list[str]]]:
    """(definition, id) -> jurisdiction (and instrument) -> "article (check)" of each shipped rule naming the id."""
    found: dict[tuple[str, str], dict[str, list[str]]] = {}
    for ident in sorted(catalog.jurisdictions):
        rules = catalog.jurisdictions[ident].rules
        several = len({rule.instrument.key for rule in rules}) > 1  # then name the instrument of each article
        for rule in rules:
            where = f"`{ident}`" + (f" {rule.instrument.title}" if several else "")
            for use in dict.fromkeys(uses(rule)):
                articles = found.setdefault(use, {}).setdefault(where, [])
                entry = f"{rule.article} (`{rule.check}`)"
                if entry not in articles:
                    articles.append(entry)
    return found


def _instrument_rows(catalog: Catalog) -> Iterator[str]:
    yield "| jurisdiction | instrument | number | in force from | text |"
    yield "|---|---|---|---|---|"
    for ident in sorted(catalog.jurisdictions):
        for instrument in catalog.jurisdictions[ident].instruments.values():
            start = instrument.effective_on.isoformat() if instrument.effective_on else "—"
            status = " (draft: applied only when chosen)" if instrument.draft else ""
            text = f"[{instrument.source}](../sources/{instrument.source})"
            yield f"| `{ident}` | {instrument.title}{status} | {instrument.number} | {start} | {text} |"


def _vocabulary_rows(definition: str, table: Mapping[str, tuple[str, str]],
                     users: Mapping[tuple[str, str], Mapping[str, list[str]]]) -> Iterator[str]:
    names = _NAMES.get(definition)
    yield "| id | 中文 | English | also written | named by shipped rules |"
    yield "|---|---|---|---|---|"
    for ident, (zh, en) in table.items():
        cited = users.get((definition, ident), {})
        cell = "<br>".join(f"{instrument}: {', '.join(articles)}" for instrument, articles in cited.items())
        also = "、".join(n for n, i in chinese_names(names).items() if i == ident) if names else ""
        yield f"| `{ident}` | {zh} | {en} | {also or '—'} | {cell or '—'} |"


# --- the page ----------------------------------------------------------------------------------------------------

INTRO = f"""# Inventory reference

<!-- Generated by `{COMMAND}` from schemas/site.schema.json, vidcheck/vocabulary.py and the shipped
jurisdictions. Do not edit by hand: change those, then run the command. -->

One YAML file describes one site's video system (公共安全视频图像信息系统). Its schema is
[`schemas/site.schema.json`](../schemas/site.schema.json): put
`# yaml-language-server: $schema=<path>` on the first line, where `<path>` is what `vidcheck schema --path` prints (the
copy installed with vidcheck, so the line works from any folder), and editors check the file as you type.
`vidcheck init` writes a new inventory with that line. The [examples](../examples/) are complete inventories.

- "required: yes" means required wherever the mapping that holds the field is given (`site.operator` may be left
  out; when it is there, it needs `kind`).
- Dates may be written `2024-03-01`, `2024/3/1` or `2024年3月1日`; all three are the same day.
- Unknown keys are errors (a typo must not switch a check off). Keys starting with `x-` are yours, in every mapping.
- A camera is active on the audit date if it was installed on or before that day (or has no `installed_on`) and
  not removed by it. Anything dated after the audit date has not happened yet: a plan gets `filing.due`, not
  `filing.late`.
"""

VOCABULARY_INTRO = """## Vocabulary

Ids are stable; reports show the Chinese or English label. Which categories require a system, which zone kinds must
be covered or are prohibited and which measures are required is decided by each jurisdiction's rules, not by these
lists. An inventory may write an id or one of its Chinese names ("also written": each part of the Chinese label and
the names of [`vidcheck/names.toml`](../vidcheck/names.toml)); `vidcheck vocabulary` prints these tables. The last
column lists the shipped rules that name the id: jurisdiction, article and check family (the
instruments are [below](#shipped-jurisdictions)). A rule that names no category binds every site with a public
category, so it is listed under none; `non_public` sites are bound only by rules that name `non_public`.
"""

INSTRUMENTS_INTRO = """## Shipped jurisdictions

The instruments each shipped jurisdiction applies, and the text in [`sources/`](../sources/README.md) that its quotes
come from (public copies, not the official gazettes: check the gazette before relying on a quote). A local
jurisdiction applies `cn-national`'s rules too, and the strictest requirement decides.
"""


def render() -> str:
    catalog = load_catalog()
    users = used_by(catalog)
    parts = [INTRO, "## Fields\n", *_field_rows(), "", VOCABULARY_INTRO]
    for heading, definition, tables in VOCABULARIES:
        parts.append(f"### {heading}\n")
        for lead, table in tables:
            parts += [*([f"{lead}\n"] if lead else []), *_vocabulary_rows(definition, table, users), ""]
    return "\n".join([*parts, INSTRUMENTS_INTRO, *_instrument_rows(catalog), ""])


def main(argv: list[str]) -> int:
    return write_or_check(OUTPUT, render(), argv, COMMAND)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
