"""值班 (SPEC §7): the 24-hour roster — every day a 带班领导 and duty officers by shift — with its rules as data,
flags when approved leave hits a published duty, and swaps approved by the day's 带班领导."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shuniu.core.models import SingletonConfig, TimeStampedModel


class DutyConfig(SingletonConfig):
    class HolidayMode(models.TextChoices):
        SKIP = "skip", _("节假日不排（另排节假日值班表）")
        HOLIDAY = "holiday", _("节假日按节假日值班人员轮排")

    class Rotation(models.TextChoices):
        DAILY = "daily", _("按日轮换")
        WEEKLY = "weekly", _("按周轮换")

    holiday_mode = models.CharField(_("节假日"), max_length=8, choices=HolidayMode.choices, default=HolidayMode.HOLIDAY)
    rotation = models.CharField(_("轮换方式"), max_length=8, choices=Rotation.choices, default=Rotation.DAILY)
    phone = models.CharField(_("值班电话"), max_length=40, default="0530-1234567")
    work_start = models.TimeField(_("上班时间"), default="08:30")
    work_end = models.TimeField(_("下班时间"), default="17:30")
    night_rest = models.BooleanField(_("夜班后次一工作日补休"), default=True)
    office = models.CharField(_("值班单位（落款）"), max_length=60, default="中共示范县委办公室")
    report_time = models.TimeField(_("节假日值班信息日报报送时间"), default=dt.time(16, 30))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("值班规则")
        verbose_name_plural = _("值班规则")


class Shift(models.Model):
    """A duty shift (班次): its hours, on which days it runs, how many officers it takes."""

    class Days(models.TextChoices):
        ALL = "all", _("每天")
        WORKDAYS = "workdays", _("工作日（含调休上班日）")
        REST = "rest", _("休息日和节假日")

    name = models.CharField(_("班次"), max_length=30)
    start = models.TimeField(_("开始"))
    end = models.TimeField(_("结束"), help_text=_("早于开始时间表示次日"))
    days = models.CharField(_("适用日期"), max_length=8, choices=Days.choices, default=Days.ALL)
    officers = models.PositiveSmallIntegerField(_("值班员人数"), default=1)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("班次")
        verbose_name_plural = _("班次")

    def __str__(self) -> str:
        return self.name

    def runs_on(self, workday: bool) -> bool:
        return self.days == self.Days.ALL or (self.days == self.Days.WORKDAYS) == workday


class Roster(TimeStampedModel):
    """A month's roster (值班表): a draft until published."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")

    code = models.CharField(_("编号"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(_("年"))
    month = models.PositiveSmallIntegerField(_("月"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "month"], name="duty_roster_one_per_month")]
        permissions = [("manage_roster", "排班与发布值班表")]
        verbose_name = _("值班表")
        verbose_name_plural = _("值班表")

    def __str__(self) -> str:
        return f"{self.year}年{self.month}月值班表"

    def get_absolute_url(self) -> str:
        return f"{reverse('duty:home')}?month={self.year}-{self.month:02d}"


class Duty(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", _("带班领导")
        OFFICER = "officer", _("值班员")

    roster = models.ForeignKey(Roster, on_delete=models.CASCADE, related_name="duties")
    date = models.DateField(_("日期"))
    role = models.CharField(_("职责"), max_length=8, choices=Role.choices)
    shift = models.ForeignKey(Shift, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("班次"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="duties")
    holiday = models.CharField(_("节假日"), max_length=40, blank=True)
    flag = models.CharField(_("提示"), max_length=200, blank=True)
    suggested = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["date", "role", "shift__sort_order", "id"]
        indexes = [models.Index(fields=["person", "date"]), models.Index(fields=["roster", "date"])]
        constraints = [models.UniqueConstraint(fields=["date", "person"], name="duty_one_duty_a_day")]
        verbose_name = _("值班安排")
        verbose_name_plural = _("值班安排")

    def __str__(self) -> str:
        return f"{self.date} {self.get_role_display()} {self.person}"

    def get_absolute_url(self) -> str:
        return f"{reverse('duty:home')}?month={self.date.year}-{self.date.month:02d}"


class Swap(TimeStampedModel):
    """换班: a duty given to another person, approved by that day's 带班领导."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待带班领导审批")
        APPROVED = "approved", _("已同意")
        REFUSED = "refused", _("不同意")

    duty = models.ForeignKey(Duty, on_delete=models.CASCADE, related_name="swaps")
    to_person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("事由"), max_length=200)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("换班申请")
        verbose_name_plural = _("换班申请")

    def __str__(self) -> str:
        return f"{self.duty} → {self.to_person}"


class Raised(models.TextChoices):
    URGENT = "urgent", _("紧急信息")
    TASK = "task", _("督办事项")
    REQUEST = "request", _("群众诉求")


class LogEntry(TimeStampedModel):
    """值班日志: a call, a visit or a handover note; open items are carried to every next shift until closed; an
    entry raised to urgent information, a supervision task or a citizen request keeps its code and link (and that
    item's page links back)."""

    class Kind(models.TextChoices):
        CALL = "call", _("来电")
        VISIT = "visit", _("来访")
        HANDOVER = "handover", _("交接班")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        OPEN = "open", _("待办结")
        CLOSED = "closed", _("已办结")

    code = models.CharField(_("编号"), max_length=20, unique=True)
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices)
    at = models.DateTimeField(_("时间"))
    unit = models.CharField(_("来电（来访）单位"), max_length=100, blank=True)
    caller = models.CharField(_("来电（来访）人"), max_length=50, blank=True)
    content = models.TextField(_("内容"), max_length=3000)
    handling = models.TextField(_("处理情况"), max_length=3000, blank=True)
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.OPEN)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    raised_kind = models.CharField(_("转办"), max_length=10, choices=Raised.choices, blank=True)
    raised_code = models.CharField(_("转办编号"), max_length=40, blank=True, db_index=True)
    raised_url = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["status", "at"])]
        permissions = [("keep_log", "记录和查看值班日志")]
        verbose_name = _("值班日志")
        verbose_name_plural = _("值班日志")

    def __str__(self) -> str:
        return f"{self.code} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return f"{reverse('duty:log')}#{self.code}"


