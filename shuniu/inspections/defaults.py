"""The checklist seeded from the 保密 self-check items a county unit answers every year (data: edit in the admin)."""

from __future__ import annotations

from typing import Any

ITEMS = [
    ("保密责任", "落实保密工作责任制，主要负责人履行第一责任人职责，定期研究保密工作"),
    ("保密责任", "开展保密教育培训，涉密人员签订保密承诺书"),
    ("涉密人员", "涉密人员分类确定、审查和管理到位，出国（境）按规定审批"),
    ("定密管理", "依法确定密级、保密期限和知悉范围，标注规范"),
    ("涉密载体", "涉密文件资料收发、传递、复制、保存、销毁登记齐全，按规定清退"),
    ("涉密载体", "涉密载体存放于密码文件柜，不存放于个人办公桌"),
    ("计算机与网络", "涉密计算机与互联网物理隔离，不存在“一机两用”"),
    ("计算机与网络", "非涉密计算机不存储、处理涉密信息，互联网计算机不处理内部敏感信息"),
    ("计算机与网络", "涉密移动存储介质登记编号，不在非涉密设备上使用"),
    ("信息公开", "政府信息公开、网站和政务新媒体发布信息履行保密审查程序"),
    ("要害部位", "保密要害部门部位确定、防护措施和出入管理到位"),
    ("办公设备", "复印机、打印机、传真机等办公设备涉密与非涉密分开使用"),
]


def seed(model: Any) -> None:
    if not model.objects.exists():
        for i, (category, text) in enumerate(ITEMS):
            model.objects.create(category=category, text=text, sort_order=i)
