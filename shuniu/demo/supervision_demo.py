"""Supervision demo data: tasks in every light and status, the special lists, instructions and two bulletins.

Dates are relative to the day the demo is loaded, so the lights are right whenever it is loaded; reports are
backdated to their periods so that past bulletins judge real history.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from shuniu.core.periods import month_start, period_deadline
from shuniu.org.models import Unit, User
from shuniu.supervision import bulletins, instructions, services
from shuniu.supervision.lights import expected_progress, task_refresh_light
from shuniu.supervision.models import Commendation, ProgressReport, Source, Task
from shuniu.supervision.periods import due_periods

# (title, source, lead unit, co-units, started days ago, due in days, scenario, area tags)
TASKS: list[tuple[str, str, str, list[str], int, int, str, list[str]]] = [
    ("推进县城老旧小区改造12个", "annual", "县住房和城乡建设局", ["县财政局"], 250, 45, "green", ["城市更新", "民生"]),
    (
        "工业园区标准厂房二期建设",
        "annual",
        "县工业和信息化局",
        ["县自然资源和规划局"],
        200,
        60,
        "behind_yellow",
        ["工业稳增长"],
    ),
    ("农村人居环境整治提升", "annual", "县农业农村局", ["县生态环境分局"], 230, 35, "green", ["乡村振兴", "生态振兴"]),
    ("县城区雨污分流改造", "annual", "县住房和城乡建设局", ["县水利局"], 240, 2, "due_soon", ["城市更新"]),
    ("规上工业企业技改投资", "annual", "县工业和信息化局", [], 260, 70, "behind_red", ["工业稳增长"]),
    ("农村饮水安全巩固提升工程", "people", "县水利局", ["县卫生健康局"], 180, -12, "overdue", ["民生", "乡村振兴"]),
    ("新建城区幼儿园3所", "people", "县教育和体育局", ["县住房和城乡建设局"], 300, 20, "green", ["民生"]),
    ("城乡公交一体化改造", "people", "县交通运输局", [], 200, -5, "closed", ["民生"]),
    ("老年助餐点覆盖所有社区", "people", "县民政局", ["锦秋街道", "凤鸣街道"], 150, 40, "behind_yellow", ["民生"]),
    ("背街小巷路灯亮化", "people", "县综合行政执法局", [], 120, 30, "close_requested", ["城市更新", "民生"]),
    ("河道“清四乱”专项整治", "meeting", "县水利局", ["县生态环境分局", "县农业农村局"], 90, 50, "green", ["生态振兴"]),
    ("重点企业欠薪动态清零", "assigned", "县人力资源和社会保障局", ["县住房和城乡建设局"], 60, 25, "green", ["民生"]),
    ("危化品企业安全隐患排查", "instruction", "县应急管理局", ["县市场监督管理局"], 20, -3, "overdue", ["安全生产"]),
    ("食品安全“护苗”行动", "assigned", "县市场监督管理局", ["县教育和体育局"], 10, 40, "assigned", ["民生"]),
    ("全县招商引资项目梳理", "annual", "县商务局", ["县发展和改革局"], 5, 90, "registered", ["工业稳增长"]),
    ("文旅融合示范区创建", "annual", "县文化和旅游局", [], 100, 120, "suspended", ["文旅"]),
    ("县级融媒体平台升级", "info", "县文化和旅游局", [], 80, 40, "cancelled", []),
    ("人大代表建议：增设城区停车位", "proposal", "县住房和城乡建设局", ["县公安局"], 140, 15, "green", ["城市更新"]),
    ("政协提案：加强社区养老服务", "proposal", "县民政局", [], 140, 15, "override", ["民生"]),
    ("群众反映：锦秋街道噪音扰民", "citizen", "县生态环境分局", ["锦秋街道"], 30, 5, "green", ["生态振兴"]),
    (
        "耕地“非农化”问题整改",
        "instruction",
        "县自然资源和规划局",
        ["县农业农村局"],
        100,
        10,
        "behind_red",
        ["乡村振兴"],
    ),
    ("政务服务“一网通办”攻坚", "annual", "县发展和改革局", ["县财政局"], 210, 30, "closed_late", ["营商环境"]),
]
REFORM_UNITS = [
    "县发展和改革局",
    "县财政局",
    "县农业农村局",
    "县教育和体育局",
    "县卫生健康局",
    "县自然资源和规划局",
    "县市场监督管理局",
    "县人力资源和社会保障局",
]
REFORM_TOPICS = [
    "国资国企改革",
    "医共体建设",
    "农村集体产权制度改革",
    "预算绩效管理改革",
    "教育评价改革",
    "不动产登记便民改革",
    "“证照分离”改革",
    "养老保险县级统筹",
    "河湖长制改革",
    "营商环境创新试点",
]
RESEARCH_TOPICS = [
    ("新旧动能转换路径研究", "县发展和改革局"),
    ("乡村振兴齐鲁样板示范片区调研", "县农业农村局"),
    ("共同富裕县域实践研究", "县财政局"),
    ("县域医共体运行情况调研", "县卫生健康局"),
    ("民营经济高质量发展调研", "县工业和信息化局"),
    ("城乡教育资源均衡配置研究", "县教育和体育局"),
]


def _at(d: dt.date, hour: int = 17) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(d, dt.time(hour)))


def _backfill_reports(task: Task, actor: Any, offset: int, today: dt.date) -> None:
    """An accepted report for every past period, `offset` points from the 序时进度 of its deadline."""
    milestones = list(task.milestones.all())
    assigned = timezone.localdate(task.assigned_at) if task.assigned_at else task.start_date
    for start in due_periods(task.report_cycle, assigned, today):
        deadline = period_deadline(task.report_cycle, start)
        progress = max(0, min(95, expected_progress(task, milestones, deadline) + offset))
        ProgressReport.objects.create(
            task=task,
            period_start=start,
            progress=progress,
            done=f"按计划推进，完成阶段目标（{start:%Y年%m月}）。",
            status=ProgressReport.Status.ACCEPTED,
            submitted_by=actor,
            reviewed_by=actor,
            reviewed_at=_at(deadline),
        )


def _current_report(task: Task, liaison: Any, supervisor: Any, offset: int, today: dt.date) -> None:
    progress = max(0, min(95, expected_progress(task, list(task.milestones.all()), today) + offset))
    report = services.report_submit(
        actor=liaison,
        task=task,
        progress=progress,
        today=today,
        done="本月完成主体工程形象进度，正在推进验收准备。",
        problems="个别点位征迁协调难度大。",
        next_steps="加快征迁协调，月底前完成阶段验收。",
    )
    services.report_accept(actor=supervisor, report=report, comment="同意。")


OFFSETS = {
    "green": 5,
    "behind_yellow": -15,
    "behind_red": -40,
    "due_soon": 0,
    "overdue": -10,
    "override": 0,
    "closed": 0,
    "closed_late": 0,
    "close_requested": 0,
}


def _build_task(spec: tuple[Any, ...], units: dict[str, Unit], people: dict[str, Any], today: dt.date) -> Task:
    title, source, lead, co, started, due_in, scenario, tags = spec[:8]
    closed_ago = spec[8] if len(spec) > 8 else 8
    supervisor, leader_name = people["supervisor"], "陈志远"
    start, due = today - dt.timedelta(days=started), today + dt.timedelta(days=due_in)
    if scenario == "closed_late":
        due = today - dt.timedelta(days=20)
    task = services.task_register(
        actor=supervisor,
        title=title,
        source=source,
        lead_unit=units[lead],
        co_units=[units[c] for c in co],
        start_date=start,
        due_date=due,
        area_tags=tags,
        responsible_leader=leader_name,
        source_ref=f"县委常委会{today.year}年工作要点" if source == "annual" else "",
        requirements=f"按照县委、县政府部署，{title}，确保按期完成。",
    )
    if scenario == "registered":
        return task
    services.task_assign(actor=supervisor, task=task, today=start)
    Task.objects.filter(pk=task.pk).update(assigned_at=_at(start + dt.timedelta(days=1), 9))
    task.refresh_from_db()
    if scenario == "assigned":
        return task
    liaison = people.get(lead) or supervisor
    services.task_accept(actor=liaison, task=task)
    if scenario in {"suspended", "cancelled"}:
        (services.task_suspend if scenario == "suspended" else services.task_cancel)(
            actor=supervisor,
            task=task,
            reason="根据县委常委会研究意见，暂缓实施。" if scenario == "suspended" else "已并入其他事项统一推进。",
        )
        return task
    closed_on = today - dt.timedelta(days=closed_ago if scenario == "closed" else 2)
    until = closed_on if scenario in {"closed", "closed_late"} else today
    _backfill_reports(task, supervisor, OFFSETS[scenario], until)
    if scenario in {"closed", "closed_late", "close_requested"}:
        services.task_request_close(actor=liaison, task=task, done="各项任务已全部完成，经自查验收合格。", today=until)
        if scenario != "close_requested":
            services.task_approve_close(actor=supervisor, task=task, reason="经核查，同意销号。", today=closed_on)
    else:
        _current_report(task, liaison, supervisor, OFFSETS[scenario], today)
    if scenario == "override":
        services.task_override_light(actor=supervisor, task=task, light="yellow", reason="群众反映较多，提级关注。")
    return task


def _special_lists(units: dict[str, Unit], people: dict[str, Any], today: dt.date) -> None:
    supervisor = people["supervisor"]
    for i, topic in enumerate(REFORM_TOPICS * 3):
        unit = units[REFORM_UNITS[i % len(REFORM_UNITS)]]
        scenario = "closed" if i < 19 else ("overdue" if i % 4 == 0 else "green")
        spec: tuple[Any, ...] = (
            f"{topic}（第{i // len(REFORM_TOPICS) + 1}批）",
            Source.REFORM,
            unit.name,
            [],
            200,
            -30 if scenario == "overdue" else 60,
            scenario,
            ["深化改革"],
            5 + i * 6,
        )
        people.setdefault(unit.name, supervisor)
        _build_task(spec, units, people, today)
    for i, (topic, unit_name) in enumerate(RESEARCH_TOPICS):
        task = _build_task(
            (topic, Source.RESEARCH, unit_name, [], 150, 30 + i * 10, "green", ["调查研究"]), units, people, today
        )
        if i < 3:
            from django.core.files.uploadedfile import SimpleUploadedFile

            from shuniu.core.docx_render import OfficialDocument

            doc = OfficialDocument()
            doc.title(topic)
            doc.para("一、基本情况。二、存在问题。三、对策建议。")
            services.research_record(
                actor=supervisor,
                task=task,
                report=SimpleUploadedFile(f"{topic}.docx", doc.to_bytes()),
                adopted_suggestions="建立项目专班推进机制\n设立专项引导资金",
            )


def load(today: dt.date | None = None) -> int:
    """Build the supervision demo once; returns the number of tasks created (0 when tasks already exist)."""
    if Task.objects.exists():
        return 0
    today = today or timezone.localdate()
    units = {u.name: u for u in Unit.objects.all()}
    supervisor = User.objects.get(username="duchayuan")
    people: dict[str, Any] = {"supervisor": supervisor}
    for user in User.objects.filter(groups__role__slug="liaison", unit__isnull=False).select_related("unit"):
        if user.unit is not None:
            people[user.unit.name] = user
    for spec in TASKS:
        people.setdefault(spec[2], supervisor)
        _build_task(spec, units, people, today)
    _special_lists(units, people, today)
    urgent = instructions.instruction_register(
        actor=supervisor,
        document_title="关于近期安全生产形势的报告",
        doc_number=f"示应急〔{today.year}〕21号",
        leader_name="陈志远",
        text="请应急局牵头，立即开展危化品企业隐患排查，限期整改到位。",
        instructed_on=today - dt.timedelta(days=6),
        urgency="urgent",
    )
    instructions.instruction_create_task(
        actor=supervisor,
        instruction=urgent,
        title="落实陈志远同志批示：危化品隐患整改",
        lead_unit=units["县应急管理局"],
        co_units=[units["县市场监督管理局"]],
    )
    instructions.instruction_register(
        actor=supervisor,
        document_title="县统计局关于前三季度经济运行情况的报告",
        leader_name="陈志远",
        text="阅。",
        instructed_on=today - dt.timedelta(days=20),
        for_reading_only=True,
    )
    Commendation.objects.create(
        unit=units["县住房和城乡建设局"],
        level="county",
        awarded_on=month_start(today) - dt.timedelta(days=20),
        reason="老旧小区改造工作获县委书记肯定性批示",
        created_by=supervisor,
    )
    for task in Task.objects.all():
        task_refresh_light(task, as_of=today)
    last_month = month_start(month_start(today) - dt.timedelta(days=1))
    for month in (month_start(last_month - dt.timedelta(days=1)), last_month):
        bulletins.bulletin_issue(actor=supervisor, month=month, today=today)
    return Task.objects.count()
