"""The demo county (示范县): names used by data sets and scenarios elsewhere (SPEC §10)."""

from __future__ import annotations

COUNTY = "示范县"
OFFICE = "县委办公室"
OFFICE_SECTIONS = ["秘书科", "综合科", "督查室", "信息科", "机要科", "保密办", "接待办", "值班室"]
DEPARTMENTS = [
    "县发展和改革局",
    "县工业和信息化局",
    "县教育和体育局",
    "县公安局",
    "县民政局",
    "县司法局",
    "县财政局",
    "县人力资源和社会保障局",
    "县自然资源和规划局",
    "县生态环境分局",
    "县住房和城乡建设局",
    "县交通运输局",
    "县水利局",
    "县农业农村局",
    "县商务局",
    "县文化和旅游局",
    "县卫生健康局",
    "县应急管理局",
    "县市场监督管理局",
    "县综合行政执法局",
]
# The 12 towns and streets of shared/data/requests_dev.jsonl, each with villages or communities.
TOWNS: dict[str, list[str]] = {
    "锦秋街道": ["锦秋社区", "博兴路社区", "乐安社区"],
    "凤鸣街道": ["凤鸣社区", "新城社区", "鸣凤苑社区"],
    "城东街道": ["东关社区", "东城社区"],
    "城南街道": ["南关社区", "南苑社区"],
    "湖滨镇": ["湖滨村", "北营村", "柳桥村"],
    "桃源镇": ["桃源村", "杏林村"],
    "石桥镇": ["石桥村", "西洼村"],
    "双塔镇": ["双塔村", "前进村"],
    "柳河乡": ["柳河村", "河东村"],
    "白沙镇": ["白沙村", "沙岭村"],
    "青岗镇": ["青岗村", "岗西村"],
    "云溪乡": ["云溪村", "溪口村"],
}
SOCIAL_ORGS = ["示范县义工联合会", "示范县社会工作服务中心", "锦秋街道老年协会"]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = [
    "建华",
    "秀英",
    "志强",
    "丽娟",
    "海涛",
    "静",
    "晓明",
    "桂兰",
    "国庆",
    "玉梅",
    "文博",
    "红霞",
    "立军",
    "雪",
    "永刚",
    "春燕",
    "振宇",
    "淑珍",
    "德明",
    "慧敏",
    "光辉",
    "凤英",
    "家乐",
    "婷婷",
    "卫东",
    "晓燕",
    "宏伟",
    "丹",
]


def liaison_name(index: int) -> str:
    """A realistic, deterministic Chinese name for the index-th generated liaison officer."""
    return SURNAMES[(index * 7) % len(SURNAMES)] + GIVEN[(index * 5) % len(GIVEN)]


DEMO_PASSWORD = "Shuniu@2026"  # noqa: S105 (the documented demo password)

# (username, real name, unit, position, role slugs)
USERS: list[tuple[str, str, str, str, list[str]]] = [
    ("admin", "王建国", "县委办公室", "系统管理员", ["sysadmin"]),
    ("secadmin", "赵安宁", "保密办", "安全管理员", ["secadmin"]),
    ("auditor", "孙审言", "机要科", "审计管理员", ["auditor"]),
    ("leader", "陈志远", "中共示范县委员会", "县委副书记", ["county_leader"]),
    ("director", "刘明哲", "县委办公室", "县委办主任", ["office_director"]),
    ("fuzhuren", "孙建华", "县委办公室", "县委办副主任", ["deputy_director"]),
    ("fuzhuren2", "周海涛", "县委办公室", "县委办副主任", ["deputy_director"]),
    ("renshi", "李秀梅", "综合科", "综合科科员（人事干事）", ["personnel"]),
    ("jiedai", "钱慧敏", "接待办", "接待办科员", ["reception_officer"]),
    ("baomi", "严守信", "保密办", "保密办科员（保密检查员）", ["secrecy_inspector"]),
    ("tongzhan", "汪同心", "综合科", "统战联络员", ["united_front_officer"]),
    ("shuji", "李国栋", "中共示范县委员会", "县委书记", ["county_leader"]),
    ("xianzhang", "张卫民", "中共示范县委员会", "县委副书记、县长", ["county_leader"]),
    ("changwu", "赵立新", "中共示范县委员会", "县委常委、常务副县长", ["county_leader"]),
    ("mishu", "秦晓岚", "秘书科", "秘书科科长（领导秘书）", ["secretary"]),
    ("wenshu", "周文华", "机要科", "机要科文书（收发文）", ["doc_clerk"]),
    ("duchayuan", "周晓峰", "督查室", "督查室主任", ["supervisor"]),
    ("xinxiyuan", "吴文静", "信息科", "信息科科员（编辑）", ["info_editor"]),
    ("hb_xinxi", "钱晓雨", "湖滨镇", "党政办信息员", ["info_officer"]),
    ("kezhang", "郑秀兰", "综合科", "综合科科长", ["section_head"]),
    ("fgj_liaison", "何立新", "县发展和改革局", "办公室主任（联络员）", ["liaison"]),
    ("fgj_clerk", "冯雪梅", "县发展和改革局", "科员", ["handler"]),
    ("zjj_liaison", "马俊杰", "县住房和城乡建设局", "办公室主任（联络员）", ["liaison"]),
    ("zjj_clerk", "林晓东", "县住房和城乡建设局", "科员", ["handler"]),
    ("zhiban", "韩冬", "值班室", "值班员", ["duty_officer"]),
    ("huawu", "杨丽娜", "综合科", "12345热线话务员", ["operator"]),
    ("tiaojie", "许正平", "县司法局", "人民调解员", ["mediator"]),
    ("jq_liaison", "宋立强", "锦秋街道", "党政办主任（联络员）", ["liaison"]),
    ("zhiyuan", "黄晓燕", "锦秋街道", "志愿服务站站长", ["volunteer_admin"]),
]
