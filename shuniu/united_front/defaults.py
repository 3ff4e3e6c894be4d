"""The twelve categories of the 统战工作条例 (a list the county may change on the admin page)."""

from __future__ import annotations

from typing import Any

CATEGORIES = [
    "民主党派成员", "无党派人士", "党外知识分子", "少数民族人士", "宗教界人士", "非公有制经济人士",
    "新的社会阶层人士", "出国和归国留学人员", "香港同胞、澳门同胞", "台湾同胞及其在大陆的亲属", "华侨、归侨及侨眷",
    "其他需要联系和团结的人员",
]  # fmt: skip


def seed(model: Any) -> None:
    if not model.objects.exists():
        for i, name in enumerate(CATEGORIES):
            model.objects.create(name=name, sort_order=i)
