"""The demo's Excel task list: what a 督查室 keeps in Excel and imports into Shuniu."""

from __future__ import annotations

from shuniu.core.excel import xlsx_bytes
from shuniu.supervision.excel import COLUMNS

ROWS = [
    [
        "推进县城智慧停车系统建设",
        "年度重点工作",
        "县发展和改革局",
        "县公安局、县住房和城乡建设局",
        "陈志远",
        "2026-11-02",
        "2027-05-31",
        "每月",
        "城市更新、民生",
        "年内完成主城区3000个泊位改造",
        "县委常委会2026年工作要点",
    ],
    [
        "开展冬季燃气安全专项检查",
        "交办事项",
        "县住房和城乡建设局",
        "县应急管理局、县市场监督管理局",
        "陈志远",
        "2026-11-10",
        "2027-01-31",
        "每周",
        "安全生产",
        "覆盖全部燃气经营企业和老旧小区",
        "县政府常务会议",
    ],
    [
        "农村寄递物流体系建设",
        "为民办实事",
        "县商务局",
        "县交通运输局、县农业农村局",
        "陈志远",
        "2026-10-15",
        "2027-06-30",
        "每月",
        "乡村振兴、民生",
        "实现行政村快递服务全覆盖",
        "2026年县级为民办实事项目",
    ],
]


def demo_task_list_xlsx() -> bytes:
    return xlsx_bytes(COLUMNS, ROWS, title="督办事项")
