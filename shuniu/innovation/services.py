"""Writes and sums of 创新案例评比: open a quarter's call, submit a case before the deadline, score as a judge (after
the deadline, never a case of the judge's own section or unit, each value within its criterion's range), publish
the ranking — a trimmed mean of each judge's weighted total with a deterministic tie-break — frozen with the prizes;
and the 科室讲堂 rota."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shuniu.audit import services as audit
from shuniu.core.access import has_perm
from shuniu.core.guard import check_upload, refuse_marked
from shuniu.core.sequences import next_value
from shuniu.core.system import person
from shuniu.innovation.defaults import seed
from shuniu.innovation.models import Call, Case, ContestConfig, Criterion, Lecture, Score

MANAGE = "innovation.manage_contest"
SUBMIT = "innovation.submit_case"
WHERE = "innovation"
QUARTER_NAMES = "一二三四"


def criteria() -> list[Criterion]:
    seed(Criterion)  # a flushed database: the defaults of migration 0002 come back
    return list(Criterion.objects.all())


def _require(actor: Any, perm: str) -> None:
    if not has_perm(actor, perm):
        raise PermissionDenied


def call_create(*, actor: Any, year: int, quarter: int, deadline: dt.date, judges: list[Any]) -> Call:
    _require(actor, MANAGE)
    if not 2000 <= year <= 2100 or not 1 <= quarter <= 4:
        raise ValidationError(_("年度或季度不正确。"), code="quarter")
    if not judges:
        raise ValidationError(_("请选择评委。"), code="judges")
    title = _("%(y)s年第%(q)s季度创新案例评比") % {"y": year, "q": QUARTER_NAMES[quarter - 1]}
    try:
        with transaction.atomic():
            call = Call.objects.create(
                code=f"CX-{year}Q{quarter}", year=year, quarter=quarter, title=title, deadline=deadline
            )
            call.judges.set(judges)
            audit.record(actor=actor, action="open_call", obj=call, changes={"judges": [None, len(judges)]})
    except IntegrityError as exc:
        raise ValidationError(_("%(t)s已发布。") % {"t": title}, code="exists") from exc
    return call


def case_submit(
    *, actor: Any, call: Call, title: str, summary: str, unit: Any = None, today: dt.date | None = None
) -> Case:
    """申报 by a unit's liaison or section head for his own unit (the organiser for any unit), before the deadline."""
    if not (has_perm(actor, SUBMIT) or has_perm(actor, MANAGE)):
        raise PermissionDenied
    unit = unit or getattr(actor, "unit", None)
    refuse_marked([(_("案例名称"), title), (_("案例简介"), summary)], user=actor, where=WHERE)
    if unit is None or (unit.pk != actor.unit_id and not has_perm(actor, MANAGE)):
        raise ValidationError(_("只能申报本单位的案例。"), code="unit")
    if not title.strip() or not summary.strip():
        raise ValidationError(_("请填写案例名称和简介。"), code="title")
    if call.status != Call.Status.OPEN or (today or timezone.localdate()) > call.deadline:
        raise ValidationError(_("申报已截止（%(d)s）。") % {"d": call.deadline}, code="closed")
    with transaction.atomic():
        case = Case.objects.create(
            code=f"{call.code}-{next_value(f'case:{call.code}'):03d}", call=call, unit=unit, title=title.strip()[:100],
            summary=summary.strip()[:5000], submitted_by=person(actor),
        )  # fmt: skip
        audit.record(actor=actor, action="submit_case", obj=case, changes={"title": [None, case.title]})
    return case


def excluded(judge: Any, case: Case) -> bool:
    """A judge never scores a case of his own section or unit: the same unit, a section of his unit, or the unit his
    section belongs to (the county's leadership contains everyone and excludes no one)."""
    from shuniu.org.models import Unit

    mine, theirs = getattr(judge, "unit", None), case.unit
    if mine is None:
        return False
    if mine.pk == theirs.pk:
        return True
    if theirs.path.startswith(mine.path):
        return mine.kind != Unit.Kind.LEADERSHIP
    return mine.path.startswith(theirs.path) and theirs.kind != Unit.Kind.LEADERSHIP


