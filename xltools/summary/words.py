"""The summary's own words in English, keyed by their Chinese: headers, banners, states, reasons.

Chinese comes first and is what the code writes; ``tr(text, "en")`` looks the English up here.
Sheet names (汇总表, 问题清单 …) stay Chinese in both languages: they are how an earlier summary
is recognised in a folder (``collect.SUMMARY_SHEETS``) and what the users' own macros refer to.
Domain words that have no better English (优/良/中/差, 决策/过程/产出/效益) stay as they are.
"""

from __future__ import annotations

EN: dict[str, str] = {
    # 汇总表 columns
    "文件": "file", "工作表": "sheet", "表格类型": "table type", "项目名称": "project", "主管部门": "department",
    "实施单位": "implementing unit", "年度": "year", "全年预算数（万元）": "annual budget (10k yuan)",
    "全年执行数（万元）": "spent (10k yuan)", "执行率": "execution rate", "填报总分": "written total",
    "计算总分": "computed total", "等级": "grade", "达成指标数": "indicators met", "指标数": "indicators",
    "红/黄灯": "red/yellow lights", "对照目标表": "compared with goals", "错误": "errors", "警告": "warnings",
    # table kinds
    "目标申报表": "goal declaration", "自评表": "self-evaluation", "部门整体": "department",
    "评价评分表": "evaluation", "运行监控表": "monitoring",
    # 问题清单
    "单元格": "cell", "代码": "code", "严重程度": "severity", "问题": "problem", "建议": "suggestion",
    "已跳过": "skipped", "无法读取": "unreadable",
    # 等级分布, 按单位汇总, 部门整体（草稿）, 预警清单
    "有错误的表": "tables with errors", "年度资金总额（万元）": "declared funds (10k yuan)",
    "数量": "count", "占比": "share", "项目数": "projects", "平均得分": "mean score",
    "预算执行得分（20分）": "execution score (of 20)", "项目平均得分": "mean project score",
    "一级指标": "level 1", "指标": "indicator", "灯": "light", "计算过程": "how",
    "汇总（xltools 生成）": "Summary (made by xltools)",
    "合计": "total", "全部合计": "total (all units)",
    "共 {n} 个项目；计算总分栏为平均分": "{n} projects; the computed total column holds their mean",
    "出现次数": "findings", "涉及表数": "tables", "占全部表的比例": "share of all tables",
    # banners (format templates)
    "生成于 {now}；规则集：{rules}": "generated {now}; rule set: {rules}",
    "生成于 {now}；规则集：{rules}；共 {tables} 张表，{unreadable} 个文件无法读取":
        "generated {now}; rule set: {rules}; tables: {tables}; unreadable files: {unreadable}",
    "；执行得分 = 20 × min(执行率, 100%)；预决算差异率 = |执行数 − 年初预算数| ÷ 年初预算数（以项目执行数作决算数）；"
    "其余指标需部门填写":
        "; execution score = 20 × min(execution rate, 100%); budget-to-accounts gap = |spent − initial budget| ÷ "
        "initial budget (the projects' spending taken for the final accounts); the other indicators are the "
        "department's to fill",
    "年初预算数（万元）": "initial budget (10k yuan)", "预决算差异率": "budget-to-accounts gap",
    "；运行监控表中亮红灯、黄灯的指标和资金": "; red and yellow lights of the monitoring tables",
    # why a file was skipped or could not be read (collect.py)
    "文件不存在": "file not found",
    "Office 锁定文件（~$），已跳过": "Office lock file (~$): skipped",
    "LibreOffice/WPS 锁定文件（.~），已跳过": "LibreOffice/WPS lock file (.~): skipped",
    "macOS 附带的资源文件（._），不是工作簿，已跳过": "a macOS resource file (._), not a workbook: skipped",
    "不是工作簿（扩展名不是 .xlsx/.xlsm/.xls/.et/.ods），已跳过": "not a workbook (not .xlsx/.xlsm/.xls/.et/.ods): skipped",
    "本次汇总的输出文件，已跳过": "this summary's own output: skipped",
    "xltools 校验标注副本（其原文件另行汇总），已跳过；如需汇总请改名":
        "an xltools annotated copy (its original is summarised): skipped; rename it to include it",
    "xltools 生成的汇总表，已跳过": "a summary made by xltools: skipped",
}


def tr(text: str, lang: str = "zh") -> str:
    """``text`` in ``lang``: itself in Chinese, its English from :data:`EN` (or itself when none)."""
    return EN.get(text, text) if lang == "en" else text
