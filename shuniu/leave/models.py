"""请销假 (SPEC §7): the leave types and the province table as data, each person's service record, the approval
chain rules, and the requests with their approval steps and 销假."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shuniu.core.models import SingletonConfig, TimeStampedModel


class Counts(models.TextChoices):
    WORKING = "working_days", _("工作日")
    CALENDAR = "calendar_days", _("自然日")


class Kind(models.TextChoices):
    ANNUAL = "annual", _("年休假")
    PERSONAL = "personal", _("事假")
    SICK = "sick", _("病假")
    MARRIAGE = "marriage", _("婚假")
    MATERNITY = "maternity", _("产假")
    PATERNITY = "paternity", _("陪产（护理）假")
    CHILDCARE = "childcare", _("育儿假")
    HOME_VISIT = "home_visit", _("探亲假")
    BUSINESS = "business", _("公出")


class LeaveType(models.Model):
    """A leave type of the province table: how it counts days, how many it gives (per occasion or per year), and
    from how many days a certificate is needed. Edited on the rules page; the Shandong rows are the defaults."""

    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices, unique=True)
    counts = models.CharField(_("计算方式"), max_length=14, choices=Counts.choices)
    days = models.DecimalField(_("假期天数"), max_digits=5, decimal_places=1, null=True, blank=True)
    per_year = models.BooleanField(_("按年度计算额度"), default=False)
    certificate_from = models.DecimalField(_("须提交证明的天数"), max_digits=5, decimal_places=1, null=True, blank=True)
    basis = models.CharField(_("依据"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("假期类型")
        verbose_name_plural = _("假期类型")

    def __str__(self) -> str:
        return self.get_kind_display()


class LeaveVariant(models.Model):
    """A case of a type with its own days (探亲假: 探望配偶 30, 未婚探望父母 20 …; 婚假 with a premarital check 18)."""

    leave_type = models.ForeignKey(LeaveType, on_delete=models.CASCADE, related_name="variants")
    name = models.CharField(_("情形"), max_length=60)
    days = models.DecimalField(_("天数"), max_digits=5, decimal_places=1)
    per_year = models.BooleanField(_("每年一次"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("假期情形")
        verbose_name_plural = _("假期情形")

    def __str__(self) -> str:
        return f"{self.leave_type}·{self.name}"


class LeaveConfig(SingletonConfig):
    """The county's leave rules: the province, the annual-leave tiers of 《职工带薪年休假条例》 and the sick-leave
    bounds of its 第四条, and who is told of a late 销假."""

    province = models.CharField(_("省份"), max_length=20, default="山东省")
    annual_tier1 = models.PositiveSmallIntegerField(_("工作满1年不满10年（工作日）"), default=5)
    annual_tier2 = models.PositiveSmallIntegerField(_("满10年不满20年（工作日）"), default=10)
    annual_tier3 = models.PositiveSmallIntegerField(_("满20年（工作日）"), default=15)
    personal_exclusion_days = models.PositiveSmallIntegerField(_("事假累计天数（达到则当年不享受年休假）"), default=20)
    sick_exclusion_tier1 = models.PositiveSmallIntegerField(_("病假累计天数：满1年不满10年"), default=60)
    sick_exclusion_tier2 = models.PositiveSmallIntegerField(_("病假累计天数：满10年不满20年"), default=90)
    sick_exclusion_tier3 = models.PositiveSmallIntegerField(_("病假累计天数：满20年"), default=120)
    childcare_child_age = models.PositiveSmallIntegerField(_("育儿假子女年龄上限（周岁）"), default=3)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("请销假规则")
        verbose_name_plural = _("请销假规则")


class Approver(models.TextChoices):
    SECTION_HEAD = "section_head", _("科室负责人")
    DEPUTY = "deputy_director", _("分管领导")
    PRINCIPAL = "office_director", _("主要领导")


class ChainRule(models.Model):
    """Who approves a request of up to `max_days` days (of a type, or of every type when blank): the first rule that
    fits, by days; its roles in order. Defaults: ≤1 day 科室负责人, ≤3 days + 分管领导, more + 主要领导."""

    kind = models.CharField(_("假期类型"), max_length=12, choices=Kind.choices, blank=True)
    max_days = models.DecimalField(
        _("天数上限"), max_digits=5, decimal_places=1, null=True, blank=True, help_text=_("空表示不限")
    )
    roles = models.JSONField(_("审批顺序"), default=list)

    class Meta:
        ordering = ["kind", models.F("max_days").asc(nulls_last=True), "id"]
        verbose_name = _("审批规则")
        verbose_name_plural = _("审批规则")

    def __str__(self) -> str:
        return "→".join(self.role_names())

    def role_names(self) -> list[str]:
        labels = dict(Approver.choices)
        return [str(labels.get(r, r)) for r in self.roles]


class Oversight(models.Model):
    """分管: which leader oversees which section (the 分管领导 step of that section's requests)."""

    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="oversees")
    unit = models.OneToOneField("org.Unit", on_delete=models.CASCADE, related_name="overseen_by")

    class Meta:
        verbose_name = _("分管关系")
        verbose_name_plural = _("分管关系")

    def __str__(self) -> str:
        return f"{self.leader}→{self.unit}"