def cases_to_score(judge: Any, call: Call) -> list[Case]:
    return [c for c in call.cases.select_related("unit") if not excluded(judge, c)]


def score_submit(*, actor: Any, case: Case, values: Mapping[int, Any], today: dt.date | None = None) -> list[Score]:
    """A judge's scores for one case, all criteria at once, each within 0 and its maximum; changed until publication."""
    call = case.call
    if not call.judges.filter(pk=actor.pk).exists():
        raise PermissionDenied
    if excluded(actor, case):
        raise ValidationError(_("评委不评本单位（科室）的案例：%(c)s 已自动回避。") % {"c": case.code}, code="own_unit")
    if call.status != Call.Status.OPEN:
        raise ValidationError(_("排名已公布，不能再评分。"), code="published")
    if (today or timezone.localdate()) <= call.deadline:
        raise ValidationError(_("申报截止（%(d)s）后开始评分。") % {"d": call.deadline}, code="early")
    found: dict[int, Decimal] = {}
    for criterion in criteria():
        raw = values.get(criterion.pk)
        try:
            value = Decimal(str(raw).strip())
        except (InvalidOperation, ValueError) as exc:
            raise ValidationError(_("请为“%(n)s”打分。") % {"n": criterion.name}, code="missing") from exc
        if (
            not value.is_finite()
            or not Decimal(0) <= value <= criterion.max_score
            or value != value.quantize(Decimal("0.1"))
        ):
            raise ValidationError(
                _("“%(n)s”的分数应在 0 至 %(m)s 之间（最多一位小数）。")
                % {"n": criterion.name, "m": criterion.max_score},
                code="range",
            )
        found[criterion.pk] = value
    with transaction.atomic():
        Score.objects.filter(case=case, judge=actor).delete()
        rows = Score.objects.bulk_create(
            [Score(case=case, judge=actor, criterion_id=pk, value=v) for pk, v in found.items()]
        )
        audit.record(actor=actor, action="score", obj=case, changes={"scores": [None, len(rows)]})
    return rows


def _q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def ranking(call: Call, config: ContestConfig | None = None) -> list[dict[str, Any]]:
    """Each case: every judge's weighted total (Σ value / max × weight, out of 100), the trimmed mean (the highest and
    lowest dropped when `trim_from` or more judges scored it), ranked; ties broken by the untrimmed mean, then the
    first criterion's mean, then the earlier submission."""
    config = config or ContestConfig.current()
    items = {c.pk: c for c in criteria()}
    totals: dict[int, dict[int, Decimal]] = {}
    first: dict[int, list[Decimal]] = {}
    lead = min(items.values(), key=lambda c: (c.sort_order, c.pk)) if items else None
    for case_id, judge_id, criterion_id, value in Score.objects.filter(case__call=call).values_list(
        "case_id", "judge_id", "criterion_id", "value"
    ):
        c = items[criterion_id]
        per_judge = totals.setdefault(case_id, {})
        per_judge[judge_id] = per_judge.get(judge_id, Decimal(0)) + value / c.max_score * c.weight
        if lead is not None and criterion_id == lead.pk:
            first.setdefault(case_id, []).append(value)
    rows: list[dict[str, Any]] = []
    for case in call.cases.select_related("unit"):
        marks = sorted(totals.get(case.pk, {}).values())
        kept = marks[1:-1] if len(marks) >= config.trim_from else marks
        mean = _q(sum(kept, Decimal(0)) / len(kept)) if kept else Decimal(0)
        plain = _q(sum(marks, Decimal(0)) / len(marks)) if marks else Decimal(0)
        lead_mean = (
            _q(sum(first.get(case.pk, []), Decimal(0)) / len(first[case.pk])) if first.get(case.pk) else Decimal(0)
        )
        rows.append({"code": case.code, "title": case.title, "unit": case.unit.name, "judges": len(marks),
                     "trimmed": len(marks) >= config.trim_from, "score": mean, "untrimmed": plain, "lead": lead_mean,
                     "submitted": case.created_at, "case": case})  # fmt: skip
    rows.sort(key=lambda r: (-r["score"], -r["untrimmed"], -r["lead"], r["submitted"], r["code"]))
    prizes = (
        [_("一等奖")] * config.first_prizes + [_("二等奖")] * config.second_prizes + [_("三等奖")] * config.third_prizes
    )
    for i, row in enumerate(rows):
        row["rank"] = i + 1
        row["prize"] = prizes[i] if i < len(prizes) and row["judges"] else ""
    return rows


