"""Sample workbooks in the layouts real tables use, for the demo and the tests.

A :class:`Sample` holds what a table says; a :class:`Layout` says how it is laid out: title
rows, where the table starts, column order, merged 一级指标 cells, label spellings, numbers
stored as text, the operator in its own column or inside the target. The reader must read every
layout of one sample to the same model and score; the tests hold it to that.

openpyxl is imported only when a sample is written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from .model import DEPT, EVALUATION, GOALS, MONITOR, SELFEVAL


@dataclass
class Row:
    level1: str
    level2: str
    name: str
    target: object = ""
    actual: object = ""
    weight: float | None = None
    score: object = None  # written score (or None: the writer leaves it empty)
    deviation: str = ""
    direction: str = ""  # own column when the layout asks for it
    unit: str = ""
    experts: list[float] = field(default_factory=list)
    to_date: object = ""  # monitoring: 1-N月实际完成值, 全年预计完成值, 完成目标可能性, 纠偏措施
    forecast: object = ""
    likelihood: str = ""
    measures: str = ""


@dataclass
class Sample:
    kind: str
    project: str = "示例项目"
    department: str = "示例主管部门"
    unit: str = "示例实施单位"
    year: int = 2023
    funds: list[tuple[str, float | None, float | None, float | None]] = field(default_factory=list)
    execution_weight: float = 10
    execution_score: float | None = None  # written 得分 of the 年度资金总额 row (None: left empty)
    amounts: list[tuple[str, float]] = field(default_factory=list)
    annual_goal: str = ""
    achieved: str = ""
    rows: list[Row] = field(default_factory=list)
    experts: int = 0
    total: float | None = None
    grade: str = ""
    line_items: list[tuple[str, str, float | None, float | None, float | None]] = field(default_factory=list)
    months: int = 6  # monitoring: the N of 1-N月


@dataclass
class Layout:
    title_rows: bool = True
    start_col: int = 1  # 1-based column of the table's first column
    order: tuple[str, ...] | None = None  # indicator column order (field names)
    merge_level1: bool = True
    variant: int = 0  # 0: national labels, 1: provincial spellings
    numbers_as_text: bool = False
    direction_column: bool = False
    unit_column: bool = False
    sheet: str = ""


LABELS = {
    0: {"level1": "一级指标", "level2": "二级指标", "name": "三级指标", "target": "年度指标值",
        "actual": "实际完成值", "weight": "分值", "score": "得分", "deviation": "偏差原因分析及改进措施",
        "direction": "指标性质", "unit": "度量单位", "criteria": "评分标准", "fiscal": "其中：当年财政拨款",
        "total_funds": "年度资金总额", "grade": "自评等级", "mean": "平均得分"},
    1: {"level1": "一级指标", "level2": "二级指标", "name": "指标名称", "target": "指标值",
        "actual": "全年实际值", "weight": "权重", "score": "自评得分", "deviation": "偏差原因",
        "direction": "运算符号", "unit": "计量单位", "criteria": "指标解释", "fiscal": "财政拨款",
        "total_funds": "年度资金总额：", "grade": "绩效等级", "mean": "得分"},
}

_COLUMNS = {
    SELFEVAL: ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation"),
    DEPT: ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation"),
    GOALS: ("level1", "level2", "name", "target", "weight"),
    EVALUATION: ("level1", "level2", "name", "weight", "criteria"),
    MONITOR: ("level1", "level2", "name", "target", "to_date", "forecast", "likelihood", "deviation", "measures"),
}
_TITLES = {SELFEVAL: "项目支出绩效自评表", GOALS: "项目支出绩效目标申报表",
           DEPT: "部门整体绩效自评表", EVALUATION: "项目支出绩效评价评分表", MONITOR: "项目支出绩效运行监控表"}


def write_sample(sample: Sample, path: str | os.PathLike[str], layout: Layout | None = None) -> None:
    """Write ``sample`` as an .xlsx laid out as ``layout`` says."""
    from openpyxl import Workbook

    layout = layout or Layout()
    wb = Workbook()
    ws = wb.active
    ws.title = layout.sheet or _TITLES[sample.kind][-5:]
    _Writer(ws, sample, layout).write()
    wb.save(os.fspath(path))


class _Writer:
    def __init__(self, ws, sample: Sample, layout: Layout) -> None:
        self.ws, self.s, self.l = ws, sample, layout
        n = sample.months
        self.labels = {**LABELS[layout.variant], "to_date": f"1-{n}月实际完成值", "forecast": "全年预计完成值",
                       "likelihood": "完成目标可能性", "measures": "纠偏措施",
                       **({"deviation": "偏差原因"} if sample.kind == MONITOR else {})}
        self.r = 1
        self.c0 = layout.start_col

    def num(self, x: object) -> object:
        if self.l.numbers_as_text and isinstance(x, int | float) and not isinstance(x, bool):
            return f"{x:,}" if x >= 1000 else str(x)
        return x

    def put(self, r: int, c: int, v: object) -> None:
        if v is not None and v != "":
            cell = self.ws.cell(r, c, v)
            if isinstance(v, str) and v.startswith("="):
                cell.data_type = "s"  # "=100%" typed as text, as real tables hold it

    def write(self) -> None:
        s, c0 = self.s, self.c0
        cols = self.columns()
        width = len(cols)
        if self.l.title_rows:
            self.put(self.r, c0, _TITLES[s.kind])
            self.ws.merge_cells(start_row=self.r, start_column=c0, end_row=self.r, end_column=c0 + width - 1)
            self.put(self.r + 1, c0, f"（{s.year}年度）" if s.kind != MONITOR else f"（{s.year}年1-{s.months}月）")
            self.put(self.r + 2, c0, "填报单位：" + s.unit)
            self.put(self.r + 2, c0 + width - 1, "单位：万元")
            self.r += 3
        self.put(self.r, c0, "项目名称" if s.kind != DEPT else "部门名称")
        self.put(self.r, c0 + 1, s.project)
        self.ws.merge_cells(start_row=self.r, start_column=c0 + 1, end_row=self.r, end_column=c0 + width - 1)
        self.r += 1
        self.put(self.r, c0, "主管部门")
        self.put(self.r, c0 + 1, s.department)
        self.put(self.r, c0 + 3, "实施单位")
        self.put(self.r, c0 + 4, s.unit)
        self.r += 1
        if not self.l.title_rows:
            self.put(self.r, c0, "年度")
            self.put(self.r, c0 + 1, s.year)
            self.r += 1
        self.write_funds()
        for label, value in s.amounts:
            self.put(self.r, c0, label)
            self.put(self.r, c0 + 1, self.num(value))
            self.r += 1
        if s.annual_goal:
            self.put(self.r, c0, "年度总体目标")
            self.put(self.r, c0 + 1, "预期目标")
            self.put(self.r, c0 + 4, "实际完成情况")
            self.put(self.r + 1, c0 + 1, s.annual_goal)
            self.put(self.r + 1, c0 + 4, s.achieved)
            self.ws.merge_cells(start_row=self.r, start_column=c0, end_row=self.r + 1, end_column=c0)
            self.r += 2
        self.write_indicators(cols)
        self.write_line_items()

    def write_funds(self) -> None:
        s, c0 = self.s, self.c0
        if not s.funds:
            return
        heads = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
        if s.kind == MONITOR:
            heads = ["全年预算数", f"1-{s.months}月执行数", "执行进度"]
        self.put(self.r, c0, "项目资金（万元）")
        for i, h in enumerate(heads):
            self.put(self.r, c0 + 2 + i, h)
        top = self.r
        for label, initial, annual, spent in s.funds:
            self.r += 1
            label = {"年度资金总额": self.labels["total_funds"], "其中：当年财政拨款": self.labels["fiscal"]}.get(label, label)
            self.put(self.r, c0 + 1, label)
            if s.kind == MONITOR:
                progress = round(spent / annual, 4) if spent is not None and annual else None
                for i, v in enumerate((annual, spent, progress)):
                    self.put(self.r, c0 + 2 + i, self.num(v) if v is not None else "—")
                continue
            for i, v in enumerate((initial, annual, spent)):
                self.put(self.r, c0 + 2 + i, self.num(v) if v is not None else "—")
        if s.kind != MONITOR:
            self.put(top + 1, c0 + 5, s.execution_weight)
            if s.execution_score is not None:
                self.put(top + 1, c0 + 7, self.num(s.execution_score))
        self.ws.merge_cells(start_row=top, start_column=c0, end_row=self.r, end_column=c0)
        self.r += 1

    def columns(self) -> list[str]:
        base = list(_COLUMNS[self.s.kind])
        if self.l.direction_column:
            base.insert(base.index("name") + 1, "direction")
        if self.l.unit_column and "target" in base:
            base.insert(base.index("target") + 1, "unit")
        if self.s.kind == EVALUATION:
            base += [f"专家{i + 1}" for i in range(self.s.experts)] + ["mean"]
        if self.l.order:
            base = [c for c in self.l.order if c in base] + [c for c in base if c not in self.l.order]
        return base

    def write_indicators(self, cols: list[str]) -> None:
        s, c0 = self.s, self.c0
        for i, f in enumerate(cols):
            self.put(self.r, c0 + i, self.labels.get(f, f))
        self.r += 1
        pos = {f: c0 + i for i, f in enumerate(cols)}
        first_of: dict[str, int] = {}
        for row in s.rows:
            values = self.row_values(row)
            for f, c in pos.items():
                if f == "level1" and self.l.merge_level1 and row.level1 in first_of:
                    continue
                if f.startswith("专家"):
                    k = int(f[2:]) - 1
                    self.put(self.r, c, self.num(row.experts[k]) if k < len(row.experts) else None)
                else:
                    self.put(self.r, c, values.get(f))
            first_of.setdefault(row.level1, self.r)
            self.r += 1
        if self.l.merge_level1 and "level1" in pos:
            runs: dict[str, list[int]] = {}
            r = self.r - len(s.rows)
            for row in s.rows:
                runs.setdefault(row.level1, []).append(r)
                r += 1
            for rows in runs.values():
                if len(rows) > 1:
                    c = pos["level1"]
                    self.ws.merge_cells(start_row=rows[0], start_column=c, end_row=rows[-1], end_column=c)
        if s.total is not None:
            self.put(self.r, c0, "总分")
            if "weight" in pos:
                self.put(self.r, pos["weight"], 100)
            col = pos.get("score", pos.get("mean"))
            if col is not None:
                self.put(self.r, col, self.num(s.total))
            self.r += 1
        if s.grade:
            self.put(self.r, c0, self.labels["grade"])
            self.put(self.r, c0 + 1, s.grade)
            self.r += 1

    def row_values(self, row: Row) -> dict[str, object]:
        target = row.target
        if isinstance(target, str) and self.l.direction_column and row.direction:
            target = target.lstrip("≥≤=<>")
        if isinstance(target, str) and self.l.unit_column and row.unit and target.endswith(row.unit):
            target = target[: -len(row.unit)]
            target = self.num(float(target)) if _is_number(target) else target
        return {"level1": row.level1, "level2": row.level2, "name": row.name, "target": target,
                "actual": self.num(row.actual), "weight": self.num(row.weight),
                "score": self.num(row.score), "deviation": row.deviation, "direction": row.direction,
                "unit": row.unit, "criteria": "按完成比例计分", "mean": self.num(row.score),
                "to_date": self.num(row.to_date), "forecast": self.num(row.forecast),
                "likelihood": row.likelihood, "measures": row.measures}

    def write_line_items(self) -> None:
        s, c0 = self.s, self.c0
        if not s.line_items:
            return
        self.r += 1
        for i, h in enumerate(("组织方式", "支出内容", "预算金额", "合同签订金额", "支出金额")):
            self.put(self.r, c0 + i, h)
        for method, content, budget, contract, spent in s.line_items:
            self.r += 1
            for i, v in enumerate((method, content, budget, contract, spent)):
                self.put(self.r, c0 + i, v if v is not None else "—")


def _is_number(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


def demo_samples() -> dict[str, tuple[Sample, Layout]]:
    """The workbooks ``make demo`` writes: a self-evaluation, a goal table, an evaluation, a dept."""
    selfeval = Sample(
        kind=SELFEVAL, project="2023年中国品牌商品（中东欧）展览会", department="市贸促会",
        unit="市贸促会展览部", year=2023,
        funds=[("年度资金总额", 1000, 1000, 770.42), ("其中：当年财政拨款", 1000, 1000, 770.42),
               ("上年结转资金", None, None, None), ("其他资金", None, None, None)],
        annual_goal="组织企业参展，搭建展位，促成贸易合作。", achieved="完成展会组织，参展企业120家。",
        rows=[
            Row("产出指标", "数量指标", "参展企业数量", "≥100家", "120家", 15, 15),
            Row("产出指标", "数量指标", "搭建展位面积", "≥3000平方米", "2800平方米", 15, 14, "场馆调整，面积缩小"),
            Row("产出指标", "质量指标", "展会布展验收合格率", "=100%", "100%", 10, 10),
            Row("产出指标", "时效指标", "布展完成时间", "≤30天", "25天", 10, 10),
            Row("效益指标", "经济效益指标", "意向成交额", "≥5000万元", "4200万元", 15, 12.6, "国际形势影响"),
            Row("效益指标", "社会效益指标", "提升品牌影响力", "有效提升", "有效提升", 15, 15),
            Row("满意度指标", "服务对象满意度指标", "参展企业满意度", "≥90%", "95%", 10, 10),
        ],
        total=94.3, grade="优", execution_score=7.7,
        line_items=[("政府采购", "展位搭建服务", 600, 580, 560.2), ("自行组织", "宣传推广", 400, None, 210.22)],
    )
    goals = replace(
        selfeval, kind=GOALS, funds=[], total=None, grade="", line_items=[],
        amounts=[("年度资金总额", 1000), ("其中：财政拨款", 1000), ("其他资金", 0)],
        rows=[replace(r, actual="", score=None, deviation="") for r in selfeval.rows],
    )
    evaluation = Sample(
        kind=EVALUATION, project="2023年中国品牌商品（中东欧）展览会", department="市贸促会",
        unit="市贸促会展览部", experts=3,
        rows=[
            Row("决策", "项目立项", "立项依据充分性", weight=5, experts=[4.5, 4.2, 4.1]),
            Row("决策", "绩效目标", "绩效目标明确性", weight=5, experts=[4.0, 3.8, 4.36]),
            Row("过程", "资金管理", "资金使用合规性", weight=10, experts=[9, 8.5, 8.76]),
            Row("过程", "组织实施", "管理制度健全性", weight=10, experts=[8.8, 8.6, 8.6]),
            Row("产出", "产出数量", "参展企业数量", weight=20, experts=[19, 19.2, 19.0]),
            Row("产出", "产出质量", "布展验收合格率", weight=20, experts=[18.6, 18.7, 18.93]),
            Row("效益", "项目效益", "意向成交额", weight=20, experts=[15, 14.8, 15.2]),
            Row("效益", "满意度", "参展企业满意度", weight=10, experts=[7.4, 7.5, 7.42]),
        ],
    )
    dept = Sample(
        kind=DEPT, project="市贸促会", department="市贸促会", unit="市贸促会", year=2022,
        amounts=[("年初预算数", 5029.86), ("全年预算数", 5333.85), ("全年执行数", 5169.65),
                 ("支出决算数", 5169.66), ("结转结余总额", 172.89)],
        rows=[
            Row("整体绩效目标实现情况", "产出", "举办展会数量", "≥10个", "12个", 30, 30),
            Row("整体绩效目标实现情况", "效益", "服务企业数量", "≥500家", "460家", 30, 27.6, deviation="疫情影响"),
            Row("预算管理情况", "预算编制", "预算编制准确性", "准确", "准确", 10, 10),
            Row("预算管理情况", "资产管理", "资产管理规范性", "规范", "基本规范", 10, 6),
        ],
    )
    monitor = Sample(
        kind=MONITOR, project="2024年中国品牌商品（中东欧）展览会", department="市贸促会",
        unit="市贸促会展览部", year=2024, months=6,
        funds=[("年度资金总额", None, 1000, 430), ("其中：当年财政拨款", None, 1000, 430)],
        rows=[
            Row("产出指标", "数量指标", "参展企业数量", "≥100家", to_date="55家", forecast="110家", likelihood="确定能"),
            Row("产出指标", "数量指标", "搭建展位面积", "≥3000平方米", to_date="1000平方米", forecast="2800平方米",
                likelihood="有可能", deviation="场馆调整，面积缩小"),
            Row("产出指标", "质量指标", "展会布展验收合格率", "=100%", to_date="100%", forecast="100%", likelihood="确定能"),
            Row("产出指标", "时效指标", "布展完成时间", "≤30天", to_date="20天", forecast="28天", likelihood="确定能"),
            Row("效益指标", "经济效益指标", "意向成交额", "≥5000万元", to_date="800万元", forecast="3500万元",
                likelihood="完全不可能", deviation="国际形势影响，采购商减少"),
            Row("效益指标", "社会效益指标", "提升品牌影响力", "有效提升", to_date="逐步提升", forecast="有效提升",
                likelihood="有可能"),
            Row("满意度指标", "服务对象满意度指标", "参展企业满意度", "≥90%", to_date="92%", forecast="92%",
                likelihood="确定能"),
        ],
    )
    return {
        "自评表.xlsx": (selfeval, Layout()),
        "自评表_省级格式.xlsx": (selfeval, Layout(variant=1, start_col=2, merge_level1=False,
                                              numbers_as_text=True, direction_column=True,
                                              order=("level1", "level2", "name", "direction", "weight",
                                                     "target", "actual", "score", "deviation"))),
        "目标申报表.xlsx": (goals, Layout(direction_column=True, unit_column=True)),
        "评价评分表.xlsx": (evaluation, Layout()),
        "部门整体自评表.xlsx": (dept, Layout()),
        "监控表.xlsx": (monitor, Layout()),
    }


def write_demo(folder: str | os.PathLike[str]) -> list[str]:
    """Write the demo workbooks into ``folder``; return their paths."""
    os.makedirs(folder, exist_ok=True)
    paths = []
    for name, (sample, layout) in demo_samples().items():
        path = os.path.join(os.fspath(folder), name)
        write_sample(sample, path, layout)
        paths.append(path)
    return paths


if __name__ == "__main__":
    import sys

    for p in write_demo(sys.argv[1] if len(sys.argv) > 1 else "demo"):
        print(p)
