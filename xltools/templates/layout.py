"""Template layouts as data: columns, labels, widths, dropdown lists, row counts.

The builder (:mod:`.builder`) turns these tables into workbooks; nothing about a template's
shape is hard-coded there beyond the order of its blocks. Labels are the national spellings, so
the label-based reader reads our templates exactly like any other table.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import taxonomy
from ..model import DEPT, EVALUATION, GOALS, MONITOR, SELFEVAL
from ..values import BAND_SIGN

TEMPLATE_VERSION = "1"
KINDS = (GOALS, SELFEVAL, DEPT, EVALUATION, MONITOR)
FILE_NAMES = {GOALS: "绩效目标申报表.xlsx", SELFEVAL: "绩效自评表.xlsx", DEPT: "部门整体绩效自评表.xlsx",
              EVALUATION: "绩效评价评分表.xlsx", MONITOR: "绩效运行监控表.xlsx"}
SHEET_NAMES = {GOALS: "绩效目标申报表", SELFEVAL: "绩效自评表", DEPT: "部门整体绩效自评表",
               EVALUATION: "绩效评价评分表", MONITOR: "绩效运行监控表"}
TITLES = {GOALS: "项目支出绩效目标申报表", SELFEVAL: "项目支出绩效自评表", DEPT: "部门整体绩效自评表",
          EVALUATION: "项目支出绩效评价评分表", MONITOR: "项目支出绩效运行监控表"}
DEFAULT_ROWS = 30
MIN_EXPERTS, MAX_EXPERTS = 3, 7
FONT = "宋体"
INPUT_FILL = "FFFFF2CC"  # light yellow: cells a person fills
HEADER_FILL = "FFD9E1F2"

#: 指标性质 dropdown.
#: ± is a band either side of zero (成本偏差率 ±10%): met by a deviation of either sign within it.
BAND = BAND_SIGN
DIRECTIONS = ("≥", "≤", "=", ">", "<", BAND, "定性")
ATTRIBUTES = ("新增", "延续")
LINE_ITEM_GROUPS = ("政府采购", "自行组织")
LINE_ITEM_ROWS = 4


@dataclass(frozen=True, slots=True)
class Column:
    field: str
    label: str
    width: float
    role: str = "input"  # input | formula | helper (hidden, for formulas)
    fmt: str = ""


def _c(field: str, label: str, width: float, role: str = "input", fmt: str = "") -> Column:
    return Column(field, label, width, role, fmt)


SCORED_COLUMNS = (
    _c("level1", "一级指标", 12), _c("level2", "二级指标", 14), _c("name", "三级指标", 26),
    _c("direction", "指标性质", 8), _c("target", "年度指标值", 10, fmt="General"),
    _c("unit", "度量单位", 8), _c("actual", "实际完成值", 10, fmt="General"), _c("weight", "分值", 7, fmt="0.00"),
    _c("outcome", "定性结果", 16), _c("qual_rate", "定性得分率", 9, fmt="0.00%"),
    _c("score", "得分", 8, "formula", "0.00"), _c("deviation", "偏差原因分析及改进措施", 30),
    _c("t_norm", "计算目标", 8, "helper"), _c("a_norm", "计算实际", 8, "helper"),
    _c("c_dir", "计算方向", 6, "helper"),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    SELFEVAL: SCORED_COLUMNS,
    DEPT: SCORED_COLUMNS,
    GOALS: (
        _c("level1", "一级指标", 12), _c("level2", "二级指标", 14), _c("name", "三级指标", 26),
        _c("direction", "指标性质", 8), _c("target", "指标值", 10, fmt="General"), _c("unit", "度量单位", 8),
        _c("weight", "分值", 7, fmt="0.00"), _c("criteria", "指标解释/评分标准", 30), _c("note", "备注", 14),
    ),
    EVALUATION: (
        _c("level1", "一级指标", 10), _c("level2", "二级指标", 12), _c("name", "三级指标", 24),
        _c("weight", "分值", 7, fmt="0.00"), _c("criteria", "评分标准", 30),
        # expert columns are inserted here by the builder (专家1 … 专家N)
        _c("score", "平均得分", 9, "formula", "0.00"), _c("score_rate", "得分率", 9, "formula", "0.00%"),
    ),
    # 累计完成值 is read as 1-N月 with N from 监控月份; 序时完成率 and 预警灯 are formulas (monitoring.py)
    MONITOR: (
        _c("level1", "一级指标", 12), _c("level2", "二级指标", 14), _c("name", "三级指标", 24),
        _c("direction", "指标性质", 8), _c("target", "年度指标值", 10, fmt="General"), _c("unit", "度量单位", 8),
        _c("to_date", "累计完成值", 10, fmt="General"), _c("forecast", "全年预计完成值", 10, fmt="General"),
        _c("likelihood", "完成目标可能性", 12), _c("ratio", "序时完成率", 9, "formula", "0.00%"),
        _c("light", "预警灯", 7, "formula"), _c("deviation", "偏差原因", 24), _c("measures", "纠偏措施", 24),
        _c("t_norm", "计算目标", 8, "helper"), _c("a_norm", "计算完成", 8, "helper"),
        _c("c_dir", "计算方向", 6, "helper"),
    ),
}

TAXONOMIES = {GOALS: taxonomy.PROJECT, SELFEVAL: taxonomy.PROJECT, DEPT: taxonomy.DEPT,
              EVALUATION: taxonomy.EVALUATION, MONITOR: taxonomy.PROJECT}

#: Level-1 rows shown in each template's parts table (得分汇总).
PART_ROWS = {
    SELFEVAL: ("产出指标", "成本指标", "效益指标", "满意度指标"),
    GOALS: ("产出指标", "成本指标", "效益指标", "满意度指标"),
    DEPT: ("整体绩效目标实现情况", "预算管理情况"),
    EVALUATION: ("决策", "过程", "产出", "效益"),
}
#: Department level 1s offered in the dropdown (当年预算执行情况 is scored from the amounts).
DEPT_LEVEL1 = ("整体绩效目标实现情况", "预算管理情况", "当年预算执行情况")

FUNDS_ROWS = ("年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金")
FUNDS_HEADER = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
DEPT_AMOUNTS = (("initial_budget", "年初预算数"), ("annual_budget", "全年预算数"), ("spent", "全年执行数"),
                ("final_accounts", "支出决算数"), ("carryover", "结转结余总额"))

#: Monitoring: the funds block's columns, the light words and their fills (red, yellow, green, blue).
MONITOR_FUNDS_HEADER = ("全年预算数", "累计执行数", "执行进度", "序时进度", "预警灯")
LIGHT_WORDS = {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "blue": "蓝灯"}
LIGHT_FILLS = {"red": "FFFF7C80", "yellow": "FFFFEB9C", "green": "FFC6EFCE", "blue": "FFBDD7EE"}

HOW_TO_ADD_ROWS = (
    "增加指标行：在表内任意两行指标之间插入整行（不要插在最后一行之后），再把上一行复制到新行。"
    "得分、合计和下拉列表会自动覆盖新行。工作表保护没有密码：审阅 → 撤销工作表保护。"
)
