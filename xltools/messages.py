"""The message catalogue: every user-facing sentence, Chinese and English, in one place.

Code stores a key and its parameters; text is rendered only at output time, in the language
asked for (``--lang``). Adding a language means adding a column here, not touching the code.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # --- score explanations -------------------------------------------------------------
    "exec": ("{spent}/{budget} = {rate} × {weight} = {score}",
             "{spent}/{budget} = {rate} × {weight} = {score}"),
    "exec_full": ("{spent}/{budget} = {rate}，按 100% × {weight} = {score}",
                  "{spent}/{budget} = {rate}, capped at 100% × {weight} = {score}"),
    "exec_no_budget": ("缺少全年预算数，预算执行率无法计分", "no annual budget: execution rate not scored"),
    "exec_no_spent": ("缺少全年执行数，预算执行率无法计分", "no spending (全年执行数): execution rate not scored"),
    "no_weight": ("缺少分值，未计分", "no weight: not scored"),
    # a table weighed by block (产出指标（50分）, no 分值 column): scoring._block_rows
    "block_written": ("按表中所填：{score}（分值 {weight}；本表分值只写在一级指标上，不逐项计分）",
                      "as written: {score} (weight {weight}; this table weighs its level-1 blocks, not rows)"),
    "block_no_score": ("本部分未填写得分（分值只写在一级指标上，不逐项计分）",
                       "no score written for this block (weighed by block, not by row)"),
    "block_indicator": ("{state}（分值只写在一级指标上，不逐项计分）", "{state} (weighed by block: no score of its own)"),
    "no_actual": ("缺少实际完成值，记 0 分", "no actual value: scored 0"),
    "more_full": ("实际 {actual} ≥ 目标 {target}，得满分 {score}",
                  "actual {actual} ≥ target {target}: full {score}"),
    "more_over": ("实际 {actual} ≥ 目标 {target}，得满分 {score}（达到目标的 {ratio}，目标可能偏低）",
                  "actual {actual} ≥ target {target}: full {score} (at {ratio} of target; set too low?)"),
    "more_part": ("{actual}/{target} = {rate} × {weight} = {score}",
                  "{actual}/{target} = {rate} × {weight} = {score}"),
    "less_full": ("实际 {actual} ≤ 目标 {target}，得满分 {score}",
                  "actual {actual} ≤ target {target}: full {score}"),
    "less_ratio": ("目标/实际 {target}/{actual} = {rate} × {weight} = {score}",
                   "target/actual {target}/{actual} = {rate} × {weight} = {score}"),
    "less_deduction": ("超出目标 ({actual} − {target})/{target} = {over}，{weight} × (1 − {over}) = {score}",
                       "over target ({actual} − {target})/{target} = {over}; {weight} × (1 − {over}) = {score}"),
    "less_double": ("实际 {actual} 达到目标 {target} 的 2 倍及以上，得 0 分",
                    "actual {actual} is twice the target {target} or more: 0"),
    "zero_full": ("目标为 {target}，实际 {actual}，得满分 {score}", "target {target}, actual {actual}: full {score}"),
    "zero_zero": ("目标为 {target}，实际 {actual} > 0，得 0 分", "target {target}, actual {actual} > 0: 0"),
    "eq_full": ("实际 {actual} = 目标 {target}，得满分 {score}", "actual {actual} = target {target}: full {score}"),
    "eq_above": ("实际 {actual} 高于目标 {target}，得满分 {score}（偏差需说明）",
                 "actual {actual} above target {target}: full {score} (explain the deviation)"),
    "qual_written": ("定性：评分 {score}/{weight} = {rate}（{outcome}）",
                     "qualitative: scored {score}/{weight} = {rate} ({outcome})"),
    "qual_default": ("定性：「{actual}」判为{outcome}，按 {rate} × {weight} = {score}",
                     "qualitative: \"{actual}\" read as {outcome}; {rate} × {weight} = {score}"),
    "qual_rate": ("定性：{outcome}，{rate} × {weight} = {score}", "qualitative: {outcome}, {rate} × {weight} = {score}"),
    "actual_not_number": ("实际完成值「{actual}」不是数值，记 0 分", "actual \"{actual}\" is not a number: 0"),
    "qual_missing": ("定性：缺少实际完成情况，记 0 分", "qualitative: no outcome given; scored 0"),
    "actual_not_applicable": ("实际完成值为「{said}」，分值 {weight} 不计入总分",
                              "the actual says it does not apply ({said}): its weight {weight} is left out of the total"),
    "short_of_target": ("实际「{actual}」未达到目标 {target}，且未写实际达到的数值：按{outcome}计 {rate} × {weight} = {score}",
                        "actual \"{actual}\" falls short of the target {target} without saying by how much: read as "
                        "{outcome}, {rate} × {weight} = {score}"),
    "text_actual": ("实际「{actual}」不是数值，按定性判为{outcome}：{rate} × {weight} = {score}",
                    "actual \"{actual}\" is not a number; read as {outcome}: {rate} × {weight} = {score}"),
    "date_on_time": ("实际 {actual}，目标 {target}：按期完成，得满分 {score}",
                     "actual {actual}, target {target}: on time, full {score}"),
    "date_late": ("实际 {actual}，目标 {target}：未按期完成，按 {rate} × {weight} = {score}",
                  "actual {actual}, target {target}: not on time; {rate} × {weight} = {score}"),
    "date_late_days": ("实际 {actual}，目标 {target}：未按期完成（相差 {days} 天），按 {rate} × {weight} = {score}",
                       "actual {actual}, target {target}: not on time ({days} days off); {rate} × {weight} = {score}"),
    "date_late_written": ("实际 {actual}，目标 {target}：未按期完成，按填写的得分 {score}",
                          "actual {actual}, target {target}: not on time; the written score {score}"),
    "experts": ("专家平均 ({scores})/{n} = {score}", "mean of experts ({scores})/{n} = {score}"),
    "experts_capped": ("专家平均 ({scores})/{n} = {mean}，超过分值，按 {score} 计",
                       "mean of experts ({scores})/{n} = {mean}, above the weight; counted {score}"),
    "written": ("按填写的得分 {score}", "the written score {score}"),
    "no_score": ("无专家评分或得分，记 0 分", "no expert or written score: 0"),
    "not_applicable": ("专家均评为不适用（{said}），分值 {weight} 不计入总分",
                       "every expert marked it not applicable ({said}): its weight {weight} is left out of the total"),
    # --- monitoring lights (xltools/monitoring.py) ---------------------------------------------
    "mon_prorated": ("{to_date}/（{target} × {n}/12 = {expected}）= {ratio}，{light}",
                     "{to_date}/({target} × {n}/12 = {expected}) = {ratio}: {light}"),
    "mon_rate": ("比率不按月折算：{to_date}/{target} = {ratio}，{light}",
                 "a rate is not prorated: {to_date}/{target} = {ratio}: {light}"),
    "mon_frequency": ("频次不按月折算：{to_date}（{said}）/{target} = {ratio}，{light}",
                      "a frequency is not prorated: {to_date} ({said})/{target} = {ratio}: {light}"),
    "mon_less_ok": ("{to_date} 未超过上限 {target}，{light}", "{to_date} within the ceiling {target}: {light}"),
    "mon_less_over": ("{to_date} 超过上限 {target}：{target}/{to_date} = {ratio}，{light}",
                      "{to_date} above the ceiling {target}: {target}/{to_date} = {ratio}: {light}"),
    "mon_zero": ("目标 {target}，至今 {to_date}，{light}", "target {target}, so far {to_date}: {light}"),
    "mon_band_over": ("{to_date} 超出 {target} 的范围：{half}/{size} = {ratio}，{light}",
                      "{to_date} outside {target}: {half}/{size} = {ratio}: {light}"),
    "mon_likelihood": ("定性指标，按完成目标可能性「{likelihood}」：{light}",
                       "qualitative: by the stated likelihood \"{likelihood}\": {light}"),
    "mon_date_done": ("已于 {done} 完成，未晚于目标 {target}：{light}", "done on {done}, not after the target {target}: {light}"),
    "mon_date_late": ("{done} 完成，晚于目标 {target}：{light}", "done on {done}, after the target {target}: {light}"),
    "mon_date_likelihood": ("按日期考核的指标不按月折算，按完成目标可能性「{likelihood}」：{light}",
                            "a deadline is not prorated; by the stated likelihood \"{likelihood}\": {light}"),
    "mon_unit_likelihood": ("1-{n}月完成值「{to_date}」与指标值 {target} 不是同一计量（比率对{unit}），无法折算，"
                            "按完成目标可能性「{likelihood}」：{light}",
                            "the value for months 1-{n} \"{to_date}\" is not in the measure of the target {target} "
                            "(a rate against {unit}): by the stated likelihood \"{likelihood}\": {light}"),
    "mon_later_likelihood": ("1-{n}月完成值写的是「{to_date}」，尚未到考核时点，按完成目标可能性「{likelihood}」：{light}",
                             "the value for months 1-{n} reads \"{to_date}\" (not due yet): by the stated "
                             "likelihood \"{likelihood}\": {light}"),
    "mon_no_likelihood": ("无数值可折算，完成目标可能性又未填或不是「确定能/有可能/完全不可能」，无法亮灯",
                          "no figure to prorate, and no valid likelihood (确定能/有可能/完全不可能): no light"),
    "mon_no_to_date": ("缺少 1-{n}月实际完成值（或不是数值），无法亮灯", "no 1-{n} month value (or not a number): no light"),
    "mon_no_months": ("表中未写明监控月份（1-N月），无法按序时折算", "the table does not say which months (1-N月): no light"),
    "mon_funds": ("执行进度 {spent}/{budget} = {progress}，序时进度 {n}/12 = {expected}，"
                  "{progress}/{expected} = {ratio}，{light}",
                  "spending {spent}/{budget} = {progress}, pro-rata {n}/12 = {expected}, "
                  "{progress}/{expected} = {ratio}: {light}"),
    "mon_funds_no_months": ("执行进度 {spent}/{budget} = {progress}；未写明监控月份，无法与序时进度比较",
                            "spending {spent}/{budget} = {progress}; months not stated, no pro-rata comparison"),
    "mon_funds_missing": ("缺少全年预算数或 1-N月执行数，无法计算执行进度",
                          "no annual budget or spending so far: no progress"),
    "light_red": ("红灯", "red"),
    "light_yellow": ("黄灯", "yellow"),
    "light_green": ("绿灯", "green"),
    "light_blue": ("蓝灯", "blue"),
    "col_light": ("灯", "light"),
    "part_progress": ("预算执行进度", "spending progress"),
    "no_score_monitor": ("监控表不计分。", "a monitoring table is not scored."),
    "lights_count": ("红灯 {red}，黄灯 {yellow}，绿灯 {green}，蓝灯 {blue}",
                     "red {red}, yellow {yellow}, green {green}, blue {blue}"),
    "kind_monitor": ("项目支出绩效运行监控表", "monitoring table"),
    # --- table and report words --------------------------------------------------------
    "part_execution": ("预算执行率", "budget execution"),
    "total": ("总分", "total"),
    "grade": ("等级", "grade"),
    "no_score_goals": ("目标申报表没有实际完成值，只列出分值。", "a goal declaration has no actuals; weights only."),
    "no_score_rows": ("没有可计分的行：请填写指标和分值。", "nothing to score: fill in indicators and weights."),
    "file": ("文件", "file"),
    "sheet": ("工作表", "sheet"),
    "table": ("表格", "table"),
    "project": ("项目", "project"),
    "department": ("部门", "department"),
    "rules": ("规则集", "rule set"),
    "col_level1": ("一级指标", "level 1"),
    "col_level2": ("二级指标", "level 2"),
    "col_name": ("三级指标", "indicator"),
    "col_weight": ("分值", "weight"),
    "col_score": ("得分", "score"),
    "col_rate": ("得分率", "rate"),
    "col_explain": ("计算过程", "how"),
    "col_cell": ("单元格", "cell"),
    "figures": ("指标", "figures"),
    "fig_execution_rate": ("预算执行率", "execution rate"),
    "fig_carryover_rate": ("结转结余率", "carry-over rate"),
    "fig_final_diff_rate": ("预决算差异率", "budget/final accounts difference"),
    "fig_received_rate": ("资金到位率", "funds received rate"),
    "fig_balance_rate": ("资金结余率", "share of the budget left unspent"),
    "fig_progress": ("预算执行进度", "spending progress"),
    "kind_goals": ("项目支出绩效目标申报表", "goal declaration"),
    "kind_selfeval": ("项目支出绩效自评表", "self-evaluation"),
    "kind_dept": ("部门整体绩效自评表", "department self-evaluation"),
    "kind_evaluation": ("项目支出绩效评价评分表", "evaluation score sheet"),
    "outcome_达成年度指标": ("达成年度指标", "achieved"),
    "outcome_部分达成年度指标并具有一定效果": ("部分达成年度指标并具有一定效果", "partly achieved"),
    "outcome_未达成年度指标且效果较差": ("未达成年度指标且效果较差", "not achieved"),
    "part_unlevelled": ("（表中未分一级指标）", "(no level-1 column)"),
    "block_met": ("已达成", "met"),
    "block_unmet": ("未达成", "not met"),
    "block_unjudged": ("无法判断是否达成", "cannot tell whether met"),
    "block_not_applicable": ("未评价（实际完成值为「{said}」）", "not evaluated (the actual says {said})"),
}


def render(key: str, params: dict[str, object] | None = None, lang: str = "zh") -> str:
    """The sentence for ``key`` in ``lang``, with its parameters filled in."""
    zh, en = CATALOGUE[key]
    template = en if lang == "en" else zh
    if not params:
        return template
    # "@key" names another sentence (an outcome); text typed by people (an actual of "@") stays text
    values = {k: (render(v[1:], None, lang) if isinstance(v, str) and v[:1] == "@" and v[1:] in CATALOGUE else v)
              for k, v in params.items()}
    return template.format(**values)


def word(key: str, lang: str = "zh") -> str:
    return render(key, None, lang)
