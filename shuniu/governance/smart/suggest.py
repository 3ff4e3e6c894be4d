"""The words of citizen requests (jieba with the county's own words), and the keyword table of SPEC §10's typical
matters that gives dispatch suggestion its cold start (the model is in `dispatch_model`)."""

from __future__ import annotations

import logging
import re

import jieba

jieba.setLogLevel(logging.WARNING)

_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
STOPWORDS = frozenset(
    [
        "我们",
        "你们",
        "他们",
        "这个",
        "那个",
        "什么",
        "怎么",
        "能不能",
        "可以",
        "没有",
        "就是",
        "还是",
        "一个",
        "现在",
        "已经",
        "希望",
        "请问",
        "问题",
        "情况",
        "反映",
        "相关",
        "部门",
        "处理",
        "解决",
        "一下",
        "时候",
        "时间",
        "今天",
        "昨天",
        "每天",
        "天天",
        "我家",
        "我们家",
        "里面",
        "这边",
        "那边",
        "不是",
        "因为",
        "所以",
        "但是",
        "而且",
        "如果",
        "还有",
        "怎么办",
        "是不是",
        "有没有",
        "这样",
        "那么",
        "一直",
        "到底",
    ]
)

# Cold start: SPEC §10, the matters each county department typically answers.
DEPARTMENT_KEYWORDS: dict[str, str] = {
    "县发展和改革局": "物价 价格 项目审批 立项 能源 供电 电价 天然气价格",
    "县工业和信息化局": "企业 工业园区 园区 信号 宽带 网络 基站 通信 手机信号",
    "县教育和体育局": "学校 幼儿园 入学 招生 校车 学位 老师 教师 学生 体育场 操场 补课",
    "县公安局": "户籍 户口 身份证 交通 违停 治安 派出所 盗窃 诈骗 噪音扰民 打架",
    "县民政局": "低保 养老 养老院 老人 婚姻登记 殡葬 墓地 救助 残疾 高龄补贴",
    "县司法局": "法律援助 调解 社区矫正 律师 公证 纠纷",
    "县财政局": "补贴 一卡通 惠民资金 政府采购 资金发放",
    "县人力资源和社会保障局": "欠薪 工资 拖欠 农民工 养老金 社保 医保 就业 失业 劳动合同 认证",
    "县自然资源和规划局": "土地 房产证 不动产 规划 耕地 占用耕地 宅基地 确权",
    "县生态环境分局": "污染 排污 废气 异味 烟尘 污水 偷排 噪声 工厂噪音 环保",
    "县住房和城乡建设局": "物业 小区 电梯 房屋 工地 施工 供暖 暖气 燃气 物业费 维修基金 开发商",
    "县交通运输局": "公交 公交车 道路 出租车 农村公路 修路 班车 站牌 路面",
    "县水利局": "河道 灌溉 防汛 饮水 自来水 水库 沟渠 排涝 停水",
    "县农业农村局": "农业 种植 养殖 牲畜 农机 种子 化肥 农药 农业补贴 集体经济 合作社",
    "县商务局": "市场 消费券 外贸 商场 超市 商贸",
    "县文化和旅游局": "景区 旅游 文化 网吧 演出 图书馆 文化馆 导游",
    "县卫生健康局": "医院 诊所 疫苗 接种 医生 看病 卫生院 计生 体检",
    "县应急管理局": "安全生产 消防隐患 危化品 危险化学品 安全隐患 事故",
    "县市场监督管理局": "食品安全 过期 价格欺诈 质量 营业执照 假冒 缺斤短两 餐馆 饭店 商家",
    "县综合行政执法局": "占道 摆摊 违建 违章建筑 市容 路灯 垃圾 渣土 广告牌 流动摊贩",
}


_county_words_loaded = False


def _load_county_words() -> None:
    """Teach jieba the county's own words (占道, 路灯, 物业费…) on first use, not at import (it loads a dictionary)."""
    global _county_words_loaded
    if _county_words_loaded:
        return
    for words in DEPARTMENT_KEYWORDS.values():
        for word in words.split():
            jieba.add_word(word, freq=2000)
    for word in ("路灯", "占道", "停水", "噪音", "扰民", "欠薪", "电梯", "违建", "物业"):
        jieba.add_word(word, freq=2000)
    _county_words_loaded = True


def tokens(text: str) -> list[str]:
    """Meaningful words of `text` (jieba), without stop words and single characters."""
    _load_county_words()
    return [w for w in jieba.lcut(text, HMM=False) if len(w) >= 2 and _WORD.search(w) and w not in STOPWORDS]


def keyword_scores(text: str, table: dict[str, str]) -> dict[str, float]:
    """Cold-start scores: the share of each label's keywords found in `text`."""
    found = {label: sum(1 for k in words.split() if k in text) for label, words in table.items()}
    total = sum(found.values())
    return {label: n / total for label, n in found.items() if n} if total else {}
