"""The life of one demo request, dated back from the moment the demo is loaded.

Each request is received at some moment in the last six months and then moves along the real steps (dispatch,
签收, 答复, 回访, 办结, 归档) with realistic lags; it stops at the last step reached by now. A handful are left
stuck past their deadline (they are the first job run's escalations), and answers vary by type, unit and title.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

SPAN_DAYS = 182
ARCHIVE_AFTER_DAYS = 30
MAX_STUCK = 4  # open requests left past deadline + 3 working days: escalated on the first jobs run
FRESH = 0.9985  # the newest requests (about three of 2,000) wait for the operator, whatever the hour of the load

REPLIES: dict[str, list[str]] = {
    "complaint": [
        "您反映的“{title}”问题，{unit}于{date}派员现场核查，情况属实，已责令责任方限期整改，目前已整改到位。"
        "我们将加强日常巡查，防止问题反弹。",
        "收到您关于“{title}”的投诉后，{unit}会同属地{town}进行了调查，已依法下达整改通知书，"
        "整改情况将在5个工作日内复查。感谢您的监督。",
        "经{unit}核实，“{title}”部分属实。已约谈相关负责人，督促其整改，并将该点位列入重点巡查范围。",
    ],
    "consult": [
        "关于您咨询的“{title}”，经{unit}答复：可携带身份证原件到县政务服务中心{unit}窗口办理，"
        "也可通过“爱山东”APP在线办理，工作日上午9:00至下午5:00均可受理。",
        "您好，您咨询的“{title}”相关政策，{unit}已电话向您详细解释，并告知了所需材料和办理流程。"
        "如仍有疑问，可于工作时间拨打12345热线转接。",
        "{unit}答复：“{title}”按现行政策执行，具体标准已于{date}电话告知您本人，相关文件可在县政府网站查询。",
    ],
    "help": [
        "接到您的求助后，{unit}于{date}上门了解情况，已协调{town}帮助解决，后续将持续跟踪。",
        "针对“{title}”，{unit}已联系相关单位现场处置，问题已得到解决。如再遇类似情况，请及时与我们联系。",
        "{unit}已将“{title}”纳入帮扶台账，安排专人对接，目前已落实临时救助措施。",
    ],
    "suggestion": [
        "感谢您提出的“{title}”建议。{unit}认真研究后认为建议合理，将纳入下一年度工作计划统筹推进。",
        "您关于“{title}”的建议已收悉，{unit}已转相关科室研究，部分内容已在近期工作中采纳。",
        "{unit}答复：您的建议很有价值，受资金和规划所限暂难全部实施，我们将结合{town}实际分步推进。",
    ],
    "report": [
        "您举报的“{title}”问题，{unit}已立案调查，对查实的违法行为将依法处理，处理结果将及时告知。",
        "经{unit}执法人员于{date}现场检查，举报情况基本属实，已依法责令停止违法行为并予以处罚。",
        "{unit}已对“{title}”开展核查，暂未发现举报所述问题，将继续加强监管，欢迎继续监督。",
    ],
}


@dataclass
class Timeline:
    """When each step happened (None: not yet). `status` is the last step reached by `now`."""

    status: str
    received: dt.datetime
    dispatched: dt.datetime | None = None
    accepted: dt.datetime | None = None
    replied: dt.datetime | None = None
    called_back: dt.datetime | None = None
    closed: dt.datetime | None = None


def received_at(position: float, now: dt.datetime, rng: random.Random) -> dt.datetime:
    """`position` in [0, 1): 0 is six months ago, 1 is now. Office hours 8:00–21:00, never in the future."""
    moment = now - dt.timedelta(days=SPAN_DAYS * (1 - position))
    at = moment.replace(hour=rng.randint(8, 20), minute=rng.randint(0, 59), second=0, microsecond=0)
    if at > now - dt.timedelta(minutes=10):
        at = now - dt.timedelta(minutes=rng.randint(10, 180))
    return at


def _hours(rng: random.Random, low: float, high: float) -> dt.timedelta:
    return dt.timedelta(hours=rng.uniform(low, high))


def timeline(
    received: dt.datetime, now: dt.datetime, request_type: str, limit_days: int, rng: random.Random
) -> Timeline:
    """Walk one request along its steps until `now`."""
    t = Timeline("received", received)
    fate = rng.random()
    if fate < 0.03:  # 不予受理: decided at intake
        t.status = "rejected"
        return t
    t.dispatched = received + dt.timedelta(minutes=rng.randint(5, 90))
    if t.dispatched > now:
        return t
    t.status = "dispatched"
    if fate < 0.12 and now - t.dispatched < dt.timedelta(days=3):  # 退单 of the last days, not yet re-dispatched
        t.status = "returned"
        return t
    quick = request_type == "consult" or limit_days <= 1
    late = rng.random() < 0.12
    t.accepted = t.dispatched + (_hours(rng, 26, 70) if late else _hours(rng, 0.2, 4 if quick else 20))
    if t.accepted > now:
        t.accepted = None
        return t
    t.status = "accepted"
    t.replied = t.accepted + (_hours(rng, 1, 7) if quick else _hours(rng, 6, max(12, limit_days * 24 * 0.9)))
    if t.replied > now:
        t.replied = None
        return t
    t.status = "replied"
    t.called_back = t.replied + (_hours(rng, 1, 4) if quick else _hours(rng, 1.5, 30))
    if t.called_back > now:
        t.called_back = None
        return t
    t.status = "called_back"
    t.closed = t.called_back + _hours(rng, 1, 40)
    if t.closed > now:
        t.closed = None
        return t
    t.status = "archived" if now - t.closed > dt.timedelta(days=ARCHIVE_AFTER_DAYS) else "closed"
    return t


def reply_text(request_type: str, title: str, unit: str, town: str, day: dt.date, rng: random.Random) -> str:
    template = rng.choice(REPLIES.get(request_type, REPLIES["help"]))
    return template.format(
        title=title, unit=unit or "承办单位", town=town or "属地乡镇", date=f"{day.month}月{day.day}日"
    )
