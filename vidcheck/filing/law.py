"""What a 备案 must state, as the law words it: each particular with the articles that require it, quoted verbatim
from sources/ (tests/test_filing.py checks every quote against the text). The filing document carries these
citations, so a reviewer sees why each line is there."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cite:
    instrument: str  # the instrument's title, as in jurisdictions/cn-national.yaml
    source: str  # its text in sources/
    article: str
    quote: str  # verbatim, punctuation included (the 公安部 text uses ASCII commas and brackets)

    @property
    def short(self) -> str:
        """How an error line names it: 条例第十四条第一款, 公安部规定第六条第一项."""
        return ("条例" if self.instrument == REGULATION else "公安部规定") + self.article


REGULATION = "公共安全视频图像信息系统管理条例"
MPS = "公共安全视频图像信息系统监督管理工作规定"
_REG_TEXT, _MPS_TEXT = "cn-national-2025.txt", "cn-mps-2025.txt"

MPS_UNIT = Cite(MPS, _MPS_TEXT, "第六条第一项",
                "(一)公共安全视频系统管理单位基本信息,包括单位名称、类型、统一社会信用代码等")
MPS_SYSTEM = Cite(MPS, _MPS_TEXT, "第六条第二项",
                  "(二)公共安全视频系统基本信息,包括系统建设位置(含图像采集设备相关信息)、数量及功能类型、"
                  "视频图像信息存储期限等")
MPS_PAPERS = Cite(MPS, _MPS_TEXT, "第六条", "应当提供经办人身份证件和加盖单位公章的委托办理备案授权书")
MPS_CHANGE = Cite(MPS, _MPS_TEXT, "第九条",
                  "公共安全视频系统管理单位办理备案变更的,县级公安机关应当按照第七条、第八条的规定及时受理备案变更信息")
REG_FILING = Cite(REGULATION, _REG_TEXT, "第十四条第一款",
                  "将单位基本情况、公共安全视频系统建设位置、图像采集设备数量及类型、视频图像信息存储期限等基本信息，"
                  "向所在地县级人民政府公安机关备案")
REG_CHANGE = Cite(REGULATION, _REG_TEXT, "第十四条第一款", "公共安全视频系统备案事项发生变化的，应当及时办理备案变更")
REG_TRUTH = Cite(REGULATION, _REG_TEXT, "第十四条第二款", "公共安全视频系统管理单位应当对备案信息的真实性负责")

# Particular -> the articles requiring it. Keys are the JSON document's particular ids (docs/filing.md) and the
# label keys of the catalogs' [filing] section.
PARTICULARS: dict[str, tuple[Cite, ...]] = {
    "unit_name": (MPS_UNIT, REG_FILING),  # 单位名称 (条例: 单位基本情况)
    "unit_kind": (MPS_UNIT, REG_FILING),  # 类型
    "credit_code": (MPS_UNIT, REG_FILING),  # 统一社会信用代码
    "system_location": (MPS_SYSTEM, REG_FILING),  # 系统建设位置
    "cameras": (MPS_SYSTEM,),  # (含图像采集设备相关信息): each camera, where it is and what it is
    "camera_count": (MPS_SYSTEM, REG_FILING),  # 数量 / 图像采集设备数量
    "camera_type": (MPS_SYSTEM, REG_FILING),  # 功能类型 / 类型
    "retention": (MPS_SYSTEM, REG_FILING),  # 视频图像信息存储期限
    "authority": (REG_FILING,),  # 所在地县级人民政府公安机关
    "changes": (REG_CHANGE, MPS_CHANGE),  # 备案变更
    "papers": (MPS_PAPERS,),  # brought in person, not held by the inventory
    "truth": (REG_TRUTH,),
}
