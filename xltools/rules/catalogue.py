"""Every validation code: its severity, message and suggestion, in Chinese and English.

Codes are stable (domain.md §8): tests and other tools rely on them, so a code never changes
meaning; new ones are added. Messages name the problem; suggestions say how to fix it. Both are
templates filled with a finding's parameters when a report is rendered in the asked language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)


@dataclass(frozen=True, slots=True)
class Entry:
    severity: str
    zh: str
    en: str
    fix_zh: str
    fix_en: str


CATALOGUE: dict[str, Entry] = {
    # --- S: structure ------------------------------------------------------------------------
    "S101": Entry(ERROR, "必填栏目「{field}」{problem}", "required field {field_en} ({field}) {problem_en}",
                  "请在此单元格填写{field}", "fill in the {field_en} in this cell"),
    "S102": Entry(ERROR, "{level}「{name}」不在指标体系中{parent}", "{level} 「{name}」 is not in the taxonomy{parent}",
                  "改为：{allowed}", "use one of: {allowed}"),
    "S103": Entry(ERROR, "第 {row} 行指标缺少{what}{note}", "the indicator on row {row} has no {what_en}{note_en}",
                  "请补填{what}", "fill in the {what_en}"),
    "S104": Entry(WARNING, "三级指标「{name}」重复出现（另见 {other}）", "indicator 「{name}」 appears twice (also {other})",
                  "合并重复指标，或改名以区分", "merge the duplicates or rename one"),
    "S105": Entry(ERROR, "不是已知的绩效表：未找到{looked_for}（工作表：{sheets}）",
                  "not a known performance table: no {looked_for} (sheets: {sheets})",
                  "请使用标准模板（xltools template），或确认表头含「一级指标」「三级指标」",
                  "use a standard template (xltools template) or make sure the header has 一级指标 and 三级指标"),
    "S106": Entry(WARNING, "{year}「{name}」的{kind}在本批文件中出现 {n} 次（另见 {others}）{detail}，汇总时会重复计入",
                  "the {kind} of 「{name}」{year} appears {n} times in this batch (also {others}){detail}; "
                  "summaries count it {n} times",
                  "只保留一份（通常是最后修改的那份），把其余的移出本批后重新汇总",
                  "keep one (usually the latest), move the others out of the batch and summarise again"),
    "S107": Entry(INFO, "「{name}」的年度是 {year}，本批 {n} 张{kind}中有 {most} 张是 {usual} 年度",
                  "「{name}」 is of {year}, while {most} of the batch's {n} {kind} tables are of {usual}",
                  "确认是否误放了其他年度的表格（如上年的文件）；如确属本批，可忽略",
                  "check whether another year's table (last year's file?) slipped in; if it belongs here, ignore this"),
    "S108": Entry(INFO, "本批中没有「{name}」的目标申报表，名称最接近的是 {file} 中的「{declared}」，两表未作对照",
                  "no goal declaration of 「{name}」 in this batch; the nearest name is 「{declared}」 in {file}, so the two were not compared",
                  "如是同一项目，把两表的项目名称改为一致，才能与申报的指标、目标值和资金对照",
                  "if it is the same project, make the two names identical so that the declared indicators, targets and funds are compared"),
    "S109": Entry(WARNING, "隐藏的工作表「{sheet}」中还有一张{kind}（项目「{name}」），未计分、未汇总",
                  "the hidden sheet 「{sheet}」 holds another {kind} (project 「{name}」), which was not scored or summarised",
                  "如是旧版本或草稿，删除该工作表；如它才是要报送的表，取消隐藏（右键工作表标签 → 取消隐藏），并删除另一份",
                  "if it is an old version or a draft, delete the sheet; if it is the one to submit, unhide it "
                  "(right-click a sheet tab → Unhide) and delete the other"),
    "S110": Entry(WARNING, "第 {row} 行{what}「{name}」已隐藏：打印时看不到，但仍是本表的{what}，计入{sums}",
                  "{what_en} 「{name}」 on row {row} is hidden: it does not print, but it is still the table's "
                  "and counts in {sums_en}",
                  "如该行已不再使用，删除整行（隐藏不等于删除）；否则取消隐藏（或清除筛选），让审核人看到",
                  "if the row is no longer used, delete it (hiding is not deleting); otherwise unhide it "
                  "(or clear the filter) so that reviewers see it"),
    "S111": Entry(INFO, "工作表「{sheet}」是填表说明或示例，其中的{kind}（「{name}」）未计分、未汇总",
                  "the sheet 「{sheet}」 is named as instructions or an example: its {kind} (「{name}」) was not "
                  "scored or summarised",
                  "如它是本项目要报送的表，请把工作表改名（名称中不含「说明」「示例」等字样）",
                  "if it is a table to submit, rename the sheet (without 说明, 示例 or the like in its name)"),
    "S112": Entry(ERROR, "第 {row} 行「{name}」的分值为 {weight}：{problem}", "the weight of 「{name}」 on row {row} is "
                  "{weight}: {problem_en}",
                  "填写该指标的分值（正数）；不计分的指标删除整行，分值调给其他指标",
                  "enter the indicator's weight (a positive number); delete a row that is not to be scored and give its "
                  "weight to the others"),
    "S113": Entry(WARNING, "「{name}」没有评分标准", "「{name}」 has no scoring criteria",
                  "写明该指标的评分标准（怎样得满分、怎样扣分），专家才能依据一致的标准打分",
                  "write the indicator's scoring criteria (what earns full marks, what loses points), so that the "
                  "experts score by the same rule"),
    # --- G: goal quality ---------------------------------------------------------------------
    "G201": Entry(ERROR, "定量指标「{name}」的指标值「{value}」{problem}", "target 「{value}」 of 「{name}」 {problem_en}",
                  "{fix}", "{fix_en}"),
    "G202": Entry(WARNING, "满意度指标「{name}」的指标值是文字「{value}」，无法衡量",
                  "satisfaction target 「{value}」 of 「{name}」 is a word, not measurable",
                  "改为可度量的值，如「≥90%」", "use a measurable value such as 「≥90%」"),
    "G203": Entry(WARNING, "项目有服务对象（{who}），但没有设置满意度指标",
                  "the project serves people ({who}) but sets no satisfaction indicator",
                  "增加「满意度指标—服务对象满意度指标」，如「{who}满意度 ≥90%」",
                  "add a 满意度指标 row such as 「{who}满意度 ≥90%」"),
    "G204": Entry(WARNING, "一级指标「{name}」下没有任何三级指标", "level-1 「{name}」 has no indicators",
                  "为「{name}」设置至少一个可考核的三级指标", "set at least one measurable indicator under 「{name}」"),
    "G205": Entry(WARNING, "「{name}」是时效类指标，却归在「{level2}」下", "「{name}」 measures timing but is filed under 「{level2}」",
                  "二级指标改为「时效指标」", "file it under 时效指标"),
    "G206": Entry(WARNING, "「{name}」是成本类指标，却归在「{level2}」下", "「{name}」 measures cost but is filed under 「{level2}」",
                  "归入「成本指标」（{suggest}）", "file it under 成本指标 ({suggest})"),
    "G207": Entry(INFO, "三级指标「{name}」表述笼统，未写明动作或对象", "indicator 「{name}」 is vague: no action or object",
                  "改为如「{better}」", "rename it, e.g. 「{better}」"),
    "G208": Entry(ERROR, "分值合计 {sum} 与规则集要求的 {expected} 不符", "weights add up to {sum}, not {expected}",
                  "调整各指标分值，使合计为 {expected}", "adjust the weights so that they add up to {expected}"),
    "G209": Entry(WARNING, "{field}{problem}", "{field_en} {problem_en}",
                  "写明年度内要完成的产出和效果（数量、质量、时效、效益）",
                  "state the year's outputs and effects (quantity, quality, timing, benefit)"),
    "G210": Entry(WARNING, "「{name}」指标性质为「{direction}」，但未写明指标解释",
                  "「{name}」 is marked {direction} but has no explanation",
                  "在指标解释/备注栏说明该值如何计量、怎样算完成", "explain in 指标解释/备注 how the value is measured and when it is met"),
    "G211": Entry(WARNING, "「{name}」的指标值 {value} 超过 100%，这类比率不会超过 100%",
                  "the target {value} of 「{name}」 is above 100%, which such a rate cannot reach",
                  "改为不超过 100% 的值（如「≥95%」）；考核增长的，在名称中写明（如「增长率」）",
                  "use a value up to 100% (e.g. 「≥95%」); name a growth measure as such (e.g. 增长率)"),
    "G212": Entry(INFO, "{what}分值合计 {sum}，规则集的原则是 {expected}", "{what_en} weigh {sum}; the rule set's principle is {expected}",
                  "按原则分配分值，或在说明中写明调整的理由", "follow the principle or state why the weights were moved"),
    "G213": Entry(ERROR, "{what}分值合计 {sum}，规则集要求 {expected}", "{what_en} weigh {sum}; the rule set requires {expected}",
                  "把分值调整为 {expected}", "make them weigh {expected}"),
    "G214": Entry(WARNING, "「{name}」的目标日期 {value} 不在本表年度 {year} 年内",
                  "the target date {value} of 「{name}」 is not in the table's year {year}",
                  "核对目标日期（是否沿用了上一年度的表格）", "check the date (was last year's table copied?)"),
    "G215": Entry(WARNING, "「{name}」是越{way}越好的指标，指标性质却是「{op}」：按此计分，{effect}",
                  "「{name}」 is better the {way_en}, but its direction is 「{op}」: scored so, {effect_en}",
                  "指标性质改为「{fix}」", "change the direction to 「{fix}」"),
    "G216": Entry(WARNING, "成本指标「{name}」的指标值 {value}{amount}超过项目资金 {ceiling} 万元",
                  "the cost target {value} of 「{name}」{amount_en} exceeds the project's funds of {ceiling} ten-thousand yuan",
                  "核对金额和单位（元 / 万元）：成本不应超过项目资金", "check the amount and its unit (元 / 万元): a cost cannot exceed the funds"),
    "G217": Entry(WARNING, "「{name}」的指标值 {value}：几乎任何结果都达标，无法考核",
                  "the target {value} of 「{name}」 is met by almost any result and measures nothing",
                  "设定可考核的目标值（如上年实际值或计划数量）", "set a target that can be missed (last year's value, the planned quantity)"),
    "G218": Entry(WARNING, "项目计划期 {start} 至 {end} {problem}", "the planned period {start} to {end} {problem_en}",
                  "核对计划开始、完成日期（是否沿用了上年的表格）", "check the planned start and end (last year's table copied?)"),
    "G219": Entry(INFO, "产出指标下没有「{part}」", "the output indicators have no 「{part}」",
                  "补充可考核的{parts}，或说明本项目为何不设", "add a measurable {parts}, or say why the project has none"),
    "G220": Entry(WARNING, "「{name}」的指标值「{value}」是一句话，不是带运算符号的数值{problem}",
                  "the target 「{value}」 of 「{name}」 is a sentence, not a bounded value{problem_en}",
                  "写成「≥{number}」「{number}」这样的数值，指标内容写在三级指标名称中",
                  "write it as a value such as ≥{number} or {number}; the wording belongs in the indicator's name"),
    "G221": Entry(WARNING, "{what}「{name}」的指标值「{value}」是文字，没有数值，无法考核",
                  "the target 「{value}」 of the {what_en} 「{name}」 is words with no number: it cannot be assessed",
                  "{fix}", "{fix_en}"),
    "G222": Entry(WARNING, "「{name}」的指标值「{value}」是一个区间，没有运算符号；{how}",
                  "the target 「{value}」 of 「{name}」 is a range with no bound: {how_en}",
                  "写成一个界限：越多越好写「≥{low}{unit}」，越少越好写「≤{high}{unit}」",
                  "write one bound: ≥{low}{unit} if more is better, ≤{high}{unit} if less is"),
    "G223": Entry(INFO, "「{name}」的指标值「{value}」没有写明 ≥ 或 ≤，{how}",
                  "the target 「{value}」 of 「{name}」 has no ≥ or ≤: {how_en}",
                  "写明「≤{value}」（指标性质选 ≤）；确是等于的，写「={value}」",
                  "write ≤{value} (choose ≤ as 指标性质); if it is an equality, write ={value}"),
    "G224": Entry(WARNING, "「{name}」的年度指标值 {annual} 超过中期（实施期）指标值 {midterm}",
                  "the annual target {annual} of 「{name}」 exceeds its mid-term (whole-period) target {midterm}",
                  "年度指标是实施期的一部分或阶段目标，核对两者：年度指标值不应超过中期（实施期）指标值",
                  "the year is a part or a stage of the period: check both; the annual target should not exceed it"),
    "G225": Entry(WARNING, "「{name}」的指标值为「{said}」，却设有分值 {weight}：不适用的指标不衡量任何结果，却计分",
                  "the target of 「{name}」 says it does not apply ({said}) yet carries {weight} points: it measures "
                  "nothing and scores",
                  "删除该指标并把分值调给其他指标，或写明可衡量的指标值", "delete the row and give its weight to "
                  "other indicators, or set a target that can be measured"),
    "G226": Entry(WARNING, "「{name}」是满意度指标，却归在「{level}」下", "「{name}」 measures satisfaction but is filed under 「{level}」",
                  "一级指标改为「满意度指标」，二级指标改为「服务对象满意度指标」",
                  "file it under 满意度指标 — 服务对象满意度指标"),
    "G227": Entry(WARNING, "效益指标「{name}」量的是项目自身完成的工作（产出），不是项目带来的效果",
                  "the benefit indicator 「{name}」 counts the project's own work (an output), not its effect",
                  "移到「产出指标—数量指标」下；效益指标写项目带来的变化（如受益人数、就业增收、环境改善）",
                  "move it under 产出指标 — 数量指标, and state the change the project brings as the benefit "
                  "(people served, jobs and income, a better environment)"),
    "G228": Entry(WARNING, "「{name}」指标性质为「定性」，指标值「{value}」却是数值：按定性计分，实际完成值没有与它比较",
                  "「{name}」 is marked 定性 (qualitative), yet its target 「{value}」 is a number: it is scored as "
                  "qualitative, and the actual is not compared with it",
                  "指标性质改为定量（{op}），或把指标值写成定性的描述",
                  "make the direction quantitative ({op}), or state the target in words"),
    "G229": Entry(WARNING, "「{name}」是{what}，指标值「{value}」却{problem}",
                  "「{name}」 names a {what_en}, yet its target 「{value}」 {problem_en}",
                  "{advice}", "{advice_en}"),
    "G230": Entry(WARNING, "「{name}」的指标性质为「{direction}」，指标值「{value}」却写了相反的「{op}」：按指标值的「{op}」计分",
                  "「{name}」 is marked 「{direction}」, yet its target 「{value}」 says the opposite 「{op}」: it is "
                  "scored by the target's 「{op}」",
                  "核对两处，改为一致：越大越好用「≥」（正向），越小越好用「≤」（反向）",
                  "make the two agree: ≥ (正向) where more is better, ≤ (反向) where less is"),
    "G231": Entry(WARNING, "「{name}」的指标值「{value}」是{what}，却放在{level2}下：时效指标衡量完成的时间",
                  "「{name}」 with the target 「{value}」 is {what_en}, filed under {level2}: a timeliness measure "
                  "says when",
                  "移到{suggest}下；{level2}写完成时间、及时率或周期（如「项目完成时间 ≤ 2023年12月31日」）",
                  "move it under {suggest_en}; {level2} holds a completion date, an on-time rate or a cycle "
                  "(项目完成时间 ≤ 2023年12月31日)"),
    "G232": Entry(WARNING, "「{name}」是时效类指标，却归在「{level2}」下：数量指标衡量做了多少",
                  "「{name}」 measures timing but is filed under 「{level2}」: a quantity measure says how much",
                  "二级指标改为「时效指标」", "file it under 时效指标"),
    # --- A: arithmetic and consistency ---------------------------------------------------------
    "A301": Entry(ERROR, "{what}：{total} ≠ 分项合计 {sum}", "{what_en}: {total} ≠ sum of parts {sum}",
                  "应为 {sum}，或核对各分项", "should be {sum}, or check the parts"),
    "A302": Entry(ERROR, "{what}执行数 {spent} 大于预算数 {budget}{slip}", "{what_en} spent {spent} exceeds budget {budget}{slip_en}",
                  "核对执行数与预算数{hint}", "check spending against the budget{hint_en}"),
    "A303": Entry(ERROR, "填写的{what} {written} 与计算值 {computed} 不符", "written {what_en} {written} differs from computed {computed}",
                  "改为 {computed}", "change it to {computed}"),
    "A304": Entry(ERROR, "得分 {score} 超过分值 {weight}", "score {score} exceeds weight {weight}",
                  "得分不能超过分值 {weight}", "a score cannot exceed its weight {weight}"),
    "A305": Entry(ERROR, "填写的{what} {written} 与计算值 {computed} 不符（{explain}）",
                  "written {what_en} {written} differs from computed {computed} ({explain})",
                  "改为 {computed}", "change it to {computed}"),
    "A306": Entry(ERROR, "等级「{written}」与总分 {total} 对应的等级「{grade}」不符",
                  "grade 「{written}」 does not match total {total} (grade 「{grade}」)",
                  "改为「{computed}」", "change it to 「{computed}」"),
    "A307": Entry(WARNING, "「{name}」{state}，但未填写偏差原因分析及改进措施{written}",
                  "「{name}」 {state_en} but no deviation reason is given{written_en}",
                  "说明偏差原因及改进措施", "explain the deviation and the corrective measures"),
    "A308": Entry(ERROR, "「{name}」缺少实际完成值{said}", "「{name}」 has no actual value{said_en}",
                  "填写全年实际完成值", "fill in the actual value"),
    "A309": Entry(WARNING, "「{content}」合同金额 {contract} 超过预算金额 {budget}",
                  "「{content}」 contract {contract} exceeds budget {budget}",
                  "核对合同金额，或说明超预算原因", "check the contract amount or explain it"),
    "A310": Entry(ERROR, "「{content}」支出金额 {spent} 超过合同金额 {contract}",
                  "「{content}」 spending {spent} exceeds contract {contract}",
                  "核对支出金额与合同金额", "check spending against the contract"),
    "A311": Entry(WARNING, "与绩效目标申报表{against}不一致：{detail}", "differs from the declared goals{against_en}: {detail_en}",
                  "{fix}", "{fix_en}"),
    "A312": Entry(WARNING, "「{name}」实际 {actual} 达到目标 {target} 的 {ratio}，{why}",
                  "「{name}」 actual {actual} is {ratio} of target {target}: {why_en}", "{fix}", "{fix_en}"),
    "A313": Entry(ERROR, "定性指标「{name}」得分 {score}（{rate}）不在「{outcome}」的区间 {band} 内",
                  "qualitative 「{name}」 score {score} ({rate}) is outside the band {band} of 「{outcome}」",
                  "按所选结果在 {band} 内打分，或改选结果", "score within {band} or choose another outcome"),
    "A314": Entry(ERROR, "单元格显示公式错误 {value}（{meaning}）", "the cell shows the formula error {value} ({meaning_en})",
                  "{fix}", "{fix_en}"),
    "A315": Entry(WARNING, "定量指标「{name}」的实际完成值「{value}」不是数值，{problem}",
                  "the actual 「{value}」 of quantitative 「{name}」 is not a number {problem_en}",
                  "{fix}", "{fix_en}"),
    "A316": Entry(WARNING, "「{name}」实际完成值的单位「{unit}」与指标值「{target}」的单位「{target_unit}」不同，无法换算",
                  "the unit 「{unit}」 of the actual of 「{name}」 differs from the unit 「{target_unit}」 of its target 「{target}」 and cannot be converted",
                  "按指标值的单位（{target_unit}）填写实际完成值", "write the actual in the target's unit ({target_unit})"),
    "A317": Entry(WARNING, "预算执行率 {rate} 低于 {threshold}，但未说明原因",
                  "the execution rate {rate} is below {threshold} and no reason is given",
                  "在资金表的偏差原因/说明栏或「实际完成情况」中写明执行率偏低的原因（如合同尾款未到支付期、政府采购节约）",
                  "state why spending fell short (e.g. final contract payments not yet due, procurement savings) "
                  "in the funds block's reason column or under 实际完成情况"),
    "A318": Entry(ERROR, "「{name}」{expert}的评分{problem}", "the score of {expert_en} for 「{name}」 {problem_en}",
                  "由{expert}填写 0 至 {weight} 之间的数值", "have {expert_en} fill in a number from 0 to {weight}"),
    "A319": Entry(WARNING, "{what}的年初预算数 {written} 与绩效目标申报表{against}的 {declared} 不一致",
                  "the initial budget {written} of the {what_en} differs from the declared {declared}{against_en}",
                  "年初预算数照填申报（批复）的 {declared}；年中调整的预算填在「全年预算数」栏",
                  "enter the declared {declared} as initial budget; a budget adjusted during the year goes under 全年预算数"),
    "A320": Entry(WARNING, "年度总体目标的预期目标与绩效目标申报表{against}的年度目标不一致",
                  "the expected goal differs from the declared annual goal{against_en}",
                  "照录申报的年度目标：「{declared}」", "restate the declared annual goal: 「{declared}」"),
    "A321": Entry(WARNING, "「{name}」的{what} {value} 超过 100%，这类比率不会超过 100%",
                  "the {what_en} {value} of 「{name}」 is above 100%, which such a rate cannot reach",
                  "核对该值：是否把数量填成了比率，或分子分母颠倒", "check the value: a count written as a rate, or the ratio inverted?"),
    "A322": Entry(WARNING, "「{name}」的实际完成值「{value}」是指标值的写法（{op}），不是实际达到的{what}",
                  "the actual 「{value}」 of 「{name}」 is written as a target ({op}), not as the {what_en} reached",
                  "填写实际达到的{what}{example}，不带 ≥、≤、不低于、前 等字样",
                  "write the {what_en} actually reached{example_en}, without ≥, ≤, 不低于, 前 and the like"),
    "A323": Entry(WARNING, "「{name}」各专家评分相差 {spread}（{low}–{high}），超过分值 {weight} 的 {share}；{expert}的 {score} 离其他专家最远",
                  "the experts' scores of 「{name}」 are {spread} apart ({low}–{high}), more than {share} of its weight {weight}; "
                  "{expert_en}'s {score} is furthest from the others",
                  "请评价组复核该项评分依据，必要时由专家说明理由或调整评分",
                  "have the evaluation team review the scoring of this row; the expert explains or revises the score"),
    "A324": Entry(WARNING, "「{label}」的{column}「{value}」是文字，模板的合计和执行率不计入它",
                  "the {column_en} 「{value}」 of 「{label}」 is text: the template's total and rate leave it out",
                  "{fix}", "{fix_en}"),
    "A325": Entry(WARNING, "{n} 个公式单元格没有计算结果（{cells}），按空白读取：文件由程序生成或修改后，未在 Excel/WPS 中保存过",
                  "formula cells without a result ({n}: {cells}) read as blank: the file was written by a program "
                  "and not saved in Excel or WPS since",
                  "在 Excel 或 WPS 中打开该文件并保存（公式随即计算），再校验或汇总",
                  "open the file in Excel or WPS and save it (the formulas are then calculated), then validate or "
                  "summarise it again"),
    "A326": Entry(WARNING, "{what}未填写（计算值为 {computed}）", "the {what_en} is not filled in (computed: {computed})",
                  "填写 {computed}", "fill in {computed}"),
    "A327": Entry(WARNING, "「{name}」的完成时间写成了「{value}」，没有写明实际完成日期，只能按文字判断",
                  "the completion of 「{name}」 is written as 「{value}」, with no date it was done: judged by the words",
                  "写明实际完成日期，如「{example}」（指标值 {target}）",
                  "write the date it was done, e.g. 「{example}」 (target {target})"),
    "A328": Entry(WARNING, "「{name}」的实际完成值「{value}」是占目标的比例，不是实际达到的数量；已按目标 {target} 的这一比例，即 {share} 计算",
                  "the actual 「{value}」 of 「{name}」 is a share of the target, not the amount reached; it was taken as that share of {target}, {share}",
                  "填写实际达到的数量，如「{share}」", "write the amount reached, e.g. 「{share}」"),
    "A329": Entry(WARNING, "「{name}」实际 {actual} 是目标 {target}{times}，相差百倍以上，多是单位填错{example}",
                  "the actual {actual} of 「{name}」 is {times_en} the target {target}: a hundredfold apart, most often a "
                  "unit typed wrong{example_en}",
                  "核对实际完成值的单位，按指标值的单位填写{hint}", "check the actual's unit and write it in the target's{hint_en}"),
    "A330": Entry(INFO, "「{name}」专家均评为不适用（{said}），分值 {weight} 不计入总分{how}",
                  "every expert marked 「{name}」 not applicable ({said}): its weight {weight} is left out of the total{how_en}",
                  "确属不适用的无需修改；适用的，由专家评分", "nothing to change if it does not apply; if it does, "
                  "the experts score it"),
    "A331": Entry(ERROR, "「{label}」的{column}{problem}", "the {column_en} of 「{label}」 {problem_en}",
                  "{fix}", "{fix_en}"),
    "A332": Entry(WARNING, "「{name}」的实际完成值为「{said}」：申报的绩效指标未评价，{left}{how}",
                  "the actual of 「{name}」 says it does not apply ({said}): a declared indicator left unevaluated, "
                  "{left_en}{how_en}",
                  "填写实际完成值并计分；确因项目调整而不适用的，在偏差原因分析中说明，并按规定调整绩效目标",
                  "write what was reached and score it; if a change to the project made it inapplicable, say so in "
                  "the deviation reason and have the goals adjusted as the rules require"),
    "A339": Entry(WARNING, "{what}写「{said}」，与「{name}」的{column} {value} 不一致",
                  "the {what_en} says 「{said}」, where 「{name}」 has the {column_en} {value}",
                  "核对两处数字，改为一致：表中的{column}计分，文字应与之相符",
                  "check both figures and make them agree: the {column_en} in the table is what is scored"),
    "A340": Entry(WARNING, "年度资金总额 {annual} {unit}超过中期资金总额 {midterm} {unit}",
                  "the annual funds {annual} {unit} exceed the mid-term funds {midterm} {unit}",
                  "核对两处金额：中期资金总额是实施期内各年之和，不应少于其中一年的年度资金总额",
                  "check both amounts: the mid-term funds are the sum over the period's years and cannot be less "
                  "than one year's"),
    "A341": Entry(ERROR, "「{label}」的{column}写的是执行率 {rate}，不是金额：按它算出的执行率只有 {computed}",
                  "the {column_en} of 「{label}」 is the execution rate {rate}, not an amount: the rate worked out "
                  "from it is {computed}",
                  "填写金额（{unit}）：{budget} × {rate} ≈ {amount}；执行率写在「执行率」栏",
                  "write the amount ({unit}): {budget} × {rate} ≈ {amount}; the rate belongs in the rate column"),
    "A343": Entry(ERROR, "「{label}」的{column} {written} 与表头所列算式 {formula} 的结果 {computed} 不符（{reckoning}）",
                  "the {column} of 「{label}」 is {written}, not {computed}, which its header's reckoning {formula} "
                  "gives ({reckoning})",
                  "改为 {computed}，或核对算式中的各数", "change it to {computed}, or check the figures it is worked out from"),
    "A344": Entry(ERROR, "「{label}」的{column} {budget} 是执行数 {spent} 的百倍以上（执行率仅 {rate}），{said}：多是单位填错{slip}",
                  "the {column_en} of 「{label}」, {budget}, is a hundredfold its spending {spent} and more (a rate of "
                  "{rate}), {said}: most often a unit typed wrong{slip_en}",
                  "预算数和执行数都按表头的金额单位（{unit}）填写", "write the budget and the spending in the table's unit ({unit})"),
    "A346": Entry(ERROR, "「{label}」的{column}为 0，{said}：执行数多是漏填",
                  "the {column_en} of 「{label}」 is 0, {said}: most often the spending was not filled in",
                  "填写{column}（{unit}）；确实没有支出的，执行率和执行率得分都是 0",
                  "fill in the spending ({unit}); if nothing was spent, the rate and its score are 0"),
    "A345": Entry(WARNING, "自评表没有总分（计算值为 {computed}）", "the self-evaluation states no total (computed: {computed})",
                  "在指标下加一行「总分」，填写 {computed}", "add a 总分 row below the indicators with {computed}"),
    "A342": Entry(ERROR, "「{label}」的{column} {amount} 是负数：金额不能小于 0",
                  "the {column_en} of 「{label}」 is {amount}, below zero: an amount cannot be negative",
                  "填写实际金额（{unit}，不带负号）；预算调减的，填写调整后的金额",
                  "write the actual amount ({unit}, without a minus sign); a budget cut is written as the amount "
                  "after it"),
    "A338": Entry(WARNING, "资金使用情况各项{column}合计 {sum} 万元，与「{label}」的{funds_column} {amount} 万元不一致",
                  "the line items' {column_en} total {sum} (ten-thousand yuan), not the {funds_column_en} {amount} "
                  "of 「{label}」",
                  "核对资金使用情况是否漏列、重列支出内容，金额单位是否为万元：各项合计应等于项目资金的{funds_column}",
                  "check the line items for one left out or listed twice, and that they are in 万元: they add up to "
                  "the funds' {funds_column_en}"),
    "A337": Entry(WARNING, "「{name}」的实际完成日期 {value} 早于本表年度 {year} 年，计为按期完成",
                  "the completion date {value} of 「{name}」 is before the table's year {year}; it was scored as on time",
                  "核对完成日期：年份是否写错，或沿用了上一年度的表格",
                  "check the date: a mistyped year, or last year's table copied?"),
    "A336": Entry(WARNING, "年度总体目标的实际完成情况{problem}", "the achievement of the annual goal {problem_en}",
                  "对照年度目标写明实际完成的产出和效果（数量、质量、时效）及资金使用情况",
                  "write what was achieved against the annual goal (outputs and effects: quantity, quality, "
                  "timing) and how the funds were used"),
    "A335": Entry(WARNING, "「{name}」的实际完成值「{value}」只说明未达到指标值 {target}，没有写实际达到的数值：按{outcome}计分",
                  "the actual 「{value}」 of 「{name}」 only says the target {target} was not reached, not the value "
                  "reached: scored as {outcome}",
                  "填写实际达到的数值（与指标值 {target} 同一单位），未达到的原因写入偏差原因分析",
                  "write the value reached (in the unit of the target {target}) and the reason in the deviation column"),
    "A334": Entry(WARNING, "「{name}」的实际完成值 {value} 是数字，按 {year}年1月 计为{january}；若填写的是 {year}.10，"
                           "Excel 去掉了末尾的 0，即 {year}年10月，则为{october}",
                  "the actual {value} of 「{name}」 is a number, read as January {year}: {january}; if {year}.10 was "
                  "typed, Excel dropped its trailing 0, and October {year} is {october}",
                  "把完成时间写成文字或日期（「{year}年10月」或「{year}年1月」），不要写成小数",
                  "write the completion as text or a date (「{year}年10月」 or 「{year}年1月」), not as a decimal number"),
    "A333": Entry(WARNING, "「{name}」的实际完成值 {value} 看来是{scale}分制的满意度评分，指标值 {target} 却是百分比："
                           "按 {number}% 计分，得分偏低",
                  "the actual {value} of 「{name}」 looks like a score on a {scale}-point scale, while the target {target} "
                  "is a percentage: it was scored as {number}%, too low",
                  "按百分比填写满意度（如 {share}），或写明满分：「{number}分（满分{scale}分）」",
                  "write the satisfaction as a percentage ({share}) or state the scale: 「{number}分（满分{scale}分）」"),
    # --- M: mid-year monitoring (绩效运行监控表, domain.md §3.6; xltools/monitoring.py) ----------
    "M401": Entry(WARNING, "「{name}」{light}（{how}），但未填写偏差原因",
                  "「{name}」 shows {light_en} ({how_en}) but gives no reason for the deviation",
                  "在此说明进度滞后（或大幅超前）的原因", "explain here why it is behind (or far ahead of) schedule"),
    "M402": Entry(WARNING, "「{name}」{state}，但未填写纠偏措施", "「{name}」 {state_en} but states no corrective measures",
                  "写明拟采取的纠偏措施和完成时间", "state the corrective measures and when they take effect"),
    "M403": Entry(ERROR, "「{name}」的完成目标可能性{problem}", "the likelihood for 「{name}」 {problem_en}",
                  "从「确定能 / 有可能 / 完全不可能」中选择一项", "choose one of 确定能 / 有可能 / 完全不可能"),
    "M404": Entry(ERROR, "「{name}」缺少 1-{n}月实际完成值{problem}", "「{name}」 has no value for months 1-{n}{problem_en}",
                  "填写截至 {n} 月底的实际完成值（数值和单位，如「55家」）；年底才考核的（如年终满意度调查）写明「年底测评」，"
                  "并选择完成目标可能性",
                  "fill in the value reached by the end of month {n}, with its unit (e.g. 55家); for a figure only "
                  "measured at the year's end (a year-end survey) write 年底测评 and choose the likelihood"),
    "M405": Entry(ERROR, "监控表未写明监控期间（1-N月），无法按序时进度判断",
                  "the monitoring table does not say which months it covers (1-N月)",
                  "在「监控月份」中填写 N，或在列名、标题中写明，如「1-6月实际完成值」「（2024年1-6月）」",
                  "fill in 监控月份 (N), or say it in a column label or the title, e.g. 「1-6月实际完成值」"),
    "M406": Entry(WARNING, "「{name}」完成目标可能性填「{likelihood}」，与{evidence}不符",
                  "「{name}」: the likelihood 「{likelihood}」 contradicts {evidence_en}",
                  "核实完成目标可能性，或在偏差原因中说明依据", "check the likelihood, or explain it in the deviation reason"),
    "M408": Entry(WARNING, "监控表与绩效目标申报表{against}不一致：{detail}",
                  "the monitoring table differs from the declared goals{against_en}: {detail_en}", "{fix}", "{fix_en}"),
    "M407": Entry(WARNING, "预算执行进度 {progress} 低于序时进度 {expected}（{light}）",
                  "spending progress {progress} is behind the pro-rata {expected} ({light_en})",
                  "说明支出滞后的原因，并加快执行进度", "explain why spending lags and speed it up"),
    "M409": Entry(WARNING, "「{name}」未填写全年预计完成值", "「{name}」 has no forecast for the year (全年预计完成值)",
                  "填写预计到年底能完成的值（数值和单位，如「110家」；定性指标写预计效果），它是完成目标可能性的依据",
                  "fill in what is expected by the year's end (a number with its unit, e.g. 110家; for a qualitative "
                  "indicator, the expected effect): the likelihood rests on it"),
}

#: What each formula error value means and how to mend it: (meaning, fix) in Chinese and English.
FORMULA_ERRORS: dict[str, tuple[str, str, str, str]] = {
    "#DIV/0!": ("除数为空或为 0", "检查除数单元格（如全年预算数、分值）已填写且不为 0，或用 IFERROR 处理",
                "a division by an empty cell or by 0", "fill in the divisor (e.g. the annual budget or weight) "
                "with a non-zero number, or wrap the formula in IFERROR"),
    "#REF!": ("公式引用的单元格已被删除", "重新指定公式引用的单元格", "the formula refers to a deleted cell",
              "point the formula at existing cells"),
    "#VALUE!": ("文本参与了计算", "检查参与计算的单元格为数值（不带单位、空格）", "text took part in arithmetic",
                "make the cells it uses plain numbers (no units or spaces)"),
    "#N/A": ("查找不到匹配项", "检查查找公式的查找值和查找区域", "a lookup found nothing",
             "check the lookup value and range"),
    "#NAME?": ("公式中有无法识别的函数或名称", "检查函数名与名称的拼写", "an unknown function or name in the formula",
               "check the spelling of functions and names"),
    "#NUM!": ("数值无效", "检查公式中的数值", "an invalid number", "check the numbers in the formula"),
    "#NULL!": ("区域引用不相交", "检查公式中的区域引用", "ranges that do not intersect", "check the ranges in the formula"),
}
FORMULA_ERROR_OTHER = ("公式出错", "检查并修正公式", "a formula error", "check and mend the formula")


@dataclass(frozen=True, slots=True)
class Text:
    """A parameter that itself differs by language (a score's explanation, say)."""

    zh: str
    en: str


_PLACEHOLDER = re.compile(r"\{[a-z_0-9]+\}")
#: What a suggestion that is wholly a parameter (it depends on the finding) shows in the list.
_DEPENDS = ("（随具体问题给出）", "(given with each finding)")
#: What :func:`describe` shows for a code whose message, its particulars left open, says nothing
#: (``{field}{problem}`` becomes ``……``): a short statement of the problem instead.
_BRIEF = {
    "S101": ("必填栏目（项目名称、主管部门、实施单位，以及表上留了位置的年度）为空，或仍是填写提示",
             "a required field (project, department, unit, and the year where the form has a place for it) "
             "empty, or still the template's prompt"),
    "S103": ("指标行缺少三级指标名称、指标值或分值（指标值写进了名称的，说明应移入指标值栏）",
             "an indicator row without its name, target or weight (a target written into the name is said so)"),
    "S112": ("指标的分值为 0 或负数：负数从总分中扣减，0 分的指标不计分", "an indicator's weight of 0 or below: a negative one "
             "takes points off the total, a 0 counts for nothing"),
    "G229": ("三级指标名称与指标值的单位不符：名称是比率（…率）而指标值以人、个、元等计量，或名称是数量（…人数、…数量）而指标值是百分比",
             "an indicator's name and its target's unit disagree: a rate (…率) measured in people, items or money, "
             "or a count (…人数, …数量) given as a percentage"),
    "G230": ("指标性质（≥/正向、≤/反向）与指标值自带的符号相反（「≥」旁写「≤30天」）：按指标值的符号计分",
             "a direction (≥/正向, ≤/反向) beside a target whose own sign says the opposite (≥ beside ≤30天): scored by "
             "the target's sign"),
    "G231": ("时效指标下放了数量或金额（「培训人数 ≥500人」「采购金额 ≤50万元」），而不是完成时间、及时率或周期",
             "a count or an amount filed under 时效指标 (培训人数 ≥500人, 采购金额 ≤50万元) instead of a date, an "
             "on-time rate or a cycle"),
    "G232": ("时效类指标（按期、及时、完成时间、周期、进度……）归在数量指标下（G205 为质量指标下）",
             "a timing measure (按期, 及时, 完成时间, 周期, 进度 …) filed under 数量指标 (G205: under 质量指标)"),
    "G209": ("总体目标或年度目标为空或只有一句", "an overall or annual goal empty or of one line"),
    "A318": ("「…」的专家评分为空、不是数值或为负数", "an expert's score for 「…」 missing, not a number or negative"),
    "A315": ("定量指标的实际完成值不是数值（一句话中只有一个同单位的数值时，按它比较）",
             "a quantitative indicator's actual is not a number (a sentence with one number in the target's unit is "
             "compared by it)"),
    "G221": ("数量指标或比率指标（…率）的指标值是文字、没有数值（「逐步增加」「及时」「按合同约定」），无法考核",
             "a quantity or rate indicator's target is words with no number (逐步增加, 及时, 按合同约定): it cannot be assessed"),
    "A338": ("资金使用情况各项的预算金额、支出金额合计，与项目资金年度资金总额（或财政拨款）的全年预算数、全年执行数不一致：漏列、重列或单位不是万元",
             "the line items' budgets or spending do not add up to the annual budget or spending of the funds "
             "(total, or fiscal): an item left out or listed twice, or amounts not in 万元"),
    "A337": ("本年度的时限目标，实际完成日期却在以前年度（2023 年的表写 2022年6月20日）：计为按期完成，多为年份写错或沿用旧表",
             "a deadline of the table's year met by a date of an earlier year: scored as on time, most often a "
             "mistyped year or last year's table"),
    "A336": ("自评表年度总体目标的实际完成情况为空，或只写「已完成」「按计划完成」而没有写明完成了什么",
             "the achievement of a self-evaluation's annual goal empty, or saying only 已完成 / 按计划完成"),
    "A335": ("实际完成值只说未达到指标值（「低于90%」「接近90%」「不到90%」对 ≥90%，「超过30天」对 ≤30天），没有实际数值："
             "按部分达成年度指标计分（目标为 0 的超过即未达成）",
             "an actual that only says the target was not reached (低于90%, 接近90%, 不到90% against ≥90%; 超过30天 against "
             "≤30天), with no value: scored as partly achieved (failed past a target of 0)"),
    "A334": ("完成时间填成数字 2023.1：可能是输入 2023.10 时 Excel 去掉了末尾的 0；按 1 月与按 10 月是否按期不同",
             "a completion typed as the number 2023.1: maybe 2023.10 with its trailing 0 dropped by Excel; read as "
             "January and as October it is not equally on time"),
    "G220": ("指标值是一句话，不是带运算符号的数值", "a target written as a sentence, not a bounded value"),
    "A312": ("实际完成值超过目标的 120%（规则集阈值），目标可能设置偏低；超过百倍时多为单位填错",
             "an actual beyond 120% of its target (the rule set's threshold): the target likely set too low; "
             "a hundredfold, most often a unit typed wrong"),
    "G223": ("没有写明 ≥ 或 ≤ 的时限（时效指标）、成本金额或不应发生事项的次数：按上限（≤）计分，本工具的模板也是",
             "a time limit (时效指标), a cost or a count of what should not happen written without ≥ or ≤: "
             "scored as a ceiling, in our templates too"),
    "A302": ("执行数大于预算数（相差百倍以上的，多是单位填错，如按元填在万元栏）",
             "spending above the budget (a hundredfold over: most often a unit typed wrong, 元 in a 万元 column)"),
    "A343": ("资金表或资金使用情况中表头写明算式的数（「小计④=①+②+③」「本年度结余金额⑦=④-⑤」「资金结余率⑧=⑦/④」）"
             "与按算式算出的不符",
             "a funds or line items figure whose column header states its reckoning (小计④=①+②+③, "
             "本年度结余金额⑦=④-⑤, 资金结余率⑧=⑦/④) differs from what the reckoning gives"),
    "A344": ("预算数是执行数的百倍以上，而填写的执行率、执行率得分或年初预算数说明执行率并不低：多是单位填错（如按元填在万元栏）",
             "a budget a hundredfold its spending and more, where the written rate, execution score or initial "
             "budget says the rate is not so low: most often a unit typed wrong (元 in a 万元 column)"),
    "A346": ("执行数为 0，而填写的执行率、执行率得分或「预算执行率」指标的实际完成值说明有支出：执行数多是漏填",
             "spending of 0 where the written rate, execution score or the actual of a 预算执行率 indicator says "
             "money was spent: most often the spending was not filled in"),
    "A345": ("项目自评表没有总分行（也没有「自评得分」等写总分的地方）：自评须写明总分，汇总表的「填写总分」为空",
             "a project self-evaluation with no 总分 row (nor any other place for its total): the form asks for "
             "the total, and the summary's written total stays empty"),
    "A342": ("资金金额为负数（预算数、执行数、合同金额、年度资金总额等）：执行率、得分和合计按它算都不对",
             "an amount below zero (a budget, spending, a contract, the annual funds): the rates, scores and sums "
             "worked out from it are wrong"),
    "A341": ("资金表的执行数写成了执行率（「96%」，或与执行率栏相同的 0.96）：执行率和得分按它算都不对",
             "a funds row's spending written as the execution rate (96%, or the 0.96 of its rate column): the rate "
             "and score worked out from it are wrong"),
    "A340": ("目标申报表的年度资金总额超过中期资金总额（实施期内各年之和）", "a declaration's annual funds above its "
             "mid-term funds (the sum over the period's years)"),
    "A339": ("总体目标的文字（预期目标、实际完成情况、中期目标）中的数字与指标表的指标值、实际完成值或资金不一致",
             "a figure of the goal texts (expected result, achievement, mid-term goal) contradicts the indicator "
             "table's target, actual or funds"),
    "A328": ("实际完成值写成占目标的比例（如「93%」「完成全年目标的85%」），按目标的这一比例计算",
             "an actual written as a share of the target (93%, 完成全年目标的85%), taken as that share of it"),
    "A329": ("实际完成值与指标值相差百倍以上（超过上限或等于目标的百倍，或不足下限的百分之一），多是单位填错",
             "an actual a hundredfold over a ceiling, or a hundredth of a floor: most often a unit typed wrong"),
    "A330": ("评价评分表中专家均评为「不适用」的指标不计分；按规则集 not_applicable，总分按适用指标的分值折算为百分制",
             "an evaluation row every expert marked 不适用 scores nothing; by the rule set's not_applicable the "
             "total is taken on the full marks of the rows that apply"),
    "A331": ("资金表的金额写成了文字（如「约770万」），或年度资金总额的预算数、执行数未填写且无分项可合计；"
             "全年预算数、申报的年度资金总额或部门的全年执行数填了 0",
             "a funds amount written as words (约770万), or 年度资金总额's budget or spending left empty with no "
             "parts to add up; a year's budget, a declared 年度资金总额 or a department's spending of 0"),
    "A333": ("满意度的实际完成值是没有写明满分的评分（如 4.8 对指标值 ≥90%），按百分数计分偏低；写明满分（「4.8分（满分5分）」）即按比例折算",
             "a satisfaction given as a score on an unstated scale (4.8 against ≥90%), scored as a percentage, too "
             "low; with the scale stated (4.8分（满分5分）) it is taken as its share"),
    "A332": ("自评表的实际完成值写「不适用」「不涉及」：申报的指标未评价，按规则集 not_applicable 不计分（全国默认 drop："
             "总分为其余得分之和；rescale：按适用指标折算为百分制）",
             "a self-evaluation's actual written 不适用 (不涉及): a declared indicator left unevaluated, scored by the "
             "rule set's not_applicable (national: drop, the total is the others' sum; rescale: on the full marks "
             "of the rows that apply)"),
}


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    severity: str
    message: str  # the message with its parameters as "…"
    suggestion: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "severity": self.severity, "message": self.message, "suggestion": self.suggestion}


