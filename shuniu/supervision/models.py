from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shuniu.core.models import ExtensionBase, SingletonConfig, TimeStampedModel
from shuniu.org.models import Unit


class Light(models.TextChoices):
    BLUE = "blue", _("蓝灯")
    GREEN = "green", _("绿灯")
    YELLOW = "yellow", _("黄灯")
    RED = "red", _("红灯")


class Source(models.TextChoices):
    INSTRUCTION = "instruction", _("领导批示")
    ASSIGNED = "assigned", _("交办事项")
    ANNUAL = "annual", _("年度重点工作")
    MEETING = "meeting", _("会议议定事项")
    REFORM = "reform", _("改革任务")
    RESEARCH = "research", _("调研课题")
    PEOPLE = "people", _("为民办实事")
    INFO = "info", _("信息反映")
    CITIZEN = "citizen", _("群众诉求升级")
    PROPOSAL = "proposal", _("人大建议/政协提案")
    INSPECTION = "inspection", _("保密检查整改")


class SupervisionConfig(SingletonConfig):
    """The county's own rules for lights, reports, sign-off, instructions and scores (one row, SPEC §0.1)."""

    due_soon_days = models.PositiveSmallIntegerField(_("临期提醒（工作日）N"), default=3)
    behind_yellow = models.PositiveSmallIntegerField(_("落后序时进度黄灯线（百分点）X"), default=10)
    behind_red = models.PositiveSmallIntegerField(_("落后序时进度红灯线（百分点）Y"), default=30)
    missing_red = models.PositiveSmallIntegerField(_("连续缺报红灯期数 M"), default=2)
    sign_days = models.PositiveSmallIntegerField(_("签收时限（工作日）"), default=1)
    window_start_day = models.PositiveSmallIntegerField(
        _("月报报送窗口开始日"), default=25, validators=[MinValueValidator(1), MaxValueValidator(28)]
    )
    limit_urgent = models.PositiveSmallIntegerField(_("紧急批示办理时限（工作日）"), default=5)
    limit_normal = models.PositiveSmallIntegerField(_("一般批示办理时限（工作日）"), default=15)
    limit_complex = models.PositiveSmallIntegerField(_("复杂批示办理时限（工作日）"), default=30)
    deduct_yellow = models.DecimalField(_("黄灯扣分"), max_digits=5, decimal_places=1, default=1)
    deduct_red = models.DecimalField(_("红灯扣分"), max_digits=5, decimal_places=1, default=2)
    deduct_missing = models.DecimalField(_("缺报扣分（每期）"), max_digits=5, decimal_places=1, default=2)
    deduct_late_close = models.DecimalField(_("超期办结扣分"), max_digits=5, decimal_places=1, default=3)
    bonus_county = models.DecimalField(_("县领导肯定性批示加分"), max_digits=5, decimal_places=1, default=3)
    bonus_city = models.DecimalField(_("市级肯定加分"), max_digits=5, decimal_places=1, default=5)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("督查规则")
        verbose_name_plural = _("督查规则")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="supervision_config_single_row")]

    def __str__(self) -> str:
        return str(_("督查规则"))

    @classmethod
    def current(cls) -> SupervisionConfig:
        config: SupervisionConfig = super().current()
        return config


