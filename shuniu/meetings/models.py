"""办会 (SPEC §5): meeting applications checked against the 精简 rules, the annual meeting plan, venues and the
leaders' activities (recurring ones expanded by RFC 5545 rules), absences from the county, notices with their
replies and sign-in, and minutes whose decisions become supervision tasks."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shuniu.core.models import SingletonConfig, TimeStampedModel
from shuniu.org.models import Unit


class MeetingConfig(SingletonConfig):
    """The county's 精简会议 rules (SPEC §5 defaults) and the approval chain: data, every change audited."""

    max_county_wide = models.PositiveSmallIntegerField(_("全县性会议人数上限"), default=150)
    max_department = models.PositiveSmallIntegerField(_("部门会议人数上限"), default=80)
    max_hours = models.DecimalField(_("会期上限（小时）"), max_digits=4, decimal_places=1, default=4)
    max_group_days = models.DecimalField(_("分组讨论会议会期上限（天）"), max_digits=3, decimal_places=1, default=1.5)
    max_speech_minutes = models.PositiveSmallIntegerField(_("主报告时长上限（分钟）"), default=60)
    max_comprehensive_per_year = models.PositiveSmallIntegerField(
        _("每年综合性工作会议上限（每个主办单位）"), default=1
    )
    meeting_free_week = models.PositiveSmallIntegerField(
        _("无会周（每月第几周，0为不设）"), default=1, help_text=_("以该月第N个星期一开始的一周为无会周。")
    )
    quota_class1 = models.PositiveSmallIntegerField(_("一类会议定额（元/人·天）"), default=760)
    quota_class2 = models.PositiveSmallIntegerField(_("二类会议定额（元/人·天）"), default=650)
    quota_class3 = models.PositiveSmallIntegerField(_("三类及以下会议定额（元/人·天）"), default=550)
    issuer = models.CharField(_("日程编印单位"), max_length=60, default="中共示范县委办公室")
    approval_chain = models.CharField(
        _("报批流程"),
        max_length=120,
        default="office_director,county_leader",
        help_text=_("依次审批的角色代码，以逗号分隔，如 office_director,county_leader。"),
    )

    class Meta:
        verbose_name = _("办会规则")
        verbose_name_plural = _("办会规则")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="meeting_config_single_row")]

    def __str__(self) -> str:
        return str(_("办会规则"))

    def chain(self) -> list[str]:
        return [slug.strip() for slug in self.approval_chain.split(",") if slug.strip()]


class Kind(models.TextChoices):
    COUNTY = "county", _("全县性会议")
    DEPARTMENT = "department", _("部门会议")
    VIDEO = "video", _("视频会议")


