"""-f html (SPEC §11): one self-contained page, A4, CJK font stack, every input string escaped, charts drawn inline."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from conftest import REPO, run

HOTEL = REPO / "examples" / "cn-qingdao-hotel-bad.yaml"


def audit_html(path: str | Path, *extra: str) -> str:
    result = run("audit", str(path), "--as-of", "2026-11-22", "-f", "html", *extra)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text, of a page (the page must parse)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    tags.close()
    return tags


def test_the_page_is_self_contained_and_printable_on_a4(tmp_path: Path):
    shutil.copy(HOTEL, tmp_path / "hotel.yaml")
    page = audit_html("hotel.yaml", "--lang", "zh")
    tags = parsed(page)
    names = {tag for tag, _ in tags.tags}
    assert "script" not in names and "link" not in names and "img" not in names and "iframe" not in names
    # nothing fetched: no external reference of any kind, in attributes or in the CSS
    assert not any(value and re.match(r"\s*(https?:|//|file:|data:)", value)
                   for _, attrs in tags.tags for key, value in attrs.items() if key in ("src", "href"))
    assert "url(" not in page and "@import" not in page and "@font-face" not in page
    assert "@page { size: A4;" in page and "@media print" in page and "break-inside: avoid" in page
    assert '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif' in page
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page and '<meta charset="utf-8">' in page
    policies = [attrs.get("content") for tag, attrs in tags.tags if tag == "meta"
                and (attrs.get("http-equiv") or "").lower() == "content-security-policy"]
    assert policies == ["default-src 'none'; style-src 'unsafe-inline'"]  # the browser itself refuses any fetch
    assert names >= {"svg", "rect", "table"}


def test_the_page_shows_the_site_table_charts_and_every_finding(tmp_path: Path):
    shutil.copy(HOTEL, tmp_path / "hotel.yaml")
    zh = audit_html("hotel.yaml", "--lang", "zh")
    text = "".join(parsed(zh).text)
    for words in ("场所一览", "罚款风险", "按规则统计的问题", "按场所统计的问题", "罚则", "依据", "qd-shinan-hotel-05",
                  "青岛栈桥海悦酒店", "cn-qingdao → cn-national", "第十六条第一款", "第二十八条第一项",
                  "建设单位应当自竣工验收合格之日起30日内将图纸等资料向所在地区(市)公安机关备案", "文件：hotel.yaml",
                  "privacy.forbidden-zone", "retention.minimum", "filing.overdue", "审计日 2026-11-22", "未通过"):
        assert words in text, words
    assert len(re.findall(r'<tr class="g error">', zh)) == 7  # a group per rule and legal basis
    assert zh.count("<td class=\"loc\">") == 7
    assert '<tr><td>site:qd-shinan-hotel-05<td class="loc">32:3<td>' in zh  # line:column in the site's file
    # each legal text once, numbered, at the end; each group refers to its articles by number
    basis = zh.split('<section id="basis">')[1]
    assert basis.count("建设单位应当自竣工验收合格之日起30日内将图纸等资料向所在地区(市)公安机关备案") == 1
    assert re.search(r'<a href="#law-(\d+)">\[\1\]</a>&#8239;第十六条第一款', zh)
    assert len(set(re.findall(r'id="(law-\d+)"', basis))) == len(re.findall(r'id="law-\d+"', basis)) > 5
    assert "camera:C-013" in text
    en = audit_html("hotel.yaml", "--lang", "en")
    assert '<html lang="en">' in en and "Findings by rule" in en and "Penalty" in en and "Sites" in en


def test_every_input_string_is_escaped(write_site):
    hostile = "<script>alert(1)</script>\u202eevil\" onload=\"x"
    path = write_site({"site": {"name": hostile},
                       "zones": [{"id": "t", "kind": "toilet", "name": "<img src=x>"}],
                       "cameras": [{"id": "C-1", "zone": "t", "location": "</article><h1>"}]})
    page = audit_html(path)
    tags = parsed(page)
    assert {tag for tag, _ in tags.tags}.isdisjoint({"script", "img", "i"})
    assert sum(1 for tag, _ in tags.tags if tag == "h1") == 1
    assert "\u202e" not in page and "\\u202e" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x&gt;" in page
    assert not any("onload" in attrs for _, attrs in tags.tags)
    assert "camera:C-1（&lt;/article&gt;&lt;h1&gt;）" in page  # a camera's id with its location


def test_the_site_chart_names_the_top_sites_and_sums_the_others(write_site, tmp_path: Path):
    for index in range(15):
        write_site({"site": {"id": f"s-{index:02d}"}, "zones": [{"id": "t", "kind": "toilet"}],
                    "cameras": [{"id": f"C-{n}", "zone": "t"} for n in range(index + 1)]})
    page = audit_html(tmp_path)
    chart = page.split("<figcaption>Findings by site</figcaption>")[1].split("</figure>")[0]
    labels = re.findall(r"</title>([^<]*)</text>", chart)
    assert labels[0] == "s-14" and "s-04" in labels and "s-03" not in labels
    assert labels[-1] == "4 other sites" and len(labels) == 12
    totals = [int(n) for n in re.findall(r'fill="#344054">(\d+)</text>', chart)]
    report = json.loads(run("audit", str(tmp_path), "--as-of", "2026-11-22", "-f", "json").stdout)
    per_site = {site["site"]: len(site["findings"]) for site in report["sites"]}
    assert totals[0] == per_site["s-14"]
    assert totals[-1] == sum(per_site[f"s-{n:02d}"] for n in range(4))  # the four smallest sites


def test_html_is_a_format_of_the_configuration_file(tmp_path: Path):
    shutil.copy(HOTEL, tmp_path / "hotel.yaml")
    (tmp_path / ".vidcheck.yaml").write_text("format: [text, html=report.html]\n", encoding="utf-8")
    result = run("audit", "hotel.yaml", "--as-of", "2026-11-22")
    assert result.exit_code == 1, result.output
    assert (tmp_path / "report.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_a_waived_finding_says_by_whom_and_is_not_counted(tmp_path: Path):
    shutil.copy(HOTEL, tmp_path / "hotel.yaml")
    (tmp_path / "w.yaml").write_text(
        "vidcheck_waivers: 1\nwaivers:\n  - {rule: retention.minimum, site: qd-shinan-hotel-05, "
        'subject: "site:qd-shinan-hotel-05", justification: 扩容中, approved_by: 王伟, expires: 2099-12-31}\n',
        encoding="utf-8")
    page = audit_html("hotel.yaml", "--waivers", "w.yaml", "--lang", "zh")
    assert '<tr class="w"><td>site:qd-shinan-hotel-05' in page and "王伟" in page and "扩容中" in page
    assert "已豁免 1" in "".join(parsed(page).text)
    assert page.count("<td class=\"loc\">") == 7


def test_input_errors_are_listed_at_their_line(tmp_path: Path):
    (tmp_path / "bad.yaml").write_text("vidcheck: 1\nsite:\n  id: [\n", encoding="utf-8")
    result = run("audit", "bad.yaml", "-f", "html")
    assert result.exit_code == 2 and "<code>bad.yaml:4:1</code>" in result.stdout
    assert "did not find expected node content" in result.stdout and "Could not evaluate" in result.stdout


def test_only_failing_leaves_clean_sites_out_of_the_detail_not_the_table(tmp_path: Path):
    shutil.copy(HOTEL, tmp_path / "hotel.yaml")
    shutil.copy(REPO / "examples" / "cn-qingdao-market-ok.yaml", tmp_path / "market.yaml")
    full = audit_html("hotel.yaml", "market.yaml")
    short = audit_html("hotel.yaml", "market.yaml", "--only-failing")
    assert full.count('<section class="site"') == 2 and short.count('<section class="site"') == 1
    assert "qd-licang-market-03" in short.split('<section id="detail">')[0]
    anchors = set(re.findall(r'href="#(site-[0-9a-f]+)"', short))
    assert anchors and anchors <= set(re.findall(r'id="(site-[0-9a-f]+)"', short))  # no link leads nowhere
