"""Monthly bulletins (月通报): a frozen snapshot of a month, its scores, and its .docx and .xlsx (SPEC §3)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import authorize
from shuniu.core.docx_render import OfficialDocument, date_cn
from shuniu.core.excel import xlsx_bytes
from shuniu.core.guard import refuse_marked
from shuniu.core.periods import month_end, month_start, period_deadline
from shuniu.core.system import person
from shuniu.core.workdays import check_date
from shuniu.supervision.lights import LightResult, ReportFact, judge_task, local_zone
from shuniu.supervision.models import (
    Bulletin,
    Commendation,
    Light,
    Milestone,
    ProgressReport,
    Source,
    SupervisionConfig,
    Task,
    UnitScore,
)
from shuniu.supervision.periods import due_periods
from shuniu.supervision.policies import bulletin_policy

LIGHTS = [Light.BLUE, Light.GREEN, Light.YELLOW, Light.RED]


def _pct(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _missing_in_month(task: TaskRow, facts: list[ReportFact], month: dt.date, as_of: dt.date) -> int:
    if task.assigned_at is None:
        return 0
    covered = {f.period_start for f in facts if f.reviewed_on <= as_of}
    return sum(
        1
        for start in due_periods(task.report_cycle, task.assigned_at.astimezone(local_zone()).date(), as_of)
        if period_deadline(task.report_cycle, start) >= month and start not in covered
    )


def _facts_by_task(tasks: Any, as_of: dt.date) -> dict[int, list[ReportFact]]:
    """Reports accepted by the end of `as_of`, as plain facts in acceptance order, in one query (no model
    instances: a county has tens of thousands)."""
    end = timezone.make_aware(dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time()))
    rows = (
        ProgressReport.objects.filter(task__in=tasks, status=ProgressReport.Status.ACCEPTED, reviewed_at__lt=end)
        .order_by("reviewed_at", "pk")
        .values_list("task_id", "period_start", "progress")
    )
    facts: dict[int, list[ReportFact]] = defaultdict(list)
    epoch = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    for n, (task_id, start, progress) in enumerate(rows.iterator(chunk_size=10000)):
        facts[task_id].append(ReportFact(start, progress, as_of, (epoch, n)))
    return facts


@dataclass(slots=True)
class TaskRow:
    """The fields of a task that a bulletin needs, read as plain values (no model instances for 10,000 tasks)."""

    pk: int
    code: str
    title: str
    source: str
    status: str
    start_date: dt.date
    due_date: dt.date
    closed_on: dt.date | None
    assigned_at: dt.datetime | None
    report_cycle: str
    progress: int
    override_light: str
    override_reason: str
    lead_unit_id: int
    lead_unit_name: str


def _judge(month: dt.date, as_of: dt.date) -> list[tuple[TaskRow, LightResult, int]]:
    config = SupervisionConfig.current()
    tasks = (
        Task.objects.exclude(status__in=[Task.Status.CANCELLED, Task.Status.SUSPENDED])
        .filter(start_date__lte=as_of)
        .order_by("code")
    )
    facts = _facts_by_task(tasks.values("pk"), as_of)
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    for milestone in Milestone.objects.filter(task__in=tasks.values("pk")):
        milestones[milestone.task_id].append(milestone)
    judged = []
    for values in tasks.values_list(*JUDGE_FIELDS).iterator(chunk_size=5000):
        task = TaskRow(*values)
        task_facts = facts.get(task.pk, [])
        result = judge_task(task, as_of=as_of, config=config, facts=task_facts, milestones=milestones.get(task.pk, []))
        if result.light == Light.BLUE and task.closed_on and task.closed_on < month:
            continue  # closed in an earlier month: no longer reported
        judged.append((task, result, _missing_in_month(task, task_facts, month, as_of)))
    return judged


JUDGE_FIELDS = (
    "pk",
    "code",
    "title",
    "source",
    "status",
    "start_date",
    "due_date",
    "closed_on",
    "assigned_at",
    "report_cycle",
    "progress",
    "override_light",
    "override_reason",
    "lead_unit_id",
    "lead_unit__name",
)


def _unit_scores(
    judged: list[tuple[TaskRow, LightResult, int]], month: dt.date, as_of: dt.date
) -> list[dict[str, Any]]:
    config = SupervisionConfig.current()
    units: dict[int, dict[str, Any]] = {}

    def unit_row(unit_id: int, name: str) -> dict[str, Any]:
        return units.setdefault(
            unit_id,
            {
                "unit_id": unit_id,
                "unit": name,
                "bonuses": Decimal(0),
                "deductions": Decimal(0),
                "details": [],
                "red": 0,
                "yellow": 0,
            },
        )

    for task, result, missing in judged:
        row = unit_row(task.lead_unit_id, task.lead_unit_name)
        rules = [
            (result.light == Light.YELLOW, config.deduct_yellow, f"{task.code} 黄灯"),
            (result.light == Light.RED, config.deduct_red, f"{task.code} 红灯"),
            (missing > 0, config.deduct_missing * missing, f"{task.code} 缺报{missing}期"),
            (
                bool(task.closed_on and month <= task.closed_on <= as_of and task.closed_on > task.due_date),
                config.deduct_late_close,
                f"{task.code} 超期办结",
            ),
        ]
        for applies, points, why in rules:
            if applies:
                row["deductions"] += points
                row["details"].append(f"{why} −{points}")
        row["red"] += result.light == Light.RED
        row["yellow"] += result.light == Light.YELLOW
    for c in Commendation.objects.filter(awarded_on__gte=month, awarded_on__lte=as_of).select_related("unit"):
        points = config.bonus_city if c.level == Commendation.Level.CITY else config.bonus_county
        row = unit_row(c.unit_id, c.unit.name)
        row["bonuses"] += points
        row["details"].append(f"{c.get_level_display()}：{c.reason} +{points}")
    ranking = []
    for row in units.values():
        row["score"] = Decimal(100) + row["bonuses"] - row["deductions"]
        ranking.append(row)
    ranking.sort(key=lambda r: (-r["score"], r["unit"]))
    for rank, row in enumerate(ranking, start=1):
        row["rank"] = rank
    return ranking


def _task_row(task: TaskRow, result: LightResult) -> dict[str, Any]:
    return {
        "code": task.code,
        "title": task.title,
        "unit": task.lead_unit_name,
        "due": task.due_date.isoformat(),
        "reason": result.reason,
        "light": result.light,
    }


def build_snapshot(month: dt.date, as_of: dt.date) -> dict[str, Any]:
    """Everything the bulletin says, judged at `as_of` (normally the month's last day), as plain JSON."""
    month = month_start(month)
    judged = _judge(month, as_of)
    counts = Counter(result.light for _t, result, _m in judged)
    total = len(judged)
    by_source: dict[str, Counter[str]] = defaultdict(Counter)
    for task, result, _missing in judged:
        by_source[task.source][result.light] += 1
    closed = [t for t, r, _m in judged if r.light == Light.BLUE and t.closed_on and t.closed_on >= month]
    on_time = [t for t in closed if t.closed_on and t.closed_on <= t.due_date]
    ranking = _unit_scores(judged, month, as_of)
    overdue: dict[str, list[str]] = defaultdict(list)
    for task, result, _missing in judged:
        if result.overdue_days or (result.light == Light.RED and as_of > task.due_date):
            overdue[task.lead_unit_name].append(task.code)
    scores = [
        {
            **{k: v for k, v in row.items() if k not in {"bonuses", "deductions", "score"}},
            "bonuses": str(row["bonuses"]),
            "deductions": str(row["deductions"]),
            "score": str(row["score"]),
        }
        for row in ranking
    ]
    return {
        "month": f"{month:%Y-%m}",
        "as_of": as_of.isoformat(),
        "totals": {"all": total, **{light: counts.get(light, 0) for light in LIGHTS}},
        "shares": {light: _pct(counts.get(light, 0), total) for light in LIGHTS},
        "by_source": [
            {
                "source": code,
                "label": str(Source(code).label),
                "total": sum(c.values()),
                **{light: c.get(light, 0) for light in LIGHTS},
            }
            for code, c in sorted(by_source.items())
        ],
        "on_time": {"closed": len(closed), "on_time": len(on_time), "rate": _pct(len(on_time), len(closed))},
        "red": [_task_row(t, r) for t, r, _m in judged if r.light == Light.RED],
        "yellow": [_task_row(t, r) for t, r, _m in judged if r.light == Light.YELLOW],
        "good_units": [row["unit"] for row in ranking if not row["red"] and not row["yellow"] and row["score"] >= 100][
            :5
        ],
        "named_units": [{"unit": unit, "tasks": codes} for unit, codes in sorted(overdue.items())],
        "ranking": scores,
    }


def _issuable(month: dt.date, today: dt.date) -> None:
    if month > month_start(today):
        raise ValidationError(_("不能印发尚未开始的月份的通报。"))
    first = Task.objects.aggregate(first=Min("start_date"))["first"]
    if first is None or month < month_start(first):
        raise ValidationError(_("该月份早于本县第一项督办事项，没有可通报的内容。"))


def bulletin_issue(*, actor: Any, month: dt.date, today: dt.date | None = None, reason: str = "") -> Bulletin:
    """Freeze the month's bulletin. Issuing a month again makes a numbered correction — only when the facts changed
    or with a written reason, never one per click — and never overwrites the one issued."""
    authorize(bulletin_policy, actor, "issue")
    month = month_start(check_date(month))
    today = today or timezone.localdate()
    _issuable(month, today)
    refuse_marked([(_("更正理由"), reason)], user=actor, where="supervision.bulletin")
    as_of = min(month_end(month), today)
    snapshot = build_snapshot(month, as_of)
    with transaction.atomic():
        previous = Bulletin.objects.select_for_update().filter(month=month).order_by("-correction").first()
        if previous is not None:
            if _facts(previous.snapshot) == _facts(snapshot) and not reason.strip():
                raise ValidationError(
                    _("%(t)s已印发，内容没有变化；如需更正，请写明更正理由。") % {"t": previous.title}, code="unchanged"
                )
            number, correction = previous.issue_number, previous.correction + 1
        else:
            issued_months = Bulletin.objects.filter(issue_year=month.year).aggregate(n=Max("issue_number"))["n"] or 0
            number, correction = issued_months + 1, 0
        bulletin = Bulletin.objects.create(
            month=month,
            correction=correction,
            issue_year=month.year,
            issue_number=number,
            as_of=as_of,
            snapshot=snapshot,
            issued_by=person(actor),
            correction_reason=reason.strip()[:300] if previous is not None else "",
        )
        UnitScore.objects.bulk_create(
            UnitScore(
                bulletin=bulletin,
                unit_id=row["unit_id"],
                month=month,
                score=Decimal(row["score"]),
                bonuses=Decimal(row["bonuses"]),
                deductions=Decimal(row["deductions"]),
                details=row["details"],
            )
            for row in snapshot["ranking"]
        )
        audit.record(
            actor=actor,
            action="issue_bulletin",
            obj=bulletin,
            changes={"month": [None, bulletin.month_key], "correction": [None, correction], "reason": [None, reason]},
        )
    return bulletin


def _facts(snapshot: dict[str, Any]) -> Any:
    """What a bulletin says, without the day it was judged on (issuing the current month again the next day with
    nothing changed is not a correction)."""
    return {k: v for k, v in snapshot.items() if k not in {"as_of", "issued_on"}}


def latest_bulletin(month: dt.date) -> Bulletin | None:
    return Bulletin.objects.filter(month=month_start(month)).order_by("-correction").first()


def bulletin_docx(bulletin: Bulletin) -> bytes:
    """The bulletin in the GB/T 9704 layout: 总体情况 / 红灯事项 / 黄灯事项 / 表现较好单位 / 单位排名."""
    s = bulletin.snapshot
    t, sh = s["totals"], s["shares"]
    doc = OfficialDocument()
    doc.masthead(
        "督查通报",
        f"{bulletin.issue_year}年第{bulletin.issue_number}期"
        + (f"（更正{bulletin.correction}）" if bulletin.correction else ""),
        "中共示范县委办公室督查室",
        date_cn(timezone.localdate(bulletin.issued_at)),
    )
    month = bulletin.month
    doc.title(f"关于{month.year}年{month.month}月重点工作督查情况的通报")
    doc.blank()
    doc.heading("一、总体情况")
    doc.para(
        f"截至{date_cn(dt.date.fromisoformat(s['as_of']))}，纳入{month.year}年{month.month}月督查的事项共{t['all']}项，"
        f"其中蓝灯（已办结）{t['blue']}项，占{sh['blue']}%；绿灯{t['green']}项，占{sh['green']}%；"
        f"黄灯{t['yellow']}项，占{sh['yellow']}%；红灯{t['red']}项，占{sh['red']}%。"
        f"本月办结{s['on_time']['closed']}项，按期办结率{s['on_time']['rate']}%。"
    )
    for row in s["by_source"]:
        doc.para(
            f"{row['label']}{row['total']}项：蓝{row['blue']}、绿{row['green']}、黄{row['yellow']}、红{row['red']}。"
        )
    for heading, key in (("二、红灯事项", "red"), ("三、黄灯事项", "yellow")):
        doc.heading(heading)
        rows = [(r["code"], r["title"], r["unit"], r["due"], r["reason"]) for r in s[key]]
        if rows:
            doc.table(["编号", "事项", "牵头单位", "截止日期", "亮灯原因"], rows)
            doc.blank()
        else:
            doc.para("无。")
        if key == "red" and s["named_units"]:
            names = "、".join(f"{n['unit']}（{'、'.join(n['tasks'])}）" for n in s["named_units"])
            doc.para(f"以下单位存在超期未办结事项，予以通报：{names}。")
    doc.heading("四、表现较好单位")
    doc.para("、".join(s["good_units"]) + "。" if s["good_units"] else "无。")
    doc.heading("五、单位排名")
    doc.table(
        ["名次", "单位", "得分", "加分", "扣分"],
        [(r["rank"], r["unit"], r["score"], r["bonuses"], r["deductions"]) for r in s["ranking"]],
    )
    return doc.to_bytes()


def bulletin_xlsx(bulletin: Bulletin) -> bytes:
    """The bulletin's tables as one workbook (the first sheet: red and yellow tasks; then the ranking)."""
    s = bulletin.snapshot
    rows: list[list[Any]] = [["总体情况", bulletin.title, "", "", ""]]
    rows += [[str(Light(k).label), s["totals"][k], f"{s['shares'][k]}%", "", ""] for k in LIGHTS]
    rows.append(["按期办结率", f"{s['on_time']['rate']}%", "", "", ""])
    rows.append(["", "", "", "", ""])
    rows.append(["亮灯", "编号", "事项", "牵头单位", "原因"])
    rows += [
        [str(Light(r["light"]).label), r["code"], r["title"], r["unit"], r["reason"]] for r in s["red"] + s["yellow"]
    ]
    rows.append(["", "", "", "", ""])
    rows.append(["名次", "单位", "得分", "加分", "扣分"])
    rows += [
        [r["rank"], r["unit"], float(r["score"]), float(r["bonuses"]), float(r["deductions"])] for r in s["ranking"]
    ]
    return xlsx_bytes(
        ["督查通报", f"{bulletin.issue_year}年第{bulletin.issue_number}期", "", "", ""],
        rows,
        title=f"{bulletin.month_key}",
    )