def describe(prefixes: set[str] | None = None, lang: str = "zh") -> list[CodeInfo]:
    """Every code (or those starting with one of ``prefixes``), its severity and its message and
    suggestion with the parameters left open: what a 问题清单 reader looks a code up in."""
    en = lang == "en"
    out = []
    for code, e in CATALOGUE.items():
        if prefixes and not any(code.startswith(p) for p in prefixes):
            continue
        message, fix = (e.en, e.fix_en) if en else (e.zh, e.fix_zh)
        fix = _PLACEHOLDER.sub("…", fix)
        brief = _BRIEF.get(code)
        out.append(CodeInfo(code, e.severity, brief[en] if brief else _PLACEHOLDER.sub("…", message),
                            _DEPENDS[en] if fix.strip("… ") == "" else fix))
    return sorted(out, key=lambda c: ("SGAM".find(c.code[0]), c.code))  # domain.md's order of classes


def render(code: str, params: dict[str, object], lang: str = "zh") -> tuple[str, str]:
    """(message, suggestion) of a finding in ``lang``."""
    e = CATALOGUE[code]
    en = lang == "en"
    values = {k: ((v.en if en else v.zh) if isinstance(v, Text) else v) for k, v in params.items()}
    if "first" in values:  # (a figure worked out from an amount to be corrected first: rules.after_the_amounts)
        return (e.en if en else e.zh).format(**values), str(values["first"])
    if en:
        return e.en.format(**values), e.fix_en.format(**values)
    return e.zh.format(**values), e.fix_zh.format(**values)
