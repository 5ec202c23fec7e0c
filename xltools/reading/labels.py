"""Label variants, as data: every spelling of a column or field that real tables use.

Labels are compared after :func:`label_key`: NFKC, no spaces, no colons or asterisks, and no
trailing bracket such as ``（万元）`` or ``（A）``. To teach the reader a new provincial spelling,
add it here; nothing else changes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TRAILING_BRACKET = re.compile(r"\([^()]*\)$")
_DROP = str.maketrans("", "", ":：*＊\u3000 \t\r\n、\u200b\u200c\u200d\u2060\ufeff\u00ad")  # (and the invisible)


#: A label's number or reckoning in circled digits, as Fujian's forms head their columns and rows
#: (``年初部门预算安排金额①``, ``小计④=①+②+③``, ``支出实现率（%）⑥=⑤/④``, ``①中央及省级财政资金``): the
#: slot's place, not its name (NFKC would make it a digit glued to the label).
_CIRCLED = re.compile(r"^\s*[①-⑳]\s*|\s*[①-⑳](?:\s*[=＝][①-⑳+＋\-－−×*/／÷()（）\s]+"
                      r"|\s*[(（][①-⑳+＋\-－−×*/／÷\s]+[)）])?\s*$")
_ANY_CIRCLED = re.compile("[①-⑳]")
#: Longer than this, a cell is a text (a goal, a reason), not a label: not searched for circled numbers.
_LABEL_CHARS = 40


@lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    if len(text) <= _LABEL_CHARS and _ANY_CIRCLED.search(text):  # (most labels have none; a text is no label)
        text = _CIRCLED.sub("", text)
    s = unicodedata.normalize("NFKC", text).translate(_DROP)
    if "=" in s and len(s) <= _LABEL_CHARS:
        s = _without_reckoning(s)
    while s.endswith(")"):
        t = _TRAILING_BRACKET.sub("", s)
        if t == s or not t:
            break
        s = t
    return s


def _without_reckoning(s: str) -> str:
    """A label that states how its figure is worked out (``执行率=全年执行数/全年预算数×100%``,
    ``执行率(4)=(3)/(2)``) is named by what comes before the ``=``; a ``=`` inside brackets
    (``结余(C=A-B)``) is the bracket's, which goes as a trailing bracket does; a value after the ``=``
    (``目标值=90%-95%``) is no reckoning."""
    i = s.index("=")
    head, tail = s[:i], s[i + 1:]
    if head and tail and head.count("(") == head.count(")") and any(op in tail for op in "/+-−*×÷") \
            and not (tail[0].isdigit() or tail[0] in "+-−.%"):  # (目标值=90%-95%: a value, not a reckoning)
        return head
    return s


def _table(spec: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {label_key(v): k for k, vs in spec.items() for v in vs}


#: An expert score sheet's 得分 column as the experts' mean (the columns before it may be the experts,
#: headed by their names: recognize._named_experts).
MEAN_SCORE_LABELS = ("平均得分", "平均分", "专家平均分", "专家平均得分", "专家评分平均值", "专家平均评分", "平均值",
                     "专家组平均分", "算术平均分", "平均分值", "专家平均得分值", "专家组平均得分", "平均评分")

#: Columns of an indicator table (goals, selfeval, dept, evaluation).
INDICATOR_COLUMNS = _table({
    "level1": ("一级指标", "一级指标名称", "一级指标名", "一级"),
    "level2": ("二级指标", "二级指标名称", "二级指标名", "二级"),
    "name": ("三级指标", "三级指标名称", "三级指标名", "三级", "指标名称", "绩效指标名称", "具体指标", "指标内容", "三级指标内容", "指标"),
    "direction": ("指标性质", "运算符号", "指标方向", "比较符号", "计算符号", "符号", "指标类型", "指标值类型", "运算符",
                  "指标值属性", "比较方式", "考核方向"),
    "target": ("年度指标值", "指标值", "目标值", "年度目标值", "计划值", "预期指标值", "全年指标值",
               "年度目标", "预期目标值", "年度绩效目标值", "指标目标值", "全年目标值", "年度计划值",
               "计划指标值", "绩效目标值", "年初目标值", "年初指标值", "预期值", "年度预期值", "年度预期目标值"),
    "target_midterm": ("中期指标值", "中期目标值", "实施期指标值", "实施期目标值", "项目实施期指标值", "中长期指标值",
                       "长期指标值", "中长期目标值", "项目期指标值", "项目周期指标值", "实施周期指标值"),
    "unit": ("度量单位", "计量单位", "单位", "指标单位"),
    "actual": ("实际完成值", "全年实际值", "全年实际完成值", "年度实际完成值", "实际值", "完成值", "全年完成值",
               "实际完成情况", "实际完成指标值", "实际完成", "实际完成数", "年度实际值", "全年实际完成情况",
               "实际达成值", "年度完成值", "全年实际完成数", "实际完成数值", "年度实际完成情况", "实际完成指标",
               "自评实际完成值", "实际完成结果", "实际达到值", "指标完成值", "指标完成情况", "完成数", "完成结果",
               "完成数量", "实际完成数量", "完成量", "实际完成量", "全年实际完成结果", "全年实际完成", "年度实际完成",
               "实际执行值", "实际执行情况", "年度完成情况", "全年完成情况", "年末完成值", "年底完成值", "截至年底完成值",
               "截至12月底完成值", "全年累计完成值", "年度实际完成数"),
    "weight": ("分值", "权重", "指标分值", "标准分值", "权重分", "权重(分)", "指标权重", "权重分值", "标准分", "满分",
               "权重设定值", "分值权重", "权重值", "标准分数", "指标分数"),
    "score": ("得分", "自评得分", "实际得分", "评价得分", "最终得分", "综合得分", *MEAN_SCORE_LABELS, "自评分", "自评分数",
              "单位自评得分",
              "指标得分", "得分值", "考核得分", "实得分", "实得分数", "自评分值", "实际得分值", "得分数", "自评得分值",
              "自评得分数", "评价分", "评价得分值"),
    # points taken off the weight, where a score sheet writes them instead of (or beside) the 得分
    "deduction": ("扣分", "扣分值", "扣减分值", "扣分数"),
    "score_rate": ("得分率",),
    "deviation": ("偏差原因分析及改进措施", "偏差原因分析及改进措施说明", "偏差原因", "偏差原因分析",
                  "未完成原因分析", "偏差原因及改进措施", "原因分析及改进措施", "未完成原因和改进措施",
                  "存在问题及改进措施", "存在问题及原因分析", "原因分析", "偏差原因说明", "未完成原因及改进措施",
                  "未完成原因分析及改进措施", "偏差原因分析及整改措施", "偏差原因分析和改进措施", "差异原因分析",
                  "偏差分析", "扣分原因", "扣分原因说明", "扣分原因分析", "扣分说明", "扣分理由", "原因及改进措施",
                  "原因分析及改进措施", "原因分析及下一步措施", "原因及下一步措施", "问题及原因分析", "存在的问题及原因",
                  # what went wrong, headed as the problems found (存在问题 | 问题及整改)
                  "存在问题", "存在的问题", "存在的问题和原因", "原因说明", "问题及整改", "问题及整改措施", "问题及整改情况",
                  "主要问题及改进措施", "存在的主要问题及改进措施", "主要问题及原因分析", "存在的主要问题", "主要问题",
                  "存在的问题及原因分析", "存在的问题及改进措施", "存在的问题及整改措施"),
    "criteria": ("评分标准", "指标解释", "评分规则", "指标说明", "指标解释/评分标准", "评分标准及说明",
                 "评价标准", "指标解释及评分标准", "评分细则", "评分要点", "评分办法", "计分方法", "评分方法",
                 "评分标准及方法", "评分依据"),
    "outcome": ("定性结果", "评价结果", "达成情况", "完成情况"),  # 完成情况 alone: the actuals (recognize)
    "qual_rate": ("定性得分率", "评分比例", "得分比例"),
    # the share of the weight a row scored (Chongqing's 得分系数（%）): a qualitative row's chosen rate,
    # a quantitative row's written score rate (recognize._indicator tells them apart)
    "score_factor": ("得分系数",),
    # a remark: the 偏差原因 where the table has no column of its own for it (recognize)
    "note": ("备注", "说明", "情况说明", "备注说明"),
    # a target adjusted during the year (Chongqing's 年初指标值 | 调整指标值): the target where filled in
    "target_adjusted": ("调整指标值", "调整后指标值", "全年(调整)指标值", "调整后目标值", "调整后年度指标值",
                        "年中调整指标值", "全年调整指标值"),
    # mid-year monitoring (绩效运行监控表): 1-N月 columns are added below for every N
    "forecast": ("全年预计完成值", "预计全年完成值", "全年预计完成情况", "预计全年完成情况", "预计完成值",
                 "全年预计完成数", "预计年底完成值", "预计全年完成数", "全年预计完成", "预计全年完成", "年底预计完成值",
                 "预计年末完成值", "全年预计值", "全年预测值", "预计完成数", "预计完成情况", "全年预计完成量"),
    "likelihood": ("完成目标可能性", "完成可能性", "目标完成可能性", "全年目标完成可能性", "预计完成目标可能性",
                   "能否完成目标", "能否完成全年目标", "能否完成年度目标", "完成全年目标可能性", "完成年度目标可能性",
                   "预计能否完成", "目标实现可能性", "实现可能性", "全年目标实现可能性", "完成可能性分析", "预计完成可能性"),
    "measures": ("纠偏措施", "拟采取的纠偏措施", "纠偏措施及建议", "完善措施", "改进措施", "拟采取的措施",
                 "纠偏措施及完成时间", "整改措施", "改进措施及完成时间"),
})


def _months_labels(stems: tuple[str, ...]) -> tuple[str, ...]:
    """``1-6月实际完成值`` and its spellings for every N (and 上半年, 前三季度 …): the months are read
    from the label itself."""
    out = []
    for n in range(1, 13):
        for lead in (f"1-{n}月", f"1—{n}月", f"1–{n}月", f"1~{n}月", f"1至{n}月", f"1-{n}月份",
                     f"截至{n}月底", f"截止{n}月底", f"截至{n}月末", f"{n}月底", f"截至{n}月", f"截止{n}月",
                     f"截止到{n}月底"):
            out.extend(lead + stem for stem in stems)
    for n in range(1, 13):  # ``一至六月``: the months in Chinese numerals
        out.extend(f"一至{_CN_NUMBERS[n]}月{stem}" for stem in stems)
    for q in (1, 2, 3):  # ``1-2季度``, ``截至二季度末``: quarters
        cn = _CN_NUMBERS[q]
        for lead in (f"1-{q}季度", f"1—{q}季度", f"1~{q}季度", f"1至{q}季度", f"一至{cn}季度", f"截至{cn}季度末",
                     f"截至第{cn}季度末", f"截止{cn}季度末", f"{cn}季度末", f"第{cn}季度末"):
            out.extend(lead + stem for stem in stems)
    for lead in ("上半年", "半年度", "前三季度", "第一季度", "一季度"):
        out.extend(lead + stem for stem in stems)
    return tuple(out)


#: 1-12 in Chinese numerals, as forms write the months (一至六月) and quarters (二季度末).
_CN_NUMBERS = dict(enumerate(("", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")))
_CN_VALUES = {v: k for k, v in _CN_NUMBERS.items() if v}
#: Chinese numerals of a month or a quarter (``一至六月``, ``一至二季度``), read as digits by months_in.
_CN_PERIOD = re.compile(r"(十[一二]?|[一二三四五六七八九])(?=\s*(?:月|季度|[-—–~～至到－]))")
#: Quarters counted from the first: ``1-2季度`` (6 months), ``1至3季度`` (9).
_QUARTERS = re.compile(r"1\s*[-—–~～至到－]\s*([1-4])\s*季度")


_MONTHS = re.compile(r"1\s*月?\s*[-—–~～至到－]\s*(\d{1,2})\s*月|(\d{1,2})\s*月\s*[底末]"
                     r"|截[至止](?:\s*20\d\d\s*年)?\s*(\d{1,2})\s*月\s*\d{1,2}\s*日"
                     r"|(上半年|半年度|前两季度|前3季度|前2季度|第2季度末|第3季度末|2季度末|3季度末|第2季度|第3季度|第1季度|1季度)")
#: (quarters in Chinese numerals, 前三季度 or 第二季度末, are read with digits: months_in turns them first)
_PERIODS = {"上半年": 6, "半年度": 6, "前两季度": 6, "前3季度": 9, "前2季度": 6, "第2季度末": 6, "第3季度末": 9, "2季度末": 6,
            "3季度末": 9, "第2季度": 6, "第3季度": 9, "第1季度": 3, "1季度": 3}


def months_in(text: object) -> int | None:
    """The N of ``1-6月实际完成值``, ``截至6月底``, ``截至9月30日``, ``截至2024年6月30日``, ``2024年1—6月``,
    ``2024年1月-6月``, ``上半年``, ``前三季度``, ``2024年第二季度`` (a monitoring table's data are to date)
    (the last one named); else None."""
    if not isinstance(text, str):
        return None
    text = _CN_PERIOD.sub(lambda m: str(_CN_VALUES[m[1]]), text)  # (a monitoring table's few header cells)
    if "季度" in text:
        text = _QUARTERS.sub(lambda m: f"1-{int(m[1]) * 3}月", text)
    found = [_PERIODS[p] if p else int(a or b or c) for a, b, c, p in _MONTHS.findall(text)]
    return found[-1] if found and 1 <= found[-1] <= 12 else None


INDICATOR_COLUMNS.update(_table({"to_date": ("累计完成值", "截至目前完成值", "当前完成值")}))


def _deviation_labels() -> list[str]:
    """The 偏差原因 column as forms head it: what fell short (偏差, 未完成, 未达标 …), its cause or
    analysis, and the measures (及/和/与 改进/整改/纠偏/下一步 措施/建议/举措) — ``偏差分析及改进措施``, ``未达标原因及
    改进措施``, ``偏差原因及整改措施`` were no column, and every row short of its target was "no
    reason given" (A307) beside the reason. Chinese characters only: each is its own label key."""
    heads = ("偏差", "未完成", "未达标", "未达成", "未达到", "差异", "偏差情况", "未完成情况", "存在问题")
    whys = ("", "原因", "原因分析", "分析", "及原因分析", "及原因", "情况及原因")
    measures = ("", *(f"{j}{k}{m}" for j in "及和与" for k in ("改进", "整改", "纠偏", "下一步", "下步", "下一步改进")
                      for m in ("措施", "建议", "举措")))
    return [f"{h}{w}{m}{e}" for h in heads for w in whys for m in measures for e in ("", "说明")
            if w or m or e]


#: The 偏差原因 column spellings generated (not written out above).
GENERATED_LABELS = frozenset(k for k in _deviation_labels() if k not in INDICATOR_COLUMNS)
INDICATOR_COLUMNS.update(dict.fromkeys(GENERATED_LABELS, "deviation"))
# The generated spellings are label keys already (a test holds them to label_key); mapping them
# without label_key keeps ~2,000 normalisations out of every start-up.
INDICATOR_COLUMNS.update(dict.fromkeys(_months_labels(
    ("实际完成值", "完成值", "实际完成情况", "完成情况", "实际完成数", "累计完成值", "实际值", "执行情况",
     "指标执行情况")), "to_date"))

#: A reason or measures written once for the whole table, in a row below it (湖北's 监控表:
#: 偏差或不能完成目标原因分析 | 文字, 相关建议或举措 | 文字): it ends the table and stands for
#: every row that gives none of its own.
TABLE_REASONS = _table({
    "deviation": ("偏差或不能完成目标原因分析", "偏差原因分析", "偏差原因", "未完成原因分析", "偏差原因及改进措施"),
    "measures": ("相关建议或举措", "纠偏措施", "改进措施", "拟采取的措施", "拟采取的纠偏措施"),
})

#: A table-wide reason row's labels: TABLE_REASONS, and every spelling of the 偏差原因 column
#: (``存在问题及改进措施 | 文字`` below a self-evaluation's rows was read as an indicator: S102, G204).
TABLE_REASON_FIELDS = {**{k: "deviation" for k, f in INDICATOR_COLUMNS.items() if f == "deviation"}, **TABLE_REASONS}

#: An outcome label that, in a table with no column of actuals, heads the actuals
#: (``年度指标值 | 完成情况 | 分值 | 得分``): what was achieved, numbers and words alike.
ACTUAL_OR_OUTCOME = label_key("完成情况")

#: Sub-columns ticked with √ under a merged header (the national monitoring form of 财预〔2019〕136号:
#: 完成目标可能性 over 确定能 | 有可能 | 完全不可能, 偏差原因分析 over 经费保障 | 制度保障 | …):
#: sub-column label → (field, the word the tick stands for).
TICK_COLUMNS = {label_key(word): (f, word) for f, words in (
    ("likelihood", ("确定能", "有可能", "完全不可能")),
    ("deviation", ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")),
) for word in words}
#: Cells that mean "not ticked"; a tick mark stands for the column's word; any other text is kept
#: beside the word (a reason written into the 其他 column).
NOT_TICKED = frozenset(("", "×", "✗", "否", "0", "-", "—", "/"))
TICK_MARKS = frozenset(("√", "✓", "✔", "☑", "●", "■", "是", "1", "v", "V", "Y", "y"))

#: Expert score columns: 专家1, 专家 2, 专家A, 专家一, 专家甲, 评委1, 专家1得分, 专家组1, 第1位专家, 1号专家,
#: 评分1, 评分人1, 评价专家1, 专家组成员1, 组员1, 专家1号 (and 专家（1）: :func:`expert_key`).
_NTH = "(?:[0-9]+|[A-Za-z]|[一二三四五六七八九十]+|[甲乙丙丁戊己庚辛壬癸])"
_EXPERTS = ("专家", "专家组", "评委", "评审专家", "评价专家", "评审", "评审人", "评分人", "评价人", "打分人", "专家组成员",
            "评审组成员", "评价组成员", "组员")
_EXPERT = f"(?:{'|'.join(_EXPERTS)})"
#: The label key of 专家（1）: the word alone (its number in brackets is read by :func:`expert_key`).
EXPERT_BARE = frozenset(_EXPERTS)
EXPERT_COLUMN = re.compile(rf"^(?:{_EXPERT}(?:评分|打分)?{_NTH}号?(?:评分|打分|得分|分数)?"
                           rf"|第?{_NTH}(?:位|号)(?:专家|评委)(?:评分|打分|得分)?|评分{_NTH})$")
#: An expert's number in brackets (专家（1）, 评委(A)), which :func:`label_key` drops as it drops a unit.
_BRACKETED_NTH = re.compile(rf"[(]({_NTH})[)]")


def expert_key(text: str) -> str:
    """The label key of an expert column's header with a bracketed number kept (专家（1） is 专家1,
    where :func:`label_key` reads 专家, as it reads 指标值（%） as 指标值)."""
    return label_key(_BRACKETED_NTH.sub(r"\1", unicodedata.normalize("NFKC", text)))

#: Columns of the funds block of a self-evaluation.
FUNDS_COLUMNS = _table({
    "initial_budget": ("年初预算数", "年初预算", "年初预算金额", "年初预算总额", "年初部门预算安排金额", "年初预算安排金额",
                       "年初预算安排数", "年初部门预算数", "年初部门预算"),
    "annual_budget": ("全年预算数", "调整后预算数", "全年预算", "预算数", "全年预算金额", "调整后预算",
                      "年度预算数", "预算安排数", "批复预算数", "全年预算安排数", "调整预算数",
                      "年中调整预算数", "年中调整后预算数", "调整后全年预算数", "全年调整后预算数", "全年预算总额",
                      "调整后预算总额", "全年(调整)预算数", "全年(调整)预算", "全年(调整后)预算数"),
    "spent": ("全年执行数", "执行数", "全年实际支出", "实际支出数", "全年执行金额", "实际执行数", "支出数",
              "累计执行数", "全年实际执行数", "实际支出金额", "支出执行数", "全年支出数", "预算执行数",
              "截至12月31日执行数", "截至12月底执行数", "截至年底执行数", "截至12月31日支出数", "全年累计执行数",
              "决算数", "全年决算数", "资金执行数", "累计支出", "累计支出数", "已支出金额", "已支出数",
              "全年实际支出数", "全年实际支出金额", "实际执行金额", "全年执行额", "实际支出额",
              "全年支出金额", "全年实际执行金额"),
    "weight": ("分值", "权重", "执行率权重", "执行率分值", "预算执行率权重", "预算执行率分值"),
    "rate": ("执行率", "预算执行率", "执行进度", "预算执行进度", "支出实现率", "预算支出实现率"),
    "score": ("得分", "执行率得分", "执行得分", "预算执行得分", "预算执行率得分", "执行情况得分", "自评得分", "得分值",
              "实际得分", "实得分"),
    "reason": ("偏差原因", "偏差原因分析", "偏差原因分析及改进措施", "原因说明", "执行率偏差原因",
               "执行偏差原因", "未完成原因", "说明", "备注", "原因"),
})
#: Funds columns read as an amount only where the header names that amount no other way: Fujian's
#: ``小计④=①+②+③`` (the year's budget: 年初 + 结转 + 调整) and ``年度拨付金额⑤`` (its 支出实现率 ⑥=⑤/④ makes it
#: the spending). Beside a 全年预算数 or a 执行数 they are something else, and left alone.
FUNDS_SECOND_COLUMNS = _table({
    "annual_budget": ("小计", "预算小计", "预算安排小计"),
    "spent": ("年度拨付金额", "拨付金额", "实际拨付金额", "已拨付金额", "全年拨付金额"),
})
FUNDS_COLUMNS.update(dict.fromkeys(_months_labels(("执行数", "实际执行数", "支出数", "实际支出", "累计执行数")), "spent"))
FUNDS_COLUMNS.update(dict.fromkeys(_months_labels(("执行率", "执行进度")), "rate"))

#: Row labels of the funds block → row kind.
_FISCAL_BY_SOURCE = (
    # by the level of government that gives it, as provincial forms split it
    "中央资金", "中央财政资金", "中央补助资金", "其中中央补助资金", "省级资金", "省级财政资金", "市级资金",
    "市级财政资金", "县级资金", "县级财政资金", "本级资金", "本级财政资金", "上级补助资金",
    # by the budget it comes from (湖北's 监控表: 其中：当年一般公共预算拨款)
    "当年一般公共预算拨款", "其中当年一般公共预算拨款", "一般公共预算拨款", "一般公共预算资金", "一般公共预算",
    # as a department's final accounts name its income (一般公共预算财政拨款收入 …)
    "一般公共预算财政拨款", "一般公共预算财政拨款收入", "政府性基金预算财政拨款", "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款", "国有资本经营预算财政拨款收入",
    "其中一般公共预算", "当年政府性基金预算拨款", "政府性基金预算拨款", "政府性基金预算资金", "政府性基金",
    "政府性基金资金", "政府性基金预算", "国有资本经营预算", "国有资本经营预算拨款", "国有资本经营预算资金")
#: The level of government a fiscal row is named by (中央资金, 省级补助资金, 市级配套资金, 县财政资金),
#: what comes between, and how such a label ends: every combination is a row by source, as each
#: province spells it (``其中：中央资金`` and ``市级配套资金`` were no funds rows, and the block's sums
#: went unchecked).
_LEVELS = ("中央", "省级", "省", "市级", "市", "州级", "州", "县级", "县", "区级", "区", "本级", "上级", "乡镇",
           "乡级", "镇级", "中央及省级", "中央和省级", "省市", "县(市区)", "县(区)", "县(市)")
_SOURCE_KINDS = ("", "财政", "补助", "财政补助", "专项", "财政专项", "配套", "财政配套", "转移支付", "衔接", "财政衔接")
_SOURCE_ENDS = ("资金", "拨款", "")
_FISCAL_BY_LEVEL = tuple(f"{level}{kind}{end}" for level in _LEVELS for kind in _SOURCE_KINDS for end in _SOURCE_ENDS
                         if kind or end)
#: Fiscal rows named by their source: under a 财政拨款 row they may break it down (model.Funds.parts).
FISCAL_BY_SOURCE = frozenset(p + s for s in (*map(label_key, _FISCAL_BY_SOURCE), *_FISCAL_BY_LEVEL) for p in ("", "其中")
                             if not (p and s.startswith("其中")))  # (no 其中其中中央补助资金)
# (the generated names are Chinese characters only: each is its own label key, and a thousand label_key
# calls stay out of every start-up)
FUNDS_ROWS = _table({
    "total": ("年度资金总额", "资金总额", "年度资金合计", "项目资金总额", "总额", "年度财政资金总额", "财政资金总额",
              "预算资金总额", "年度预算资金总额", "本年度资金总额", "本年资金总额", "全年资金总额", "当年资金总额",
              "项目总资金", "资金总计", "年度资金总计", "项目资金合计"),
    "fiscal": ("当年财政拨款", "其中当年财政拨款", "财政拨款", "其中财政拨款", "当年财政资金", "财政资金小计", "财政拨款小计",
               "财政拨款收入",
               "其中当年财政资金", "财政资金", "其中财政资金", "本年财政拨款", "其中本年财政拨款", "财政拨款资金",
               "财政性资金", "当年财政拨款资金", *_FISCAL_BY_SOURCE),
    "carryover": ("上年结转资金", "上年结转", "结转资金", "上年结转结余资金", "上年结余资金", "结转结余资金",
                  "上年结转结余", "历年结转资金", "历年结转", "以前年度结转资金", "上年结余", "结余资金"),
    "other": ("其他资金", "其他资金小计", "单位资金", "单位自有资金", "财政专户管理资金", "其中财政专户管理资金",
              "自有资金", "其他来源资金", "自筹资金", "其中自筹资金", "单位自筹资金", "社会资金", "社会投入资金",
              "银行贷款", "事业收入", "经营收入", "自筹", "单位自筹", "企业自筹", "企业自筹资金", "群众自筹",
              "上级补助收入", "附属单位上缴收入", "其他收入", "财政专户管理资金收入",
              "群众自筹资金", "社会资本", "社会资本投入", "社会捐赠", "社会捐赠资金",
              # bonds, which pay for a project beside its appropriation (not 财政拨款's breakdown)
              "专项债券资金", "专项债券", "地方政府专项债券资金", "地方政府专项债券", "债券资金", "政府债券资金",
              "一般债券资金"),
})
FUNDS_ROWS.update(dict.fromkeys(FISCAL_BY_SOURCE, "fiscal"))
#: A department's money split a second way, by what it pays for (``按支出性质分：基本支出 / 项目支出``):
#: another partition of 年度资金总额 beside the one by source, summed apart from it (model.Funds.uses).
FUNDS_ROWS.update(dict.fromkeys(("基本支出", "项目支出"), "use"))
#: 基本支出's own breakdown (其中：人员经费 / 公用经费): rows breaking down the use above them, as rows
#: by source break down 财政拨款 (model.Funds.breakdowns)
USE_DETAILS = frozenset(label_key(s) for s in ("人员经费", "公用经费", "其中：人员经费", "其中：公用经费",
                                              "基本支出人员经费", "基本支出公用经费"))
FUNDS_ROWS.update(dict.fromkeys(USE_DETAILS, "use"))
# ``其中：其他资金``, ``其中：上年结转资金``: the 其中 of a part, any part
FUNDS_ROWS.update({f"其中{k}": kind for k, kind in list(FUNDS_ROWS.items()) if kind != "total" and not k.startswith("其中")})
#: The caption a split's first row carries in its label (``按收入性质分：一般公共预算``,
#: ``按支出性质分：基本支出``): the row is named after the colon.
_SPLIT_CAPTIONS = {"use": ("按支出性质分", "按支出用途分", "按支出类型分"),
                   "": ("按收入性质分", "按资金来源分", "按资金性质分", "按收入来源分")}
FUNDS_ROWS.update({f"{caption}{k}": kind for k, kind in list(FUNDS_ROWS.items()) if kind != "total"
                   for caption in _SPLIT_CAPTIONS["use" if kind == "use" else ""]})

#: A row summing the funds rows above it, where the block has no 年度资金总额 row at its top
#: (``财政拨款 400 / 自筹资金 100 / 合计 500``): read as the block's total row.
FUNDS_SUM_LABELS = frozenset(label_key(s) for s in ("合计", "总计", "资金合计", "合计金额"))

#: Header fields (label → value to its right).
HEADER_FIELDS = _table({
    "project": ("项目名称", "预算项目名称", "项目全称", "项目名", "专项名称", "专项资金名称", "项目(资金)名称",
                "转移支付名称", "转移支付项目名称"),
    "department": ("主管部门", "主管部门(及代码)", "主管部门及代码", "主管单位", "部门名称", "单位名称(盖章)",
                   "项目主管部门", "预算部门", "主管部门名称", "预算主管部门", "业务主管部门", "归口管理部门", "归口部门",
                   "部门(单位)名称", "单位(部门)名称", "预算部门名称", "部门全称", "被评价部门",
                   "省级主管部门", "市级主管部门", "州级主管部门", "县级主管部门", "区级主管部门", "一级预算单位"),
    "unit": ("实施单位", "项目实施单位", "实施单位(盖章)", "项目单位", "项目承担单位", "承担单位", "项目执行单位",
             "预算单位", "预算单位名称", "实施单位名称", "项目实施单位名称", "具体实施单位",
             "执行单位", "承办单位", "项目承办单位", "责任单位", "项目责任单位", "组织实施单位",
             "项目负责单位", "牵头单位", "项目牵头单位", "二级预算单位", "基层预算单位", "实施主体", "项目实施主体",
             "申报单位", "项目申报单位", "建设单位", "项目建设单位", "用款单位"),
    "year": ("年度", "评价年度", "预算年度", "项目年度", "所属年度", "自评年度", "实施年度", "填报年度", "申报年度"),
    "attribute": ("项目属性",),
    "period": ("项目期限", "项目实施期", "实施期限", "项目实施期限", "项目起止时间", "项目起止日期", "起止日期", "起止时间",
               "实施期间", "建设期限"),
    "manager": ("项目负责人", "负责人"),
    "phone": ("联系电话",),
    "start": ("计划开始日期", "计划开始时间", "开始日期", "项目开始日期", "实施开始日期", "起始日期"),
    "end": ("计划完成日期", "计划完成时间", "计划结束日期", "计划结束时间", "结束日期", "项目结束日期", "实施完成日期"),
    "months": ("监控月份", "监控期间", "截至月份", "监控时段"),  # monitoring: 6, 6月, 1-6月
})

#: The unit that fills the form in (the title line's ``填报单位：…``): a project's 实施单位 where its form
#: has no 实施单位 line (S101 said it was empty); an 实施单位 line, even left empty, comes first.
FILLER_LABELS = frozenset(label_key(s) for s in ("填报单位", "填表单位", "编报单位", "填报单位名称", "填报单位(盖章)"))

#: A weight stated in an indicator's (or a block's) name: ``相关性(5分)``, ``产出指标（50分）``.
NAME_WEIGHT = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")

#: Labels of the written total and grade.
TOTAL_LABELS = {label_key(s) for s in ("总分", "合计", "总计", "总得分", "得分合计", "分值合计", "自评总分", "评价总分",
                                        "绩效自评总分", "自评得分合计", "合计得分", "总评分", "综合评分", "综合总分",
                                        "自评总得分", "评价总得分", "得分总计", "自评总分值", "评价总分值", "项目自评得分",
                                        "项目评价得分", "绩效评价得分", "绩效自评得分", "自评得分总计", "评价得分合计")}
#: Labels of the 得分 column (INDICATOR_COLUMNS) that a form also writes in its total row's first cell
#: (``自评得分 | 100 | 97.6``): a total there (below the header, a row starting with one is no header).
SCORE_AS_TOTAL = frozenset(label_key(s) for s in ("自评得分", "评价得分", "最终得分", "综合得分", "实际得分"))
#: A result table's (or a written part's) total row: 总分 … and those (``综合得分 | 100 | 85.99``).
RESULT_TOTAL_LABELS = frozenset(TOTAL_LABELS | SCORE_AS_TOTAL)
GRADE_LABELS = {label_key(s) for s in ("自评等级", "绩效等级", "评价等级", "等级", "评价结论", "绩效评价等级", "自评结论",
                                        "自评结果", "绩效评价结果", "评定等级", "考核等级", "绩效评定等级", "等次",
                                        "自评等次", "评价等次", "绩效等次", "考核等次", "评定等次")}
#: The grade labels that ask for the table's own grade (A326 when left empty); a bare 等级 may head
#: a legend's column, 评价结论 a paragraph.
GRADE_ASKED = {label_key(s) for s in ("自评等级", "绩效等级", "评价等级", "绩效评价等级", "评定等级", "考核等级",
                                       "绩效评定等级", "自评等次", "评价等次", "绩效等次", "考核等次", "评定等次")}

#: Labelled amounts (goal declarations and department tables): label → field.
AMOUNT_FIELDS = _table({
    "annual_total": ("年度资金总额", "年度资金总额(万元)", "资金总额", "总额", "年度资金合计", "项目资金总额",
                     "本年度资金总额", "本年资金总额", "当年资金总额", "年度预算资金总额", "年度项目资金总额", "年度资金"),
    # (not 一般公共预算 or 本级财政拨款: a declaration that names one names the other sources beside it,
    # 政府性基金, 上级补助资金, which this field would leave out)
    "annual_fiscal": ("财政拨款", "当年财政拨款", "财政资金", "当年财政资金", "财政拨款资金", "财政性资金",
                      "当年财政拨款资金"),
    "annual_other": ("其他资金", "自筹资金", "单位自筹资金", "单位资金", "其他来源资金", "其他来源", "自有资金",
                     "事业收入", "经营收入", "经营性收入", "其他收入"),
    "midterm_total": ("中期资金总额", "实施期资金总额", "中长期资金总额", "项目实施期资金总额"),
    "initial_budget": ("年初预算数", "年初预算", "年初预算金额", "年初预算总额"),
    # the funds block's spellings (FUNDS_COLUMNS), but the bare 预算数/执行数, which name no year
    "annual_budget": ("全年预算数", "调整后预算数", "全年预算", "调整后预算", "调整预算数", "年度预算数", "预算安排数",
                      "批复预算数", "全年预算安排数", "年中调整预算数", "年中调整后预算数", "调整后全年预算数",
                      "全年调整后预算数", "全年预算金额", "全年预算总额", "调整后预算总额", "全年(调整)预算数",
                      "全年(调整)预算", "全年(调整后)预算数", "预算总额"),
    "spent": ("全年执行数", "支出决算数", "决算数", "全年支出数", "支出数", "全年实际支出", "实际支出数", "全年执行金额",
              "实际执行数", "全年实际执行数", "实际支出金额", "预算执行数", "全年累计执行数", "全年支出总额",
              "支出总额", "全年支出", "全年实际支出总额", "年度支出总额"),
    "final_accounts": ("支出决算数", "决算数", "决算支出数", "决算支出", "支出决算", "决算支出总额", "支出决算总额"),
    "carryover": ("结转结余总额", "年末结转结余总额", "结转结余", "年末结转结余", "结转结余资金", "年末结转和结余",
                  "结转结余金额", "年末结转结余资金", "结转和结余", "结余结转总额", "年末结转结余资金总额", "结余结转",
                  "年末结余结转", "年末结转结余资金余额"),
    "received": ("实际到位资金", "到位资金", "实际到位资金数", "资金到位数", "实际到位数", "到位资金数", "实际到位金额",
                 "资金实际到位数"),
    "planned": ("预算资金", "应到位资金", "计划到位资金", "应到位资金数", "计划到位资金数"),
})
# a declaration's parts as 其中 (其中：财政拨款, 其中：一般公共预算)
AMOUNT_FIELDS.update({f"其中{k}": f for k, f in list(AMOUNT_FIELDS.items()) if f in ("annual_fiscal", "annual_other")})
# a department's amounts said as its own (部门全年预算数, 本单位支出决算数): a 全年预算数 not read fell back
# on the 年初预算数, scoring 102.78 % (A302 "spent above its budget")
AMOUNT_FIELDS.update({f"{who}{k}": f for k, f in list(AMOUNT_FIELDS.items())
                      if f in ("initial_budget", "annual_budget", "spent", "final_accounts", "carryover")
                      for who in ("部门", "本部门", "单位", "本单位")})

#: Rates a department's table writes beside its amounts (domain.md §4): label → scoring.figures key.
FIGURE_FIELDS = _table({
    "execution_rate": ("预算执行率", "执行率", "全年预算执行率", "部门预算执行率"),
    "carryover_rate": ("结转结余率",),
    "final_diff_rate": ("预决算差异率",),
    "received_rate": ("资金到位率",),
})

#: Goal texts.
GOAL_TEXT_FIELDS = _table({
    "midterm_goal": ("中期目标", "中长期目标", "中长期目标(2023-2025年)", "长期目标", "实施期目标", "项目实施期目标",
                     "实施期总体目标", "中期绩效目标", "实施期绩效目标", "中长期绩效目标"),
    "annual_goal": ("年度目标", "预期目标", "年度总体目标", "年度预期目标", "年度绩效目标", "本年度目标", "当年目标",
                    "本年度绩效目标", "当年绩效目标", "年初绩效目标", "年初目标"),
    # the year's goal as adjusted (Chongqing's 年初绩效目标 | 全年（调整）绩效目标): the year's where it says one
    "adjusted_goal": ("全年(调整)绩效目标", "调整后绩效目标", "调整后年度目标", "全年(调整)目标", "调整绩效目标"),
    "achieved": ("实际完成情况", "实际完成", "完成情况", "全年实际完成情况", "年度实际完成情况", "目标完成情况",
                 "年度目标完成情况", "总体目标完成情况", "年度总体目标完成情况", "目标实际完成情况",
                 # (spellings of the indicators' actuals column too: above the indicator header, the text)
                 "实际执行情况", "年度完成情况", "全年完成情况", "完成结果", "执行情况", "年度执行情况", "实际达成情况",
                 "目标实现情况", "目标完成结果", "全年目标实际完成情况"),
})
#: Block labels that hold a goal text only when the text sits to their right (``年度总体目标 | 文字``);
#: when sub-headers (预期目标 | 实际完成情况) follow instead, the sub-headers name the cells.
WEAK_GOAL_LABELS = frozenset(label_key(s) for s in ("年度总体目标", "总体目标", "年度绩效目标", "当年绩效目标",
                                                      "本年度绩效目标"))

#: Line items (资金使用情况).
LINE_ITEM_COLUMNS = _table({
    "method": ("组织方式", "采购方式", "实施方式"),
    "content": ("支出内容", "支出项目", "采购内容", "项目内容", "支出明细", "支出事项", "明细项目", "项目明细", "资金用途",
                "支出用途", "采购项目", "经费支出内容", "明细"),
    "budget": ("预算金额", "预算数", "预算资金", "预算安排", "预算安排数", "预算安排金额", "批复金额", "预算批复金额",
               "计划金额"),
    "contract": ("合同签订金额", "合同金额", "合同签订额", "合同额", "合同价", "合同价款", "合同总额", "中标金额",
                 "中标价", "中标价格"),
    "spent": ("支出金额", "实际支出", "支出数", "实际支出金额", "已支付金额", "支付金额", "实际支付金额", "执行金额",
              "已支出金额", "实际执行金额", "已支付", "付款金额", "已付金额", "已付款金额", "实际付款金额",
              "执行数", "已执行金额", "实际支出数", "支出额"),
})
SUBTOTAL_LABELS = ("小计",)
LINE_TOTAL_LABELS = ("合计", "总计")

#: Words in a sheet's title rows or name that say which table it is, strongest first.
#: Sheets of our own templates that hold no table (lists for dropdowns, metadata).
HELPER_SHEETS = ("_xltools", "选项", "_xltools_marks")
META_SHEET = "_xltools"

TITLE_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("运行监控", "monitor"),
    ("监控表", "monitor"),
    ("部门整体", "dept"),
    ("评分表", "evaluation"),
    ("评价指标体系", "evaluation"),
    ("评价评分", "evaluation"),
    ("申报表", "goals"),
    ("绩效目标表", "goals"),
    ("目标申报", "goals"),
    ("自评表", "selfeval"),
    ("自评", "selfeval"),
)
