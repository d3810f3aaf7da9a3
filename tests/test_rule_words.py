"""Words for people from rule data and report assembly, in the language of the run (issue 14 item 5).

A Chinese user must see no English sentence in zh output, and an English user no Chinese outside what is Chinese by
nature (quotes, instrument titles, articles, the inventory's own names). The scanners below strip those allowances
first and then look for what is left: a run of two or more English words (zh) or any Chinese (en).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, run
from ruamel.yaml import YAML

from vidcheck.jurisdictions import load_catalog
from vidcheck.resources import data_dir, schema

CATALOG = load_catalog()
SHIPPED = sorted(CATALOG.jurisdictions)
SHIPPED_FILES = {path.stem: YAML(typ="safe").load(path.read_text(encoding="utf-8"))
                 for path in sorted(data_dir("jurisdictions").glob("*.yaml"))}
BAD_EXAMPLES = sorted((REPO / "examples").glob("*-bad.yaml"))
AS_OF = "2026-11-30"  # a fixed day: outputs do not change with the day the suite runs

# --- which fields of a jurisdiction file are words for people ---------------------------------------------------

# (definition of the schema, property): every property whose value is words for people. The schema is the truth;
# the test below fails when a new property takes words and this walker does not visit it.
WORDS_FIELDS = {("root", "notes"), ("instrument", "note"), ("penalty", "note"), ("penalty", "refers_to"),
                ("penalty", "condition"), ("penalty", "orders"), ("fine", "condition"), ("fine", "who"),
                ("rule", "note")}


def _schema_words_fields() -> set[tuple[str, str]]:
    document = schema("jurisdiction")
    found = set()
    for name, definition in [("root", document), *document["$defs"].items()]:
        for prop, spec in definition.get("properties", {}).items():
            if "#/$defs/words" in json.dumps(spec):
                found.add((name, prop))
    return found


def _words(data: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Every value of a words field in a jurisdiction file, with where it is."""
    for index, note in enumerate(data.get("notes") or ()):
        yield f"/notes/{index}", note
    for key, instrument in data["instruments"].items():
        if "note" in instrument:
            yield f"/instruments/{key}/note", instrument["note"]
    for key, penalty in (data.get("penalties") or {}).items():
        for field in ("note", "refers_to", "condition"):
            if field in penalty:
                yield f"/penalties/{key}/{field}", penalty[field]
        for index, order in enumerate(penalty.get("orders", ())):
            yield f"/penalties/{key}/orders/{index}", order
        for index, fine in enumerate(penalty.get("fines", ())):
            for field in ("condition", "who"):
                if field in fine:
                    yield f"/penalties/{key}/fines/{index}/{field}", fine[field]
    for index, rule in enumerate(data["rules"]):
        if "note" in rule:
            yield f"/rules/{index}/note", rule["note"]


def test_the_walker_visits_every_words_field_of_the_schema() -> None:
    assert _schema_words_fields() == WORDS_FIELDS


WORDS = [pytest.param(value, id=f"{stem}{pointer}") for stem, data in SHIPPED_FILES.items()
         for pointer, value in _words(data)]


@pytest.mark.parametrize("value", WORDS)
def test_every_shipped_text_for_people_has_both_languages(value: Any) -> None:
    """House style: shipped files give {zh, en}; the Chinese reads as Chinese (no English sentence in it)."""
    assert isinstance(value, dict) and set(value) == {"zh", "en"}, value
    assert value["zh"].strip() and value["en"].strip()
    assert _han(value["zh"]), value["zh"]
    assert english_runs(value["zh"]) == [], value["zh"]


def test_the_shipped_files_have_words_to_check() -> None:
    assert len(WORDS) > 250  # every note of the nine files, and their orders, conditions and referrals


