"""Finding messages and report labels in Chinese and English. Article quotes are never translated."""

from __future__ import annotations

import datetime as dt
import locale
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .model import Deadline
from .vocabulary import CATEGORIES, CONTROLS, OPERATOR_KINDS, ZONE_KINDS, label

_TABLES = {"category": CATEGORIES, "zone": ZONE_KINDS, "control": CONTROLS, "operator": OPERATOR_KINDS}


@dataclass(frozen=True, slots=True)
class Term:
    """A vocabulary id shown by its label in the report's language."""

    table: str
    id: str

    def label(self, lang: str) -> str:
        return label(_TABLES[self.table], self.id, lang)


@dataclass(frozen=True, slots=True)
class Text:
    """A message to be rendered later, in whichever language the report is in."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, **params: Any) -> Text:
        return cls(key, tuple(params.items()))

    def render(self, lang: str) -> str:
        template = MESSAGES[self.key][0 if lang == "zh" else 1]
        return template.format(**{name: _show(value, lang) for name, value in self.params})


def _show(value: Any, lang: str) -> str:
    if isinstance(value, Text):
        return value.render(lang)
    if isinstance(value, Term):
        return value.label(lang)
    if isinstance(value, (list, tuple, frozenset, set)):
        items = [_show(v, lang) for v in (sorted(value, key=str) if isinstance(value, (set, frozenset)) else value)]
        return ("、" if lang == "zh" else ", ").join(items)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


MESSAGES: Mapping[str, tuple[str, str]] = {
    "coverage.system-required": (
        "{categories}须建设公共安全视频系统，但审计日没有任何在用摄像机",
        "a {categories} site must have a video system, but no camera is active on the audit date"),
    "coverage.zone-required.missing": (
        "缺少须覆盖的部位：{kinds}（{categories}）",
        "no zone of a kind that must be covered: {kinds} (required for {categories})"),
    "coverage.zone-required.uncovered": (
        "部位{zone}（{kind}）须有监控，但没有在用摄像机",
        "zone {zone} ({kind}) must be covered but has no active camera"),
    "privacy.forbidden-zone": (
        "摄像机{camera}安装在禁止安装的部位{zone}（{kind}）",
        "camera {camera} is in zone {zone} ({kind}), where cameras are prohibited"),
    "installer.unauthorized": (
        "摄像机{camera}拍摄{kind}{zone}，该类场所只能由政府组织建设，运营者为{operator}",
        "camera {camera} covers {kind} {zone}, which only the government may equip; the operator is {operator}"),
    "installer.outside-premises": (
        "摄像机{camera}拍摄{kind}{zone}，该部位在运营者本单位范围以外，运营者为{operator}",
        "camera {camera} covers {kind} {zone}, which lies outside the operator's own premises; the operator is "
        "{operator}"),
    "installer.outside-premises.public": (
        "摄像机{camera}拍摄{kind}{zone}，该部位是运营者本单位范围以外的公共区域，运营者为{operator}",
        "camera {camera} covers {kind} {zone}, a public area outside the operator's own premises; the operator is "
        "{operator}"),
    "retention.minimum": (
        "视频保存期为{actual}日，少于{required}日",
        "footage is kept {actual} days, less than {required}"),
    "retention.minimum.undeclared": (
        "未申报视频保存期，至少须保存{required}日",
        "no retention period declared; at least {required} days are required"),
    "retention.minimum.unnumbered": (
        "未申报视频保存期：须按照规定期限留存，并与备案一致（system.retention_days）",
        "no retention period declared: footage must be kept for the prescribed period, as filed "
        "(system.retention_days)"),
    "retention.incident": (
        "涉案视频保存{actual}日，少于{required}日（{period}）",
        "incident footage is kept {actual} days, less than {required} ({period})"),
    "retention.incident.undeclared": (
        "未申报涉案视频保存期，至少须保存{required}日（{period}）",
        "no incident retention declared; at least {required} days ({period}) are required"),
    "signage.missing": (
        "监控部位{zone}未设置明显的提示标识",
        "monitored zone {zone} has no conspicuous notice"),
    "filing.missing": (
        "系统未向公安机关备案",
        "the system has not been filed with the police"),
    "filing.overdue": (
        "系统未备案，备案期限{deadline}已过（{basis}）",
        "the system is not filed and the deadline {deadline} has passed ({basis})"),
    "filing.late": (
        "系统于{filed}备案，晚于期限{deadline}（{basis}）",
        "the system was filed on {filed}, after the deadline {deadline} ({basis})"),
    "filing.due": (
        "系统尚未备案，须于{deadline}前（含当日）备案（{basis}）",
        "the system is not filed yet: file by {deadline} inclusive ({basis})"),
    "filing.overdue.before": (
        "系统于{filed}备案，早于{instrument}施行之日{effective}，不能履行已有系统的备案义务；"
        "应于{deadline}前重新备案，期限已过（{basis}）",
        "the system was filed on {filed}, before {instrument} took effect on {effective}; a pre-existing system "
        "had to file again by {deadline}, which has passed ({basis})"),
    "filing.due.before": (
        "系统于{filed}备案，早于{instrument}施行之日{effective}；已有系统须于{deadline}前（含当日）重新备案（{basis}）",
        "the system was filed on {filed}, before {instrument} took effect on {effective}; a pre-existing system "
        "files again by {deadline} inclusive ({basis})"),
    "filing.removal.overdue": (
        "摄像机{camera}于{removed}拆除，未在{deadline}前备案（{basis}）",
        "camera {camera} was removed on {removed} and the removal was not filed by {deadline} ({basis})"),
    "filing.removal.late": (
        "摄像机{camera}于{removed}拆除，{filed}才备案，晚于{deadline}（{basis}）",
        "camera {camera} was removed on {removed}; the removal was filed on {filed}, after {deadline} ({basis})"),
    "filing.removal.missing": (
        "摄像机{camera}于{removed}拆除，未备案",
        "camera {camera} was removed on {removed} and the removal has not been filed"),
    "filing.removal.due": (
        "摄像机{camera}于{removed}拆除，须于{deadline}前（含当日）备案（{basis}）",
        "camera {camera} was removed on {removed}: file the removal by {deadline} inclusive ({basis})"),
    "filing.removal.notice.late": (
        "摄像机{camera}拆除日为{removed}，{notified}才通知公安机关，晚于{deadline}（{basis}）",
        "camera {camera} (removal on {removed}): the police were told on {notified}, after {deadline} ({basis})"),
    "filing.removal.notice.missing": (
        "摄像机{camera}于{removed}拆除，未提前通知公安机关，应于{deadline}前（含当日）通知（{basis}）",
        "camera {camera} was removed on {removed} without telling the police in advance, due by {deadline} "
        "inclusive ({basis})"),
    "filing.removal.notice.overdue": (
        "摄像机{camera}拟于{removed}拆除，应于{deadline}前（含当日）通知公安机关，尚未通知（{basis}）",
        "camera {camera} is to be removed on {removed}: the police had to be told by {deadline} inclusive and "
        "have not been ({basis})"),
    "filing.mismatch": (
        "备案申报的保存期为{declared}日，系统实际为{actual}日，应办理备案变更",
        "the filing declares {declared} days of retention but the system keeps {actual}: file a change"),
    "filing.change": (
        "{filed}备案后备案事项已发生变化（最早变化于{since}），未办理备案变更，应当及时办理：{changes}",
        "what the filing of {filed} declared has changed (first change on {since}) and no change filing followed: "
        "{changes}"),
    "filing.change.undated": (
        "{filed}备案后备案事项已发生变化，未办理备案变更，应当及时办理：{changes}",
        "what the filing of {filed} declared has changed and no change filing followed: {changes}"),
    "filing.change.installed": ("新增摄像机{n}台：{cameras}", "{n} camera(s) installed: {cameras}"),
    "filing.change.removed": ("拆除摄像机{n}台且未备案：{cameras}",
                              "{n} camera(s) removed, removal not filed: {cameras}"),
    "filing.change.camera": ("{camera}（{day}）", "{camera} ({day})"),
    "filing.change.more": ("{cameras}等（另有{more}台）", "{cameras} and {more} more"),
    "filing.change.count": (
        "备案申报摄像机{declared}台，审计日在用{actual}台",
        "the filing declared {declared} camera(s), {actual} are active on the audit date"),
    "filing.change.count.removals": (
        "备案申报摄像机{declared}台，其后已备案拆除{filed}台，审计日在用{actual}台",
        "the filing declared {declared} camera(s) and {filed} removal(s) were filed since; {actual} are active on "
        "the audit date"),
    "filing.change.and": ("{first}；{rest}", "{first}; {rest}"),
    "acceptance.before-use": (
        "系统于{in_service}投入使用，早于竣工验收合格之日{accepted}",
        "the system went into service on {in_service}, before it passed acceptance on {accepted}"),
    "acceptance.before-use.pending": (
        "系统于{in_service}投入使用，验收（{accepted}）尚未进行",
        "the system has been in service since {in_service}; its acceptance ({accepted}) has not happened yet"),
    "acceptance.before-use.none": (
        "系统于{in_service}投入使用，未申报竣工验收合格（accepted_on）",
        "the system has been in service since {in_service} with no acceptance declared (accepted_on)"),
    "acceptance.before-use.undated": (
        "有{cameras}台在用摄像机，但未申报竣工验收合格之日（accepted_on）和投入使用之日（in_service_on），"
        "无法表明系统验收合格后才投入使用",
        "{cameras} camera(s) are in use but neither accepted_on nor in_service_on is declared: nothing shows "
        "that the system passed acceptance before use"),
    "operation.continuous": (
        "系统未全天连续运行（operates_24x7: false）",
        "the system does not run continuously (operates_24x7: false)"),
    "controls.missing.false": (
        "未落实管理措施：{control}",
        "management measure not in place: {control}"),
    "controls.missing.undeclared": (
        "未申报管理措施：{control}",
        "management measure not declared: {control}"),
    "waiver.expired": (
        "豁免已于{expires}到期：{rule}（{subject}）重新计入",
        "waiver expired on {expires}: {rule} on {subject} counts again"),
    "waiver.not-waivable": (
        "{rule}是法律绝对禁止的事项，不得豁免（{subject}）",
        "{rule} cannot be waived: the law makes it absolute ({subject})"),
    "waiver.unused": (
        "豁免未对应任何问题：场所{site}的{subject}没有{rule}",
        "unused waiver: site {site} has no {rule} finding on {subject}"),
    "waiver.duplicate": (
        "重复的豁免（首次出现在第{line}行），已忽略",
        "duplicate waiver (first at line {line}); ignored"),
    "waiver.invalid": (
        "豁免无效，未豁免任何问题：{problem}",
        "invalid waiver, waives nothing: {problem}"),
    "baseline.unused": (
        "基线条目未对应任何问题：场所{site}的{subject}没有可列入基线的{rule}，可从基线中删除",
        "unused baseline entry: site {site} has no {rule} finding on {subject} that it could accept; remove it"),
    "quote.unverifiable": (
        "引文未经核对：{folder}/sources/、{folder} 和随附法规文本中都没有 {source}，"
        "请把该法规文本放入 {folder}/sources/",
        "quote not checked: no text {source} in {folder}/sources/, in {folder} or among the shipped texts; copy the "
        "instrument's text into {folder}/sources/"),
    # where a site's address places it (vidcheck/places.py): notices, never findings
    "jurisdiction.broader": (
        "地址位于{place}，该地的地方规则{jurisdiction}未适用：本次审计只适用了{applied}，可能漏查地方义务；"
        "请在 site.jurisdiction 或 --jurisdiction 中选用{jurisdiction}",
        "the address is in {place}, whose local rules {jurisdiction} were not applied: this audit applied only "
        "{applied} and may miss local duties; choose it in site.jurisdiction or with --jurisdiction"),
    "jurisdiction.broader.draft": (
        "地址位于{place}，该地有草案{jurisdiction}，草案不是生效的法律，本次审计适用了{applied}",
        "the address is in {place}, for which a draft exists: {jurisdiction}, not binding; this audit applied "
        "{applied}"),
    "jurisdiction.none-local": (
        "未随附{place}的地方规则：只适用了{applied}",
        "no local rules are shipped for {place}: only {applied} was applied"),
    "jurisdiction.elsewhere": (
        "地址中没有{places}，但本次审计适用了{applied}：请核对 site.jurisdiction 与地址",
        "the address names none of {places}, yet this audit applied {applied}: check site.jurisdiction against "
        "the address"),
    "jurisdiction.elsewhere.local": (
        "地址中没有{places}，但本次审计适用了{applied}；地址位于{place}，该地的地方规则为{jurisdiction}",
        "the address names none of {places}, yet this audit applied {applied}; the address is in {place}, whose "
        "local rules are {jurisdiction}"),
    "basis.trigger.accepted_on": ("自竣工验收合格之日{start}起{period}", "{period} from acceptance on {start}"),
    "basis.trigger.in_service_on": ("自投入使用之日{start}起{period}", "{period} from entry into service on {start}"),
    "basis.trigger.delivered_on": ("自交付使用之日{start}起{period}", "{period} from delivery into use on {start}"),
    "basis.notice.before": ("拆除之日{removed}前至少{period}", "at least {period} before the removal on {removed}"),
    "basis.notice.by_removal": ("拆除之日{removed}前", "before the removal on {removed}"),
    "basis.preexisting": ("已有系统，自施行之日{start}起{period}", "existing system, {period} from {start}"),
    "basis.trigger.removed_on": ("自拆除之日{start}起{period}", "{period} from removal on {start}"),
    # a deadline's move past a 法定休假日 (民法典第二百零三条), shown after its basis
    "basis.noted": ("{basis}；{note}", "{basis}; {note}"),
    "deadline.extended": (
        "期间最后一日{unextended}是法定休假日，以休假日结束的次日{due}为最后一日，民法典第二百零三条",
        "the period's last day {unextended} is a 法定休假日, so the day after the holiday, {due}, is the last day "
        "(民法典 第二百零三条)"),
    "deadline.unknown": (
        "{year}年的节假日安排未知，只计周末",
        "the holiday schedule of {year} is unknown: only weekends are counted"),
    "deadline.extended.unknown": (
        "期间最后一日{unextended}是法定休假日，以休假日结束的次日{due}为最后一日，民法典第二百零三条；"
        "{year}年的节假日安排未知，只计周末",
        "the period's last day {unextended} is a 法定休假日, so the day after the holiday, {due}, is the last day "
        "(民法典 第二百零三条); the holiday schedule of {year} is unknown: only weekends are counted"),
    "period.days": ("{n}日", "{n} days"),
    "period.months": ("{n}个月", "{n} months"),
    "period.years": ("{n}年", "{n} years"),
}

LABELS: Mapping[str, tuple[str, str]] = {
    "title": ("vidcheck 合规审计", "vidcheck compliance audit"),
    "waived": ("已豁免", "Waived"),
    "passed": ("✅ 通过", "✅ passed"),
    "failed": ("❌ 未通过", "❌ failed"),
    "not_evaluated": ("⛔ 无法审计", "⛔ could not evaluate"),
    "fail_on": ("失败阈值", "fail on"),
    "rule": ("规则", "Rule"),
    "waived_until": ("豁免至{expires}，批准人{approved_by}：{justification}",
                     "waived until {expires} by {approved_by}: {justification}"),
    "baselined": ("已列入基线", "Baselined"),
    "notices": ("豁免、基线、规则文件与适用法规提示", "Waiver, baseline, rule file and jurisdiction notices"),
    "plan": ("规划：审计日之后的日期尚未发生，filing.due 给出各项到期日",
             "Plan: dates after the audit date have not happened yet; filing.due gives each due date"),
    "site": ("场所", "Site"),
    "file": ("文件", "File"),
    "jurisdictions": ("适用法规", "Jurisdictions"),
    "as_of": ("审计日", "As of"),
    "draft_warning": ("注意：适用了草案 {drafts}，草案不是生效的法律",
                      "Note: the draft {drafts} is applied; a draft is not law in force"),
    "error": ("错误", "Errors"),
    "warning": ("警告", "Warnings"),
    "info": ("提示", "Info"),
    "subject": ("对象", "Subject"),
    "location": ("位置", "Location"),
    "message": ("问题", "Problem"),
    "article": ("依据", "Basis"),
    "penalty": ("罚则", "Penalty"),
    "no_findings": ("未发现问题", "No findings"),
    "summary": ("汇总", "Summary"),
    "input_errors": ("输入错误（未能审计）", "Input errors (not evaluated)"),
    "sites_audited": ("已审计场所", "sites audited"),
    "camera": ("摄像机", "camera"),
    "zone": ("部位", "zone"),
    "draft": ("草案", "draft"),
    "unit": ("单位", "unit"),
    "individual": ("个人", "individual"),
    "persons": ("直接责任人员", "responsible persons"),
    "any": ("", ""),
    "business": ("经营性", "business use"),
    "non_business": ("非经营性", "non-business use"),
    "no_fine": ("无罚款规定", "no fine stated"),
    "yuan": ("元", "CNY"),
    # compare: whom a figure binds, and the local figure that a stricter one displaces
    "scope_every_site": ("含非公共场所", "non-public sites too"),
    "scope_only": ("仅限：{items}", "only: {items}"),
    "scope_except": ("除{items}外", "all but: {items}"),
    "scope_not_bound": ("（{items}除外）", " (except {items})"),  # operator kinds a rule leaves free
    "scope_with_zone": ("仅限设有{zone}的场所", "only sites with a {zone}"),
    "local_displaced": ("本地：{value}", "local: {value}"),
    "filing_no_period": ("备案（未规定期限）", ", filed (no deadline)"),
    "reading": ("解读", "a reading"),  # the article names no list: the items are a reading of it
    "instrument_in_force": ("{since}起施行", "in force since {since}"),
    "instrument_not_yet": ("{since}起施行，比较日未施行", "not in force on the day (from {since})"),
    "instrument_repealed": ("{until}起废止", "repealed on {until}"),
    # what decided the gate (SPEC §8), shown when it is not the default
    "gate": ("判定依据", "Gate"),
    "gate_title": ("vidcheck：判定依据", "vidcheck: gate"),
    "gate_fail_on": ("失败阈值：{level}（来源：{source}）", "fail on: {level} (set by {source})"),
    "gate_rule_file": ("包外规则文件：{path}（sha256 {sha256}）",
                       "rule file from outside the package: {path} (sha256 {sha256})"),
    "gate_waivers": ("豁免文件：{path}，已豁免 {n} 项", "waivers: {path}, {n} finding(s) waived"),
    "gate_baseline": ("基线文件：{path}，已列入基线 {n} 项", "baseline: {path}, {n} finding(s) baselined"),
    # what a directory walk left out
    "skipped": ("已跳过：{items}", "Skipped: {items}"),
    "skipped_hidden-file": ("隐藏文件 {n} 个", "{n} hidden file(s)"),
    "skipped_hidden-folder": ("隐藏文件夹 {n} 个", "{n} hidden folder(s)"),
    "skipped_symlink-loop": ("符号链接循环 {n} 处", "{n} symlink loop(s)"),
    "skipped_folder-seen": ("经链接重复到达的文件夹 {n} 个", "{n} folder(s) reached twice through links"),
    "skipped_file-seen": ("经链接重复匹配的文件 {n} 个", "{n} file(s) matched twice through links"),
    "skipped_unreadable-folder": ("无法读取的文件夹 {n} 个", "{n} unreadable folder(s)"),
    # one-line summaries and CI annotations
    "summary_line": ("vidcheck：{sites} 个场所：{counts}", "vidcheck: {sites} site(s): {counts}"),
    "list_separator": ("，", ", "),
    "count_error": ("错误 {n}", "{n} error"),
    "count_warning": ("警告 {n}", "{n} warning"),
    "count_info": ("提示 {n}", "{n} info"),
    "count_waived": ("已豁免 {n}", "{n} waived"),
    "count_baselined": ("已列入基线 {n}", "{n} baselined"),
    "count_input_errors": ("输入错误 {n}", "{n} input error(s)"),
    "waived_mark": ("已豁免", "waived"),
    "input_error_title": ("vidcheck：输入错误", "vidcheck: input error"),
    "more_title": ("vidcheck：另有 {n} 条", "vidcheck: {n} more"),
    "github_error": ("错误", "error"),
    "github_warning": ("警告", "warning"),
    "github_notice": ("提示", "notice"),
    "more_annotations": ("另有 {n} 条{level}注释未显示：GitHub 每个步骤每级只显示 {cap} 条。完整列表见日志组"
                         "“vidcheck report”和 SARIF 文件。",
                         "{n} more {level} annotation(s) not shown: GitHub shows {cap} per step. The full list is "
                         "in the 'vidcheck report' log group and the SARIF file."),
}


# What each finding id means (SPEC §4), for rule lists and SARIF rule descriptions.
MEANINGS: Mapping[str, tuple[str, str]] = {
    "coverage.system-required": ("法规列明的场所类别没有任何在用摄像机",
                                 "a category the jurisdiction lists has no active camera at all"),
    "coverage.zone-required": ("场所类别要求覆盖的部位缺失或没有在用摄像机",
                               "a zone kind the jurisdiction requires for the site's categories is missing or has "
                               "no active camera"),
    "privacy.forbidden-zone": ("在禁止安装的部位有在用摄像机",
                               "an active camera in a zone kind the jurisdiction prohibits"),
    "installer.unauthorized": ("运营者在无权安装的场所安装摄像机：只能由政府建设的场所（道路、广场等），"
                               "或本单位范围以外的部位",
                               "an operator films a place it may not equip: one only the government may equip "
                               "(roads, squares…), or one outside its own premises"),
    "retention.minimum": ("摄像机的实际保存期少于最低要求", "effective retention of a camera is below the minimum"),
    "retention.incident": ("涉案图像的保存期少于最低要求",
                           "incident_retention_days below the minimum for incident footage"),
    "signage.missing": ("需要提示标识的监控部位未设置标识", "a monitored zone that needs a notice has signage: false"),
    "filing.missing": ("需要备案而未备案，且没有期限", "no filing where one is required and no deadline applies"),
    "filing.overdue": ("未备案且审计日备案期限已过", "not filed and the deadline has passed on the audit date"),
    "filing.late": ("已备案，但晚于期限", "filed, but after the deadline"),
    "filing.due": ("尚未备案，期限未到（给出到期日）", "not filed, deadline still ahead (the finding gives the date)"),
    "filing.removal": ("拆除摄像机未按期备案，或未按规定提前通知公安机关",
                       "removal of a camera not filed in time, or the police not told in advance where the text "
                       "asks for notice"),
    "filing.removal.notice.late": (
        "摄像机{camera}拆除日为{removed}，{notified}才通知公安机关，晚于{deadline}（{basis}）",
        "camera {camera} (removal on {removed}): the police were told on {notified}, after {deadline} ({basis})"),
    "filing.removal.notice.missing": (
        "摄像机{camera}于{removed}拆除，未提前通知公安机关，应于{deadline}前（含当日）通知（{basis}）",
        "camera {camera} was removed on {removed} without telling the police in advance, due by {deadline} "
        "inclusive ({basis})"),
    "filing.removal.notice.overdue": (
        "摄像机{camera}拟于{removed}拆除，应于{deadline}前（含当日）通知公安机关，尚未通知（{basis}）",
        "camera {camera} is to be removed on {removed}: the police had to be told by {deadline} inclusive and "
        "have not been ({basis})"),
    "filing.mismatch": ("备案申报的保存期与系统实际不一致",
                        "the filing's declared retention differs from the system's"),
    "operation.continuous": ("要求连续运行的系统未全天运行",
                             "operates_24x7: false where continuous operation is required"),
    "controls.missing": ("要求的管理措施未落实（错误）或未申报（警告）",
                         "a required management measure is false (error) or not declared (warning)"),
    "filing.change": ("最近一次备案后备案事项已变化（新增、拆除摄像机；保存期变化报告为 filing.mismatch），"
                      "未办理备案变更",
                      "what the latest filing declared has changed (cameras added or removed; a retention change is "
                      "reported as filing.mismatch) and no change filing followed"),
    "acceptance.before-use": ("法规禁止验收合格前投入使用，而系统在验收合格前已投入使用",
                              "the system was in service before it passed acceptance, where the text forbids that"),
}


def meaning(rule: str, lang: str) -> str:
    zh, en = MEANINGS[rule]
    return zh if lang == "zh" else en


def text_label(key: str, lang: str) -> str:
    zh, en = LABELS[key]
    return zh if lang == "zh" else en


def deadline_note(deadline: Deadline) -> Text | None:
    """How a deadline moved past a 法定休假日, or that its year's holiday schedule is unknown; None otherwise."""
    if not deadline.noted:
        return None
    key = "deadline.extended" if deadline.extended_by else "deadline.unknown"
    if deadline.extended_by and not deadline.schedule_known:
        key = "deadline.extended.unknown"
    return Text.of(key, due=deadline.due, unextended=deadline.unextended, year=deadline.unknown_year)


def basis_text(basis: Text, deadline: Deadline) -> Text:
    """A deadline's basis ("30 days from …"), followed by its move past a 法定休假日 if any."""
    note = deadline_note(deadline)
    return basis if note is None else Text.of("basis.noted", basis=basis, note=note)


def period_text(period: Mapping[str, int]) -> Text:
    unit, amount = next(iter(period.items()))
    return Text.of(f"period.{unit}", n=amount)


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """zh where the locale says Chinese (LC_ALL, LC_MESSAGES, LANG), else en."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    detected = locale.getlocale()[0] or ""
    return "zh" if detected.lower().startswith("zh") else "en"