class MeetingPlan(TimeStampedModel):
    """The annual meeting plan (年度会议计划), imported from Excel all or nothing."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年度会议计划")
        verbose_name_plural = _("年度会议计划")

    def __str__(self) -> str:
        return f"{self.year}年度会议计划"


class PlanItem(models.Model):
    plan = models.ForeignKey(MeetingPlan, models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("序号"))
    name = models.CharField(_("会议名称"), max_length=120)
    kind = models.CharField(_("会议类型"), max_length=12, choices=Kind.choices)
    organiser = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("主办单位"))
    month = models.PositiveSmallIntegerField(_("计划月份"))
    attendees = models.PositiveSmallIntegerField(_("计划人数"))
    days = models.DecimalField(_("会期（天）"), max_digits=3, decimal_places=1)
    comprehensive = models.BooleanField(_("综合性工作会议"), default=False)

    class Meta:
        verbose_name = _("计划内会议")
        verbose_name_plural = _("计划内会议")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_item_unique_number")]

    def __str__(self) -> str:
        return f"{self.plan.year}-{self.number} {self.name}"


class Venue(models.Model):
    """A meeting room: capacity, equipment, and the units that may book it (none named: every unit)."""

    code = models.SlugField(_("编码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    capacity = models.PositiveSmallIntegerField(_("容纳人数"))
    equipment = models.CharField(_("设备"), max_length=200, blank=True)
    bookable_by = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name=_("可预订单位"))
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("会议室")
        verbose_name_plural = _("会议室")

    def __str__(self) -> str:
        return self.name


class MeetingSeries(models.Model):
    """Meetings of the same kind held again and again (常委会、常务会): the next one lists the open decisions."""

    name = models.CharField(_("系列名称"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("会议系列")
        verbose_name_plural = _("会议系列")

    def __str__(self) -> str:
        return self.name


def sign_code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


class Meeting(TimeStampedModel):
    """A meeting application (会议申请) and, once filed or approved, the meeting with its notices and minutes."""

    class Status(models.TextChoices):
        FILED = "filed", _("已报备")
        PENDING = "pending", _("报批中")
        APPROVED = "approved", _("已批准")
        RETURNED = "returned", _("退回修改")
        REFUSED = "refused", _("不予批准")
        HELD = "held", _("已召开")
        CANCELLED = "cancelled", _("已取消")

    class CostClass(models.TextChoices):
        ONE = "1", _("一类会议")
        TWO = "2", _("二类会议")
        THREE = "3", _("三类及以下会议")

    class Form(models.TextChoices):
        ONSITE = "onsite", _("现场会议")
        VIDEO = "video", _("视频会议")
        BOTH = "both", _("现场+视频")

    code = models.CharField(_("编号"), max_length=20, unique=True)
    name = models.CharField(_("会议名称"), max_length=120)
    kind = models.CharField(_("会议类型"), max_length=12, choices=Kind.choices)
    cost_class = models.CharField(_("会议类别"), max_length=1, choices=CostClass.choices, default=CostClass.THREE)
    comprehensive = models.BooleanField(_("综合性工作会议"), default=False)
    group_discussion = models.BooleanField(_("含分组讨论"), default=False)
    necessity = models.TextField(_("必要性"))
    organiser = models.ForeignKey(Unit, models.PROTECT, related_name="meetings", verbose_name=_("主办单位"))
    start = models.DateTimeField(_("开始时间"))
    end = models.DateTimeField(_("结束时间"))
    venue = models.ForeignKey(Venue, models.PROTECT, null=True, blank=True, related_name="meetings")
    form = models.CharField(_("会议形式"), max_length=8, choices=Form.choices, default=Form.ONSITE)
    attendee_scope = models.CharField(_("参会范围"), max_length=300)
    attendee_count = models.PositiveIntegerField(_("参会人数"))
    agenda = models.TextField(_("会议议程"), blank=True)
    speech_minutes = models.PositiveSmallIntegerField(_("主报告时长（分钟）"), default=0)
    budget = models.DecimalField(_("经费预算（元）"), max_digits=10, decimal_places=2, default=0)
    plan_item = models.ForeignKey(PlanItem, models.SET_NULL, null=True, blank=True, related_name="meetings")
    series = models.ForeignKey(MeetingSeries, models.SET_NULL, null=True, blank=True, related_name="meetings")
    leaders = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("出席领导"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices)
    status_reason = models.CharField(_("意见"), max_length=300, blank=True)
    # the role slugs of the chain in force when it was applied for, and the index of who decides next
    approval_chain = models.JSONField(_("报批流程"), default=list)
    approval_step = models.PositiveSmallIntegerField(_("审批环节"), default=0)
    sign_code = models.CharField(_("签到码"), max_length=6, default=sign_code)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-start", "-id"]
        verbose_name = _("会议")
        verbose_name_plural = _("会议")
        indexes = [
            models.Index(fields=["organiser", "start"], name="meeting_organiser_idx"),
            models.Index(fields=["status", "start"], name="meeting_status_idx"),
        ]
        permissions = [
            ("view_all_meetings", _("查看全部会议")),
            ("apply_meeting", _("申请会议")),
            ("approve_meeting", _("审批会议")),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting", args=[self.code])

    @property
    def next_role(self) -> str:
        chain = self.approval_chain or []
        return (
            chain[self.approval_step] if self.status == self.Status.PENDING and self.approval_step < len(chain) else ""
        )

    @property
    def next_role_label(self) -> str:
        from shuniu.org.roles import ROLE_BY_SLUG

        role = ROLE_BY_SLUG.get(self.next_role)
        return role.name if role else self.next_role


class Breach(models.Model):
    """A 精简 rule the application breaks, the rule's text as it was, and the applicant's written justification."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="breaches")
    rule = models.CharField(_("规则"), max_length=30)
    rule_text = models.CharField(_("规则内容"), max_length=200)
    detail = models.CharField(_("情况"), max_length=200)
    justification = models.TextField(_("说明理由"))

    class Meta:
        verbose_name = _("超出精简规定")
        verbose_name_plural = _("超出精简规定")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.rule}"