def test_a_plain_string_of_a_rules_folder_is_shown_as_written_in_both_languages(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    data = {"vidcheck_jurisdiction": 1, "id": "test-words", "name": {"zh": "测试", "en": "test"},
            "parent": "cn-national", "notes": ["一条只有一种语言的说明"],
            "instruments": {"t": {"title": "测试规定", "number": "测试", "effective_on": "2000-01-01",
                                  "source": "none.txt", "note": "Instrument note as written"}},
            "penalties": {"p": {"instrument": "t", "article": "第二条", "quote": "测试", "orders": ["责令改正"],
                                "refers_to": {"zh": "其他法律", "en": "another law"}}},
            "rules": [{"id": "r", "check": "signage.missing", "signage_in": "public_zones", "instrument": "t",
                       "article": "第一条", "quote": "测试", "penalty": "p",
                       "note": {"zh": "中文说明", "en": "English note"}}]}
    (folder / "test-words.yaml").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    zh, en = (run("jurisdictions", "show", "test-words", "--rules-dir", str(folder), "--lang", lang)
              for lang in ("zh", "en"))
    assert zh.exit_code == en.exit_code == 0, zh.output + en.output
    for output in (zh.output, en.output):
        assert "一条只有一种语言的说明" in output and "Instrument note as written" in output and "责令改正" in output
    assert "中文说明" in zh.output and "其他法律" in zh.output and "English note" not in zh.output
    assert "English note" in en.output and "another law" in en.output and "中文说明" not in en.output


# --- the scanners -----------------------------------------------------------------------------------------------

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff〇]")
# Verbatim text, Chinese by nature: a quote of the law (「」 in reports, “” and "" in notes), an instrument's title
# (《》) and an article (第十四条第一款, 第（一）项)
_QUOTED = re.compile(r"「[^」]*」|“[^”]*”|\"[^\"\n]*\"|《[^》]*》")
_NUMERAL = r"[一二三四五六七八九十百千零〇\d]+"
_ARTICLE = re.compile(rf"(?:第[（(]?{_NUMERAL}[)）]?[条款项章节]|[（(]{_NUMERAL}[)）])+")
# Names that are not words for people: ids (cn-national, filing.overdue, zone:lobby, park_square, C-012), paths
# (examples/x.yaml, sources/) and option names (--lang)
_TOKEN = re.compile(r"(?<![\w-])(?:--?[a-z][\w-]*|[\w.~/-]*/[\w.~/-]*|\w+(?:[-_.:@]\w+)+)(?![\w-])")
# Two or more English words joined by spaces only: a phrase, where one word (KTV, Markdown, vidcheck) is a name
_PHRASE = re.compile(r"[A-Za-z][A-Za-z'’]*(?:[ \t]+[A-Za-z][A-Za-z'’]*)+")
# Product and format names that may stand side by side in a heading of either language
_NAMES = ("vidcheck", "GitHub", "GitLab", "SARIF", "JUnit", "JSON", "CSV", "Markdown", "KTV")


def _han(text: str) -> bool:
    return bool(_HAN.search(text))


def english_runs(text: str) -> list[str]:
    """Runs of ≥2 English words left once quotes, ids, paths and option names are taken out (zh output)."""
    text = _QUOTED.sub(" ", text)
    text = _TOKEN.sub(" ", text)
    for name in _NAMES:
        text = re.sub(rf"\b{name}\b", " ", text)
    return _PHRASE.findall(text)


