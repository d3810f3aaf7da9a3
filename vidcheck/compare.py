"""Side-by-side comparison of jurisdictions, derived from their rule data only."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .dates import longest_span_days
from .jurisdictions import Catalog, Jurisdiction, Rule
from .messages import Term, period_text
from .render.common import penalty_line


@dataclass(frozen=True)
class Comparison:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]


def _rules(j: Jurisdiction, check: str) -> list[Rule]:
    return [r for r in j.rules if r.check == check]


def _cite(rule: Rule) -> str:
    return f"（{rule.instrument.article_name(rule.article)}）"


def _join(values: Sequence[str]) -> str:
    return "\n".join(values) if values else "—"


def _label(table: str, ident: str, lang: str) -> str:
    return Term(table, ident).label(lang)


def _period(rule: Rule, key: str, lang: str) -> str:
    period = rule.params.get(key)
    if period is None:
        return "no deadline" if lang == "en" else "未规定期限"
    days = longest_span_days(period)
    shown = period_text(period).render(lang)
    return shown if set(period) == {"days"} else f"{shown} (≥{days}d)"


def _row_retention(j: Jurisdiction, lang: str, check: str = "retention.minimum") -> str:
    return _join([f"{_period(r, 'minimum', lang)}{_cite(r)}" for r in _rules(j, check)])


def _row_prohibited(j: Jurisdiction, lang: str) -> str:
    kinds = sorted({k for r in _rules(j, "privacy.forbidden-zone") for k in r.params["zone_kinds"]})
    articles = list(dict.fromkeys(r.article for r in _rules(j, "privacy.forbidden-zone")))
    if not kinds:
        return _join([])
    return "、".join(_label("zone", k, lang) for k in kinds) + f"（{'、'.join(articles)}）"


def _row_government_only(j: Jurisdiction, lang: str) -> str:
    return _join([("、".join(_label("zone", k, lang) for k in r.params["zone_kinds"])) + _cite(r)
                  for r in _rules(j, "installer.unauthorized")])


def _row_signage(j: Jurisdiction, lang: str) -> str:
    names = {"public_zones": ("公共场所的监控部位", "public zones"),
             "monitored_zones": ("所有监控区域", "every monitored zone")}
    return _join([names[r.params["signage_in"]][0 if lang == "zh" else 1] + _cite(r)
                  for r in _rules(j, "signage.missing")])


def _row_filing(j: Jurisdiction, lang: str) -> str:
    triggers = {"accepted_on": ("竣工验收合格之日起", "from acceptance"),
                "in_service_on": ("投入使用之日起", "from entry into service")}
    return _join([f"{triggers[r.params['trigger']][0 if lang == 'zh' else 1]} {_period(r, 'within', lang)}{_cite(r)}"
                  for r in _rules(j, "filing.deadline")])


def _row_preexisting(j: Jurisdiction, lang: str) -> str:
    """Which systems predate the instrument (the text's own word) and their deadline, citing the transitional
    clause itself (大同 第十五条第二款, 青岛 第三十五条) where the rule names one."""
    words = {"accepted_on": ("施行前已经建成（竣工验收）：", "built (accepted) before it took effect: "),
             "in_service_on": ("施行前已经启用（投入使用）：", "in use before it took effect: ")}
    values = []
    for rule in _rules(j, "filing.deadline"):
        if "preexisting_within" in rule.params:
            word = words[rule.params.get("preexisting_when", rule.params["trigger"])][0 if lang == "zh" else 1]
            article = (rule.preexisting_citations or rule.citations)[0].article
            period = _period(rule, "preexisting_within", lang)
            values.append(f"{word}{rule.instrument.effective_on} + {period}（{article}）")
    return _join(values)


def _row_removal(j: Jurisdiction, lang: str) -> str:
    return _join([f"{_period(r, 'within', lang)}{_cite(r)}" for r in _rules(j, "filing.removal")])


def _row_continuous(j: Jurisdiction, lang: str) -> str:
    return _join([("要求" if lang == "zh" else "required") + _cite(r) for r in _rules(j, "operation.continuous")])


def _row_controls(j: Jurisdiction, lang: str) -> str:
    return _join([("、".join(_label("control", c, lang) for c in r.params["controls"])) + _cite(r)
                  for r in _rules(j, "controls.missing")])


def _fines(check: str) -> Callable[[Jurisdiction, str], str]:
    def row(j: Jurisdiction, lang: str) -> str:
        # a sector law's penalty names its instrument, as its articles do in the other rows
        penalties = dict.fromkeys((r.penalty, r.instrument.sector) for r in _rules(j, check) if r.penalty is not None)
        return _join([penalty_line(p, lang, instrument=sector) for p, sector in penalties])

    return row


def _row_instrument(j: Jurisdiction, lang: str) -> str:
    marks = []
    for instrument in j.instruments.values():
        state = "草案" if instrument.draft and lang == "zh" else "draft" if instrument.draft else str(
            instrument.effective_on)
        marks.append(f"{instrument.citation_name} [{state}]")
    return _join(marks)


ROWS: tuple[tuple[tuple[str, str], Callable[[Jurisdiction, str], str]], ...] = (
    (("法规", "Instruments"), _row_instrument),
    (("上级", "Parent"), lambda j, lang: j.parent or "—"),
    (("最短保存期", "Minimum retention"), _row_retention),
    (("涉案视频保存期", "Incident retention"), lambda j, lang: _row_retention(j, lang, "retention.incident")),
    (("禁止安装部位", "Prohibited zones"), _row_prohibited),
    (("仅限政府建设", "Government-only places"), _row_government_only),
    (("提示标识", "Signage"), _row_signage),
    (("备案期限", "Filing deadline"), _row_filing),
    (("已有系统备案", "Pre-existing systems"), _row_preexisting),
    (("拆除备案", "Removal filing"), _row_removal),
    (("连续运行", "Continuous operation"), _row_continuous),
    (("管理措施", "Management measures"), _row_controls),
    (("罚则：未建设", "Fine: no system"), _fines("coverage.system-required")),
    (("罚则：违规安装", "Fine: prohibited zone"), _fines("privacy.forbidden-zone")),
    (("罚则：擅自建设", "Fine: unauthorized installer"), _fines("installer.unauthorized")),
    (("罚则：备案", "Fine: filing"), _fines("filing.deadline")),
    (("罚则：保存期", "Fine: retention"), _fines("retention.minimum")),
)


def comparison(catalog: Catalog, idents: Sequence[str], lang: str) -> Comparison:
    chosen = [catalog.get(i) for i in idents]
    rows = tuple((name[0 if lang == "zh" else 1], tuple(row(j, lang) for j in chosen)) for name, row in ROWS)
    return Comparison(tuple(j.id for j in chosen), rows)