class Activity(TimeStampedModel):
    """领导公务活动, or a room booking: one leader's, one venue's or both. A recurring one carries its RFC 5545 rule
    and the end of its last occurrence (`series_end`), so a conflict check reads only the rows that can overlap."""

    class ActivityKind(models.TextChoices):
        MEETING = "meeting", _("会议")
        RESEARCH = "research", _("调研")
        RECEPTION = "reception", _("接待")
        TRIP = "trip", _("出差")
        OTHER = "other", _("其他")

    code = models.CharField(_("编号"), max_length=20, unique=True)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("领导"),
    )
    venue = models.ForeignKey(Venue, models.PROTECT, null=True, blank=True, related_name="activities")
    kind = models.CharField(_("类型"), max_length=10, choices=ActivityKind.choices)
    title = models.CharField(_("事项"), max_length=120)
    location = models.CharField(_("地点"), max_length=120, blank=True)
    start = models.DateTimeField(_("开始时间"))
    end = models.DateTimeField(_("结束时间"))
    recurrence = models.CharField(_("重复规则"), max_length=200, blank=True)  # an RRULE, e.g. FREQ=WEEKLY;COUNT=6
    series_end = models.DateTimeField()  # the end of the last occurrence (= end when not recurring)
    meeting = models.ForeignKey(Meeting, models.CASCADE, null=True, blank=True, related_name="activities")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("领导公务活动")
        verbose_name_plural = _("领导公务活动")
        indexes = [
            models.Index(fields=["leader", "start", "series_end"], name="activity_leader_idx"),
            models.Index(fields=["venue", "start", "series_end"], name="activity_venue_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(leader__isnull=False) | models.Q(venue__isnull=False), name="activity_holder"
            ),
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="activity_end_after_start"),
        ]
        permissions = [("manage_schedule", _("安排领导活动")), ("view_schedules", _("查看领导日程"))]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Occurrence(models.Model):
    """One occurrence of an activity, expanded once by its rule when it is booked: conflict checks and calendars are
    range reads on (holder, start), never re-expansions. An occurrence lasts at most 31 days (`bookings.check_span`),
    which bounds the start of anything that can overlap a given moment."""

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="occurrences")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, null=True, related_name="+", db_index=False)
    venue = models.ForeignKey(Venue, models.CASCADE, null=True, related_name="+", db_index=False)
    start = models.DateTimeField()
    end = models.DateTimeField()

    class Meta:
        verbose_name = _("活动场次")
        verbose_name_plural = _("活动场次")
        ordering = ["start", "id"]
        indexes = [
            models.Index(fields=["leader", "start"], name="occurrence_leader_idx"),
            models.Index(fields=["venue", "start"], name="occurrence_venue_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.start:%Y-%m-%d %H:%M}"


class Absence(TimeStampedModel):
    """外出报备: a leader away from the county, filed in advance, with who stands in."""

    code = models.CharField(_("编号"), max_length=20, unique=True)
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="absences")
    start = models.DateField(_("离县日期"))
    end = models.DateField(_("返县日期"))
    destination = models.CharField(_("去向"), max_length=100)
    reason = models.CharField(_("事由"), max_length=200)
    stand_in = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("主持（代理）工作")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-start", "-id"]
        verbose_name = _("外出报备")
        verbose_name_plural = _("外出报备")
        indexes = [models.Index(fields=["leader", "start", "end"], name="absence_leader_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.leader}"


class AbsencePair(models.Model):
    """Two leaders who are not away at the same time (the principal and the deputy in charge of daily work)."""

    principal = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("主要负责人")
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("主持日常工作的副职")
    )

    class Meta:
        verbose_name = _("不得同时外出")
        verbose_name_plural = _("不得同时外出")
        constraints = [models.UniqueConstraint(fields=["principal", "deputy"], name="absence_pair_unique")]

    def __str__(self) -> str:
        return f"{self.principal} / {self.deputy}"


class CalendarFeed(models.Model):
    """A leader's personal iCalendar feed: a secret URL (only its digest is kept), revocable."""

    leader = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("日历订阅")
        verbose_name_plural = _("日历订阅")

    def __str__(self) -> str:
        return f"feed {self.leader_id}"


class Invitation(models.Model):
    """A notice to one attendee, the reply (回执) and the sign-in on the day."""

    class Reply(models.TextChoices):
        PENDING = "pending", _("未回执")
        ATTEND = "attend", _("参加")
        DEPUTY = "deputy", _("委派他人参加")
        ABSENT = "absent", _("请假")

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="meeting_invitations")
    reply = models.CharField(_("回执"), max_length=8, choices=Reply.choices, default=Reply.PENDING)
    deputy_name = models.CharField(_("参会人"), max_length=50, blank=True)
    reason = models.CharField(_("请假事由"), max_length=200, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    signed_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("会议通知")
        verbose_name_plural = _("会议通知")
        ordering = ["meeting", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="invitation_unique")]
        indexes = [models.Index(fields=["user", "reply"], name="invitation_user_idx")]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.user_id}"


class Outcome(models.Model):
    """One typed item of the minutes: information, a decision (会议议定事项) that may become a supervision task, or a
    task with its lead unit and a due date in working days."""

    class OutcomeKind(models.TextChoices):
        INFORMATION = "information", _("通报事项")
        DECISION = "decision", _("议定事项")
        TASK = "task", _("工作任务")

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="outcomes")
    number = models.PositiveSmallIntegerField(_("序号"))
    kind = models.CharField(_("类型"), max_length=12, choices=OutcomeKind.choices)
    text = models.TextField(_("内容"))
    lead_unit = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="+")
    co_units = models.ManyToManyField(Unit, blank=True, related_name="+")
    due_workdays = models.PositiveSmallIntegerField(_("办理时限（工作日）"), null=True, blank=True)
    task = models.ForeignKey("supervision.Task", models.SET_NULL, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("纪要事项")
        verbose_name_plural = _("纪要事项")
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="outcome_unique_number")]

    def __str__(self) -> str:
        return f"{self.meeting_id}-{self.number}"

    @property
    def trackable(self) -> bool:
        return self.kind != self.OutcomeKind.INFORMATION