def call_publish(*, actor: Any, call: Call) -> Call:
    """公布: the ranking frozen as it stands; scores no longer change."""
    _require(actor, MANAGE)
    if call.status == Call.Status.PUBLISHED:
        raise ValidationError(_("排名已公布。"), code="published")
    if not Score.objects.filter(case__call=call).exists():
        raise ValidationError(_("还没有评分，不能公布。"), code="empty")
    rows = [
        {k: (str(v) if isinstance(v, Decimal) else v) for k, v in r.items() if k not in ("case", "submitted")}
        for r in ranking(call)
    ]
    with transaction.atomic():
        call.status, call.ranking, call.published_at = Call.Status.PUBLISHED, rows, timezone.now()
        call.save(update_fields=["status", "ranking", "published_at", "updated_at"])
        audit.record(actor=actor, action="publish", obj=call, changes={"cases": [None, len(rows)]})
    return call


def award_docx(call: Call) -> bytes:
    from shuniu.core.docx_render import OfficialDocument, date_cn

    config = ContestConfig.current()
    doc = OfficialDocument()
    doc.title(_("关于%(t)s结果的通报") % {"t": call.title})
    doc.blank()
    doc.para(
        _(
            "各科室、县直各单位：为激励创新、推广经验，办公室组织开展了%(t)s。经评委独立评分（本单位回避），现将结果通报如下。"
        )
        % {"t": call.title}
    )
    awarded = [r for r in call.ranking if r.get("prize")]
    doc.table([_("名次"), _("奖项"), _("案例名称"), _("申报单位"), _("得分")],
              [[r["rank"], r["prize"], r["title"], r["unit"], r["score"]] for r in awarded])  # fmt: skip
    doc.blank()
    doc.para(_("希望受到表扬的单位再接再厉，各单位学习借鉴，推动工作创新。"))
    doc.blank()
    doc.para(config.issuer, align_right=True)
    doc.para(
        date_cn(timezone.localtime(call.published_at) if call.published_at else timezone.localdate()), align_right=True
    )
    return doc.to_bytes()


def lecture_add(*, actor: Any, date: dt.date, speaker: Any, unit: Any, topic: str, materials: Any = None) -> Lecture:
    _require(actor, MANAGE)
    refuse_marked([(_("题目"), topic)], user=actor, where=WHERE)
    if materials:
        check_upload(materials, user=actor, where=WHERE)
    if not topic.strip() or speaker is None or unit is None:
        raise ValidationError(_("请填写日期、主讲人、科室和题目。"), code="lecture")
    if Lecture.objects.filter(date=date, unit=unit).exists():
        raise ValidationError(_("该科室当天已安排讲堂。"), code="busy")
    with transaction.atomic():
        lecture = Lecture(date=date, speaker=speaker, unit=unit, topic=topic.strip()[:100])
        if materials:
            lecture.materials.save(materials.name or "materials", materials, save=False)
        lecture.save()
        audit.record(actor=actor, action="lecture", obj=lecture, changes={"topic": [None, lecture.topic]})
    return lecture