class StaffProfile(TimeStampedModel):
    """A person's record for leave and attendance, kept by the personnel clerk: when cumulative service began
    (previous employers included), service breaks to subtract, the 寒暑假 exclusion, and the clock's 工号."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile")
    service_start = models.DateField(_("参加工作时间"))
    break_months = models.PositiveSmallIntegerField(_("中断工作月数"), default=0, validators=[MaxValueValidator(600)])
    has_school_vacation = models.BooleanField(_("享受寒暑假且多于年休假"), default=False)
    clock_id = models.CharField(_("考勤工号"), max_length=30, blank=True, db_index=True)
    married = models.BooleanField(_("已婚"), default=False)
    youngest_child_birth = models.DateField(_("最小子女出生日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("人员信息")
        verbose_name_plural = _("人员信息")

    def __str__(self) -> str:
        return str(self.user)


class LeaveRequest(TimeStampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("审批中")
        APPROVED = "approved", _("已批准")
        REFUSED = "refused", _("未批准")
        WITHDRAWN = "withdrawn", _("已撤回")
        BACK = "back", _("已销假")

    code = models.CharField(_("编号"), max_length=20, unique=True)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="leave_requests")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    variant = models.ForeignKey(LeaveVariant, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("情形"))
    start_date = models.DateField(_("开始日期"))
    days = models.DecimalField(
        _("天数"), max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    end_date = models.DateField(_("结束日期"))
    return_date = models.DateField(_("应到岗日期"))
    counts = models.CharField(_("计算方式"), max_length=14, choices=Counts.choices)
    reason = models.CharField(_("事由"), max_length=300, blank=True)
    destination = models.CharField(_("去向"), max_length=100, blank=True)
    certificate = models.FileField(_("证明材料"), upload_to="leave/%Y/%m/", blank=True)
    chain = models.JSONField(_("审批顺序"), default=list)
    step = models.PositiveSmallIntegerField(_("审批进度"), default=0)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    status_reason = models.CharField(_("说明"), max_length=300, blank=True)
    provisional = models.BooleanField(_("按周一至周五估算"), default=False)
    back_date = models.DateField(_("销假日期"), null=True, blank=True)
    overdue_flagged = models.DateField(_("逾期未销假提醒日"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["person", "status", "start_date"]),
            models.Index(fields=["status", "start_date", "end_date"]),
        ]
        verbose_name = _("请假申请")
        verbose_name_plural = _("请假申请")
        permissions = [
            ("view_all_leave", "查看全部请假"),
            ("approve_leave", "审批请假"),
            ("manage_staff", "维护人员信息与请销假规则"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("leave:detail", args=[self.code])

    @property
    def next_role(self) -> str:
        return self.chain[self.step] if self.status == self.Status.PENDING and self.step < len(self.chain) else ""

    def covers(self, day: dt.date) -> bool:
        last = self.back_date - dt.timedelta(days=1) if self.back_date else self.end_date
        return self.start_date <= day <= last


class Decision(models.Model):
    """One approval step's decision, with who, when and the opinion."""

    request = models.ForeignKey(LeaveRequest, on_delete=models.CASCADE, related_name="decisions")
    role = models.CharField(_("审批角色"), max_length=20, choices=Approver.choices)
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agreed = models.BooleanField(_("同意"))
    comment = models.CharField(_("意见"), max_length=300, blank=True)
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id}:{self.role}"