class Punch(models.Model):
    """考勤: one row per person and day — the first and last punch, from the web (no mandatory mobile 打卡) or a
    time clock's export."""

    class Source(models.TextChoices):
        WEB = "web", _("网页签到")
        CLOCK = "clock", _("考勤机导入")

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="punches")
    date = models.DateField(_("日期"))
    check_in = models.TimeField(_("签到"), null=True, blank=True)
    check_out = models.TimeField(_("签退"), null=True, blank=True)
    source = models.CharField(_("来源"), max_length=6, choices=Source.choices, default=Source.WEB)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "date"], name="duty_one_punch_row_a_day")]
        indexes = [models.Index(fields=["date", "person"])]
        permissions = [("view_attendance", "查看考勤统计、导入考勤机记录")]
        verbose_name = _("考勤记录")
        verbose_name_plural = _("考勤记录")

    def __str__(self) -> str:
        return f"{self.person} {self.date}"


class DailyReport(TimeStampedModel):
    """节假日值班信息日报: compiled from the day's log on a statutory holiday, edited, then 报送 by the report time."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("待报送")
        SENT = "sent", _("已报送")

    date = models.DateField(_("日期"), unique=True)
    holiday = models.CharField(_("节假日"), max_length=40)
    content = models.TextField(_("内容"), max_length=20000)
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    due_at = models.DateTimeField(_("报送时限"))
    sent_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-date"]
        verbose_name = _("值班信息日报")
        verbose_name_plural = _("值班信息日报")

    def __str__(self) -> str:
        return f"{self.date} {self.holiday}"

    def get_absolute_url(self) -> str:
        return f"{reverse('duty:report')}?date={self.date.isoformat()}"

    @property
    def late(self) -> bool:
        return self.sent_at is not None and self.sent_at > self.due_at