class AreaTag(models.Model):
    name = models.CharField(_("领域"), max_length=30, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("领域标签")
        verbose_name_plural = _("领域标签")

    def __str__(self) -> str:
        return self.name


class Instruction(TimeStampedModel):
    """A leader's instruction (领导批示件); 阅知 ones are recorded but not tracked."""

    class Urgency(models.TextChoices):
        URGENT = "urgent", _("紧急")
        NORMAL = "normal", _("一般")
        COMPLEX = "complex", _("复杂")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    document_title = models.CharField(_("来文标题"), max_length=200)
    doc_number = models.CharField(_("来文文号"), max_length=60, blank=True)
    leader_name = models.CharField(_("批示领导"), max_length=50)
    text = models.TextField(_("批示内容"))
    instructed_on = models.DateField(_("批示日期"))
    urgency = models.CharField(_("缓急"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    for_reading_only = models.BooleanField(_("阅知性批示（不跟踪）"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-instructed_on", "-id"]
        verbose_name = _("领导批示件")
        verbose_name_plural = _("领导批示件")
        permissions = [("register_instruction", _("登记本人批示并立项督办"))]

    def __str__(self) -> str:
        return f"{self.leader_name}：{self.document_title}"

    def get_absolute_url(self) -> str:
        return reverse("supervision:instruction-detail", args=[self.code])


class Task(TimeStampedModel):
    """A supervised matter (督办事项). Its light is derived data, stored for speed by `lights.task_refresh_light`."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("已立项")
        ASSIGNED = "assigned", _("已交办")
        ACCEPTED = "accepted", _("办理中")
        CLOSE_REQUESTED = "close_requested", _("申请办结")
        CLOSED = "closed", _("已办结销号")
        SUSPENDED = "suspended", _("已中止")
        CANCELLED = "cancelled", _("已撤销")

    class Cycle(models.TextChoices):
        WEEKLY = "weekly", _("每周")
        MONTHLY = "monthly", _("每月")
        ONCE = "once", _("一次性")

    code = models.CharField(_("编号"), max_length=20, editable=False)  # unique: Meta.constraints (no LIKE twin)
    title = models.CharField(_("标题"), max_length=200)
    requirements = models.TextField(_("工作要求"), blank=True)
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices)
    source_ref = models.CharField(_("来源依据"), max_length=300, blank=True)
    instruction = models.ForeignKey(
        Instruction, verbose_name=_("领导批示件"), null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    area_tags = models.ManyToManyField(AreaTag, verbose_name=_("领域"), blank=True, related_name="tasks")
    # 责任领导: a leader's account (his own tasks on his home page); the name is kept with it for lists, files and
    # imported names that match no account.
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("责任领导"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_tasks",
    )
    responsible_leader = models.CharField(_("责任领导姓名"), max_length=50, blank=True)
    lead_unit = models.ForeignKey(  # indexed first in (lead_unit, status)
        Unit, verbose_name=_("牵头单位"), on_delete=models.PROTECT, related_name="led_tasks", db_index=False
    )
    co_units = models.ManyToManyField(Unit, verbose_name=_("配合单位"), blank=True, related_name="co_tasks")
    start_date = models.DateField(_("开始日期"))
    due_date = models.DateField(_("截止日期"))
    original_due_date = models.DateField(_("原定截止日期"))
    report_cycle = models.CharField(_("报送周期"), max_length=10, choices=Cycle.choices, default=Cycle.MONTHLY)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.REGISTERED)
    assigned_at = models.DateTimeField(_("交办时间"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    closed_on = models.DateField(_("销号日期"), null=True, blank=True)
    status_reason = models.CharField(_("中止/撤销/退回理由"), max_length=300, blank=True)
    assignment_notice = models.FileField(_("督办通知单"), upload_to="supervision/notices/", blank=True)
    # Derived, refreshed by lights.task_refresh_light (never typed in).
    light = models.CharField(_("亮灯"), max_length=10, choices=Light.choices, blank=True)  # see task_light_due_idx
    light_reason = models.CharField(_("亮灯说明"), max_length=300, blank=True)
    progress = models.PositiveSmallIntegerField(_("进度"), default=0)
    expected_progress = models.PositiveSmallIntegerField(_("序时进度"), default=0)
    override_light = models.CharField(_("人工调整亮灯"), max_length=10, choices=Light.choices, blank=True)
    override_reason = models.CharField(_("调整理由"), max_length=300, blank=True)
    # Research topics (调研课题).
    research_report = models.FileField(_("调研报告"), upload_to="supervision/research/", blank=True)
    adopted_suggestions = models.TextField(_("采纳的建议（金点子）"), blank=True)
    # Empty when a job created it (an escalated citizen request): the audit record names the job.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("督办事项")
        verbose_name_plural = _("督办事项")
        permissions = [
            ("manage_task", _("管理督办事项（立项、交办、审核、通报）")),
            ("report_task", _("以牵头单位身份签收和报送")),
            ("view_all_tasks", _("查看全部督办事项")),
        ]
        indexes = [
            models.Index(fields=["light", "due_date", "id"], name="task_light_due_idx"),
            # The office's daily view, "red and yellow by deadline": an ordered scan of just those rows.
            models.Index(
                fields=["due_date", "id"], condition=models.Q(light__in=["red", "yellow"]), name="task_attention_idx"
            ),
            models.Index(fields=["lead_unit", "status"]),
            models.Index(fields=["status", "due_date"]),
            # The API's sorts and deep pages: an ordered index scan, whatever the offset.
            models.Index(fields=["due_date", "id"], name="task_due_id_idx"),
            models.Index(fields=["lead_unit", "due_date", "id"], name="task_lead_due_idx"),  # one unit's list
            models.Index(fields=["updated_at", "id"], name="task_updated_id_idx"),
            models.Index(fields=["code", "id"], name="task_code_id_idx"),  # sort=code read from the index alone
            # "Open and overdue", the integrators' most asked list: only the open rows, by deadline.
            models.Index(
                fields=["due_date", "id"],
                condition=models.Q(status__in=["registered", "assigned", "accepted", "close_requested"]),
                name="task_open_due_idx",
            ),
            models.Index(fields=["source"], name="task_source_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["code"], name="task_code_unique"),
            models.CheckConstraint(
                condition=models.Q(due_date__gte=models.F("start_date")), name="task_due_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("supervision:task-detail", args=[self.code])

    @property
    def is_open(self) -> bool:
        return self.status not in {self.Status.CLOSED, self.Status.CANCELLED, self.Status.SUSPENDED}


class Milestone(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField(_("节点日期"))
    description = models.CharField(_("节点内容"), max_length=200)
    planned_progress = models.PositiveSmallIntegerField(_("计划进度%"), validators=[MaxValueValidator(100)])

    class Meta:
        ordering = ["date"]
        verbose_name = _("节点")
        verbose_name_plural = _("节点")

    def __str__(self) -> str:
        return f"{self.date} {self.description}"


class ProgressReport(TimeStampedModel):
    """A lead unit's report for one period (进展反馈 / 月调度)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待审核")
        ACCEPTED = "accepted", _("已采纳")
        RETURNED = "returned", _("已退回")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    period_start = models.DateField(_("报告期"))
    progress = models.PositiveSmallIntegerField(_("完成进度%"), validators=[MaxValueValidator(100)])
    done = models.TextField(_("工作进展"))
    problems = models.TextField(_("存在问题"), blank=True)
    next_steps = models.TextField(_("下步打算"), blank=True)
    attachment = models.FileField(_("附件"), upload_to="supervision/reports/", blank=True)
    is_completion = models.BooleanField(_("办结报告"), default=False)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_comment = models.CharField(_("审核意见"), max_length=300, blank=True)

    class Meta:
        ordering = ["-period_start", "-created_at"]
        verbose_name = _("进展反馈")
        verbose_name_plural = _("进展反馈")
        indexes = [models.Index(fields=["task", "status", "period_start"])]

    def __str__(self) -> str:
        return f"{self.task.code} {self.period_start} {self.progress}%"


class Extension(ExtensionBase):
    """A request to move the task's due date (延期申请), made before the due date."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions")

    class Meta(ExtensionBase.Meta):
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")

    def __str__(self) -> str:
        return f"{self.task.code} → {self.requested_due_date}"


class LightChange(models.Model):
    """One change of a task's light, with its reason and trigger (the light history)."""

    class Trigger(models.TextChoices):
        AUTO = "auto", _("自动")
        OVERRIDE = "override", _("人工调整")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="light_changes")
    changed_at = models.DateTimeField(auto_now_add=True)
    as_of = models.DateField(_("判定日期"))
    old_light = models.CharField(max_length=10, choices=Light.choices, blank=True)
    new_light = models.CharField(max_length=10, choices=Light.choices)
    reason = models.CharField(_("原因"), max_length=300)
    trigger = models.CharField(_("触发"), max_length=10, choices=Trigger.choices, default=Trigger.AUTO)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("亮灯记录")
        verbose_name_plural = _("亮灯记录")

    def __str__(self) -> str:
        return f"{self.task_id} {self.old_light}→{self.new_light}"


class Commendation(TimeStampedModel):
    """A commendation that earns a unit bonus points (县领导肯定性批示 / 市级肯定)."""

    class Level(models.TextChoices):
        COUNTY = "county", _("县领导肯定")
        CITY = "city", _("市级肯定")

    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="commendations")
    task = models.ForeignKey(
        Task, verbose_name=_("相关事项"), null=True, blank=True, on_delete=models.SET_NULL, related_name="commendations"
    )
    level = models.CharField(_("级别"), max_length=10, choices=Level.choices)
    awarded_on = models.DateField(_("日期"))
    reason = models.CharField(_("事由"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-awarded_on"]
        verbose_name = _("表扬加分")
        verbose_name_plural = _("表扬加分")

    def __str__(self) -> str:
        return f"{self.unit} {self.get_level_display()}"


class Bulletin(models.Model):
    """A monthly bulletin (月通报): a frozen snapshot. Issuing a month again adds a numbered correction."""

    month = models.DateField(_("月份"))  # the first day of the month
    correction = models.PositiveSmallIntegerField(_("更正号"), default=0)
    issue_year = models.PositiveSmallIntegerField(_("年份"))
    issue_number = models.PositiveSmallIntegerField(_("期号"))
    as_of = models.DateField(_("判定日期"))
    snapshot = models.JSONField(_("快照"))
    issued_at = models.DateTimeField(_("印发时间"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    correction_reason = models.CharField(_("更正理由"), max_length=300, blank=True)

    class Meta:
        ordering = ["-month", "-correction"]
        verbose_name = _("月通报")
        verbose_name_plural = _("月通报")
        constraints = [
            models.UniqueConstraint(fields=["month", "correction"], name="bulletin_unique_month_correction"),
            models.UniqueConstraint(fields=["issue_year", "issue_number", "correction"], name="bulletin_unique_number"),
        ]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("supervision:bulletin-detail", args=[self.month_key])

    @property
    def title(self) -> str:
        suffix = f"（更正{self.correction}）" if self.correction else ""
        return f"督查通报 {self.issue_year}年第{self.issue_number}期{suffix}"

    @property
    def month_key(self) -> str:
        return f"{self.month:%Y-%m}"


class UnitScore(models.Model):
    """A unit's score for a month, frozen when the bulletin is issued (督考用一体化)."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="scores")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="supervision_scores")
    month = models.DateField()
    score = models.DecimalField(max_digits=6, decimal_places=1)
    bonuses = models.DecimalField(max_digits=6, decimal_places=1, default=0)
    deductions = models.DecimalField(max_digits=6, decimal_places=1, default=0)
    details = models.JSONField(default=list)

    class Meta:
        ordering = ["-score", "unit__name"]
        verbose_name = _("单位得分")
        verbose_name_plural = _("单位得分")
        constraints = [models.UniqueConstraint(fields=["bulletin", "unit"], name="score_unique_bulletin_unit")]

    def __str__(self) -> str:
        return f"{self.unit} {self.month:%Y-%m} {self.score}"
