"""The indicator taxonomies of domain.md §2 and §3.3, as data.

``PROJECT`` is the 2021 national guidance (财预〔2021〕101号) and also accepts the older layout
that files 成本指标 under 产出指标 as a level-2 row: both are valid and deployed.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from .reading.labels import label_key

PROJECT: dict[str, tuple[str, ...]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}

#: Further level-2 names accepted under a level 1, though not in the guidance: a province's system
#: (Anhui's, seen in published self-evaluations) repeats 满意度指标 as the level 2 of its only child,
#: which names the category as unambiguously. Checked (S102) but never offered in templates.
ACCEPTED_LEVEL2: dict[str, tuple[str, ...]] = {
    "满意度指标": ("满意度指标",),
    "成本指标": ("成本指标",),  # (as 满意度指标: a 成本 not broken down further)
    "效益指标": ("环境效益指标",),  # the 2015 national form's name for 生态效益指标
}

#: Level-1 rows of a project table that score the budget's execution themselves: a province's form
#: may carry 预算执行率 (10 分) in its indicator table, its funds block unweighted. Accepted (S102),
#: never offered; the execution is then scored by that row, not again from the funds (scoring).
EXECUTION_LEVEL1: tuple[str, ...] = ("预算执行率", "预算执行情况", "预算执行", "资金执行率", "资金执行情况",
                                     "项目预算执行率", "预算资金执行率")
EVALUATION: dict[str, tuple[str, ...]] = {
    "决策": ("项目立项", "绩效目标", "资金投入"),
    "过程": ("资金管理", "组织实施"),
    "产出": ("产出数量", "产出质量", "产出时效", "产出成本"),
    "效益": ("项目效益", "经济效益", "社会效益", "生态效益", "可持续影响", "满意度"),
}
#: Level-1 names of the earlier national framework (财预〔2011〕285号: 投入, 过程, 产出, 效果), on
#: which many deployed evaluation score sheets are still built: accepted, never offered.
ACCEPTED_EVALUATION_LEVEL1: tuple[str, ...] = ("投入", "效果")

DEPT: dict[str, tuple[str, ...]] = {
    "当年预算执行情况": (),
    "整体绩效目标实现情况": (),
    "预算管理情况": (),
}
#: Department-wide tables follow the framework their province sets (Hunan's 部门决策 / 部门管理 /
#: 部门绩效, the 投入 / 过程 / 产出 / 效果 of 财预〔2013〕53号 …), so their level-1 names are
#: checked against :data:`DEPT` only when the table uses that framework at all: then a name outside
#: it is a typo (S102); a table naming none of its blocks names its own (rules.structure).


#: Level names of earlier national forms, compared as today's: the 2015 declaration's 一级指标
#: 社会公众或服务对象满意度指标 is 满意度指标.
LEVEL_ALIASES = {"社会公众或服务对象满意度": "满意度",
                 # level-2 names provinces write for the guidance's (生态环境效益指标 for 生态效益指标)
                 "生态环境效益": "生态效益", "可持续发展": "可持续影响", "可持续影响力": "可持续影响",
                 "可持续性": "可持续影响", "可持续性影响": "可持续影响", "可持续效益": "可持续影响",
                 "生态成本": "生态环境成本", "环境成本": "生态环境成本"}


@lru_cache(maxsize=1024)
def level1_key(name: str) -> str:
    """Compare level names loosely: ``产出``, ``产出指标`` and ``产出类指标`` (or ``数量`` and ``数量指标``)
    are the same, and so are a name of an earlier form and today's (LEVEL_ALIASES)."""
    key = label_key(name)
    key = key[:-2] if key.endswith("指标") else key
    key = key[:-1] if key.endswith("类") and len(key) > 2 else key
    return LEVEL_ALIASES.get(key, key)


_DEPT_KEYS = frozenset(level1_key(k) for k in DEPT)


def canonical(name: str, names: Iterable[str]) -> str:
    """The one of ``names`` that ``name`` stands for, compared as level1_key does
    (``产出指标（50分）`` → 产出指标, ``数量`` → 数量指标, ``社会公众或服务对象满意度指标`` → 满意度指标);
    else ``name`` as written."""
    key = level1_key(name)
    return next((n for n in names if level1_key(n) == key), name)


def which(level1_names: list[str]) -> str | None:
    """Guess the taxonomy from the level-1 names a table uses: project, evaluation or dept."""
    keys = {level1_key(n) for n in level1_names if n}
    if not keys:
        return None
    scores = {
        "dept": len(keys & _DEPT_KEYS),
        "evaluation": len(keys & {"决策", "过程"}),
        "project": len(keys & {"满意度", "成本"}) + (1 if keys & {"效益", "产出"} else 0),
    }
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] else None


#: 二级指标 → its 一级指标, for tables that leave the 一级指标 column out.
LEVEL2_PARENT: dict[str, str] = {}
for _parent, _kids in PROJECT.items():  # the first parent named: 成本指标 alone is 产出指标's (the 2020 layout)
    for _kid in _kids + ACCEPTED_LEVEL2.get(_parent, ()):
        LEVEL2_PARENT.setdefault(label_key(_kid), _parent)


def parent_of(level2: str) -> str:
    key = label_key(level2)
    return LEVEL2_PARENT.get(key) or LEVEL2_PARENT.get(key + "指标", "")