def chinese_runs(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    """Chinese left once quotes, titles, articles and ``allowed`` (instrument citations, the inventory's own
    text, the law's own words) are taken out (en output). Each maximal run of Chinese is kept when it is a part
    of one of the allowed texts, so a note may name 政务服务大厅 as the law words it."""
    text = _QUOTED.sub(" ", text)
    for name in sorted(allowed, key=len, reverse=True):
        if len(name) > 8:  # whole names first (instrument citations); short words are matched run by run below
            text = text.replace(name, " ")
    text = _ARTICLE.sub(" ", text)
    runs = re.findall(r"[\u3400-\u9fff\uf900-\ufaff〇]+", text)
    corpus = "\n".join(allowed)
    return [r for r in runs if r not in corpus]


def test_the_scanners_find_what_they_are_for() -> None:
    assert english_runs("罚则：order to correct · 单位 1,000 元") == ["order to correct"]
    assert english_runs("（仅在 only where 偷窥 occurs 时）") == ["only where"]
    assert english_runs("cn-national 第十条 filing.overdue site:a-1 --lang zh examples/x-bad.yaml「a b」") == []
    assert chinese_runs("order 责令限期改正 (第十四条第一款)") == ["责令限期改正"]
    assert chinese_runs("「依法备案」 《条例》第三条 第（一）项 site 一层正门", ("一层正门入口",)) == []


# --- the outputs --------------------------------------------------------------------------------------------------

def _allowed_for_english(path: Path | None = None) -> tuple[str, ...]:
    """What is Chinese by nature in English output: instruments as cited, jurisdictions' Chinese names are not
    shown in en; the legal texts themselves (a term of the law is the law's word); the inventory's own text."""
    names = {text for j in CATALOG.jurisdictions.values() for i in j.instruments.values()
             for text in (i.citation_name, i.title, i.number)}
    sources = tuple(p.read_text(encoding="utf-8") for p in sorted(data_dir("sources").glob("*.txt")))
    own = (path.read_text(encoding="utf-8"),) if path is not None else ()
    return (*sorted(names), *sources, *own)


def _outputs(lang: str) -> Iterator[tuple[str, str, Path | None]]:
    for path in BAD_EXAMPLES:
        for fmt in ("text", "markdown"):
            result = run("audit", str(path), "--lang", lang, "--format", fmt, "--as-of", AS_OF)
            assert result.exit_code in (0, 1), result.output
            yield f"audit {path.name} {fmt}", result.output, path
    for fmt in ("text", "markdown", "csv"):
        result = run("compare", "--lang", lang, "--format", fmt, "--as-of", AS_OF)
        assert result.exit_code == 0, result.output
        yield f"compare {fmt}", result.output, None
    for ident in SHIPPED:
        result = run("jurisdictions", "show", ident, "--lang", lang)
        assert result.exit_code == 0, result.output
        yield f"jurisdictions show {ident}", result.output, None
    for command in ("jurisdictions", "rules"):
        result = run(command, "--lang", lang)
        assert result.exit_code == 0, result.output
        yield command, result.output, None


@pytest.fixture(scope="module")
def zh_outputs() -> list[tuple[str, str, Path | None]]:
    return list(_outputs("zh"))


@pytest.fixture(scope="module")
def en_outputs() -> list[tuple[str, str, Path | None]]:
    return list(_outputs("en"))


def test_chinese_output_has_no_english_phrase(zh_outputs: list[tuple[str, str, Path | None]]) -> None:
    leaks = {what: found for what, output, _ in zh_outputs if (found := sorted(set(english_runs(output))))}
    assert leaks == {}
    assert len(zh_outputs) == 2 * len(BAD_EXAMPLES) + 3 + len(SHIPPED) + 2


def test_english_output_has_no_chinese_of_its_own(en_outputs: list[tuple[str, str, Path | None]]) -> None:
    common = _allowed_for_english()
    leaks = {}
    for what, output, path in en_outputs:
        allowed = (*common, path.read_text(encoding="utf-8")) if path is not None else common
        if found := sorted(set(chinese_runs(output, allowed))):
            leaks[what] = found
    assert leaks == {}


def test_the_cache_keeps_every_text_in_both_languages() -> None:
    """The cached catalog gives back each note in both languages (a penalty's note is not part of its equality)."""
    import dataclasses

    from vidcheck.catalogcodec import catalog_from_plain, catalog_to_plain

    again = catalog_from_plain(json.loads(json.dumps(catalog_to_plain(CATALOG))))
    for ident, jurisdiction in CATALOG.jurisdictions.items():
        other = again.jurisdictions[ident]
        assert other.notes == jurisdiction.notes
        assert [i.note for i in other.instruments.values()] == [i.note for i in jurisdiction.instruments.values()]
        assert [dataclasses.asdict(r.penalty) if r.penalty else None for r in other.rules] == [
            dataclasses.asdict(r.penalty) if r.penalty else None for r in jurisdiction.rules]
        assert [r.note for r in other.rules] == [r.note for r in jurisdiction.rules]
    wuhan = again.get("cn-wuhan").rules[0].penalty
    assert wuhan is not None and wuhan.note is not None and wuhan.note.zh.startswith("援引性规定")
