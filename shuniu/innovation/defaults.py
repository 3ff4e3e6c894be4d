"""The default criteria of the office's 创新案例评比 (data: edit in the admin)."""

from __future__ import annotations

from typing import Any

CRITERIA = [
    ("创新性", "思路、机制或方法有突破，在全县或同类单位中领先", 30),
    ("实效性", "解决实际问题，群众和服务对象获得感明显，有数据支撑", 30),
    ("可复制推广性", "做法成熟，可在其他单位复制推广", 25),
    ("材料质量", "材料真实、简洁、规范", 15),
]


def seed(model: Any) -> None:
    if not model.objects.exists():
        for i, (name, description, weight) in enumerate(CRITERIA):
            model.objects.create(name=name, description=description, weight=weight, max_score=10, sort_order=i)
