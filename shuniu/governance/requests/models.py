"""Citizen requests (SPEC §9): categories, time limits, the county's rules, requests and their history."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shuniu.core.models import ExtensionBase, SingletonConfig, TimeStampedModel
from shuniu.org.models import Unit


class RequestType(models.TextChoices):
    CONSULT = "consult", _("咨询")
    HELP = "help", _("求助")
    COMPLAINT = "complaint", _("投诉")
    SUGGESTION = "suggestion", _("建议")
    REPORT = "report", _("举报")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("一般")
    URGENT = "urgent", _("紧急")


class Channel(models.TextChoices):
    HOTLINE = "hotline", _("热线电话")
    WEB = "web", _("网站")
    MOBILE = "mobile", _("小程序/移动端")
    DELIBERATION = "deliberation", _("民主议政日")
    EVENING_TALK = "evening_talk", _("百姓夜话")
    VISIT = "visit", _("来访")


class Category(models.Model):
    """A subject of requests (e.g. 物业管理, 占道经营); with the type it picks the time limit."""

    name = models.CharField(_("类别"), max_length=50, unique=True)
    keywords = models.CharField(_("关键词（冷启动派单用，空格分隔）"), max_length=300, blank=True)
    default_unit = models.ForeignKey(
        Unit, verbose_name=_("默认承办单位"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("诉求类别")
        verbose_name_plural = _("诉求类别")

    def __str__(self) -> str:
        return self.name


class TimeLimit(models.Model):
    """Working days to answer, per request type and urgency (SPEC §9: 咨询 1, 求助 3, 投诉/建议 5; urgent same day)."""

    request_type = models.CharField(_("诉求类型"), max_length=12, choices=RequestType.choices)
    urgency = models.CharField(_("紧急程度"), max_length=8, choices=Urgency.choices)
    working_days = models.PositiveSmallIntegerField(_("办理时限（工作日，0为当日）"))

    class Meta:
        ordering = ["request_type", "urgency"]
        verbose_name = _("办理时限")
        verbose_name_plural = _("办理时限")
        constraints = [models.UniqueConstraint(fields=["request_type", "urgency"], name="time_limit_unique")]

    def __str__(self) -> str:
        return f"{self.get_request_type_display()} {self.get_urgency_display()} {self.working_days}"


DEFAULT_LIMITS = {
    (RequestType.CONSULT, Urgency.NORMAL): 1,
    (RequestType.HELP, Urgency.NORMAL): 3,
    (RequestType.COMPLAINT, Urgency.NORMAL): 5,
    (RequestType.SUGGESTION, Urgency.NORMAL): 5,
    (RequestType.REPORT, Urgency.NORMAL): 5,
    **{(t, Urgency.URGENT): 0 for t in RequestType},
}


class GovernanceConfig(SingletonConfig):
    """The county's rules for requests (one row): escalation and the weights of the three rates."""

    escalate_overdue_days = models.PositiveSmallIntegerField(_("超期多少个工作日升级为督办"), default=3)
    escalate_unsatisfied = models.PositiveSmallIntegerField(_("不满意多少次升级为督办"), default=2)
    duplicate_window_days = models.PositiveSmallIntegerField(_("重复诉求识别天数"), default=30)
    accept_days = models.PositiveSmallIntegerField(_("签收时限（工作日，计入响应率）"), default=1)
    escalated_task_days = models.PositiveSmallIntegerField(_("升级督办事项的办理时限（工作日）"), default=10)
    mediation_days = models.PositiveSmallIntegerField(_("调解案件办结时限（天）"), default=30)
    surge_ratio = models.DecimalField(
        _("激增倍数（对比前四周周均）"), max_digits=4, decimal_places=1, default=Decimal("2.0")
    )
    surge_min_count = models.PositiveSmallIntegerField(_("激增最少件数"), default=5)
    partly_factor = models.DecimalField(
        _("解决率中“部分解决”的折算系数"), max_digits=3, decimal_places=2, default=Decimal("0.50")
    )
    basic_factor = models.DecimalField(
        _("满意率中“基本满意”的折算系数"), max_digits=3, decimal_places=2, default=Decimal("0.80")
    )
    weight_response = models.DecimalField(_("响应率权重"), max_digits=4, decimal_places=2, default=Decimal("0.10"))
    weight_resolution = models.DecimalField(_("解决率权重"), max_digits=4, decimal_places=2, default=Decimal("0.45"))
    weight_satisfaction = models.DecimalField(_("满意率权重"), max_digits=4, decimal_places=2, default=Decimal("0.45"))
    suggest_threshold = models.DecimalField(
        _("派单建议置信度阈值（低于此值提示人工判断）"), max_digits=3, decimal_places=2, default=Decimal("0.50")
    )

    class Meta:
        verbose_name = _("基层治理规则")
        verbose_name_plural = _("基层治理规则")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="governance_config_single_row")]

    def __str__(self) -> str:
        return str(_("基层治理规则"))

    @classmethod
    def current(cls) -> GovernanceConfig:
        config: GovernanceConfig = super().current()
        return config


class CitizenRequest(TimeStampedModel):
    """A citizen's request (诉求工单). Phone and ID number are stored encrypted; `phone_index` finds equal phones."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("已受理")
        DISPATCHED = "dispatched", _("已派单")
        ACCEPTED = "accepted", _("办理中")
        RETURNED = "returned", _("已退单")
        REPLIED = "replied", _("已答复")
        CALLED_BACK = "called_back", _("已回访")
        CLOSED = "closed", _("已办结")
        ARCHIVED = "archived", _("已归档")
        REJECTED = "rejected", _("不予受理")

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", _("满意")
        BASIC = "basic", _("基本满意")
        UNSATISFIED = "unsatisfied", _("不满意")

    class Resolution(models.TextChoices):
        RESOLVED = "resolved", _("已解决")
        PARTLY = "partly", _("部分解决")
        NOT = "not", _("未解决")

    # Unique through Meta.constraints: PostgreSQL then builds one index each, without the LIKE index that
    # `unique=True` adds (every index is paid for on each intake).
    code = models.CharField(_("编号"), max_length=20, editable=False)
    tracking_code = models.CharField(_("查询码"), max_length=12, editable=False)
    channel = models.CharField(_("渠道"), max_length=15, choices=Channel.choices)
    request_type = models.CharField(_("诉求类型"), max_length=12, choices=RequestType.choices)
    category = models.ForeignKey(
        Category, verbose_name=_("类别"), null=True, blank=True, on_delete=models.PROTECT, db_index=False
    )
    urgency = models.CharField(_("紧急程度"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL)
    title = models.CharField(_("标题"), max_length=200)
    content = models.TextField(_("诉求内容"))
    citizen_name = models.CharField(_("诉求人"), max_length=50, blank=True)
    phone_encrypted = models.TextField(blank=True, editable=False)
    phone_index = models.CharField(max_length=64, blank=True, editable=False)
    phone_last4 = models.CharField(max_length=4, blank=True, editable=False)
    phone_masked = models.CharField(_("联系电话"), max_length=20, blank=True, editable=False)
    id_number_encrypted = models.TextField(blank=True, editable=False)
    anonymous = models.BooleanField(_("匿名"), default=False)
    town = models.ForeignKey(
        Unit,
        verbose_name=_("乡镇街道/村社区/网格"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    address = models.CharField(_("地点"), max_length=200, blank=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    handling_unit = models.ForeignKey(  # indexed first in (handling_unit, status, due_date)
        Unit,
        verbose_name=_("承办单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests",
        db_index=False,
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    dispatched_at = models.DateTimeField(_("派单时间"), null=True, blank=True)
    due_date = models.DateField(_("办理期限"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    accepted_in_time = models.BooleanField(_("按时签收"), null=True, blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    reply = models.TextField(_("答复内容"), blank=True)
    reply_published = models.BooleanField(_("公开答复"), default=False)
    satisfaction = models.CharField(_("满意度"), max_length=12, choices=Satisfaction.choices, blank=True)
    resolution = models.CharField(_("解决情况"), max_length=10, choices=Resolution.choices, blank=True)
    called_back_at = models.DateTimeField(_("回访时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    status_reason = models.CharField(_("理由"), max_length=300, blank=True)
    redirect_advice = models.CharField(_("建议途径"), max_length=300, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("重办次数"), default=0)
    unsatisfied_count = models.PositiveSmallIntegerField(_("不满意次数"), default=0)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("重复于"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        db_index=False,
    )
    escalated_task = models.ForeignKey(
        "supervision.Task",
        verbose_name=_("督办事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="citizen_requests",
        db_index=False,
    )
    flagged_by_leader = models.BooleanField(_("领导批示督办"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("诉求工单")
        verbose_name_plural = _("诉求工单")
        permissions = [
            ("dispatch_request", _("受理、派单、回访、办结诉求")),
            ("handle_request", _("以承办单位身份签收、答复诉求")),
            ("view_all_requests", _("查看全部诉求")),
            ("view_personal_data", _("查看诉求人完整联系方式")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["code"], name="request_code_unique"),
            models.UniqueConstraint(fields=["tracking_code"], name="request_tracking_code_unique"),
        ]
        indexes = [
            models.Index(fields=["phone_index", "created_at"], name="request_phone_idx"),
            # The portal's "latest answers": the few published ones, newest first.
            models.Index(
                fields=["-replied_at"], name="request_published_idx", condition=models.Q(reply_published=True)
            ),
            # Optional links, indexed only where set (most requests have none of them: nothing to write at intake).
            *(
                models.Index(
                    fields=[name], name=f"request_{name}_idx", condition=models.Q(**{f"{name}__isnull": False})
                )
                for name in ("category", "town", "duplicate_of", "escalated_task")
            ),
            models.Index(fields=["handling_unit", "status", "due_date"]),
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["status", "-created_at", "-id"], name="request_status_newest_idx"),  # operator lists
            # Receipt time, with the category beside it: the weekly surge counts read the index alone.
            models.Index(fields=["created_at"], include=["category"], name="request_created_idx"),
            # Covers the monthly three-rate aggregate: PostgreSQL answers it from the index alone.
            models.Index(
                fields=["dispatched_at", "handling_unit"],
                include=["accepted_in_time", "satisfaction", "resolution"],
                name="request_rates_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("governance:request-detail", args=[self.code])


class Attachment(models.Model):
    """A photo or file a citizen or unit added to a request."""

    request = models.ForeignKey(CitizenRequest, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to="governance/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.name


class Extension(ExtensionBase):
    """A unit's request for more time on a citizen request, asked before the deadline."""

    request = models.ForeignKey(CitizenRequest, on_delete=models.CASCADE, related_name="extensions")

    class Meta(ExtensionBase.Meta):
        verbose_name = _("诉求延期申请")
        verbose_name_plural = _("诉求延期申请")

    def __str__(self) -> str:
        return f"{self.request_id} → {self.requested_due_date}"


class Dispatch(models.Model):
    """Every dispatch of a request to a unit: the history the suggestion model learns from."""

    request = models.ForeignKey(CitizenRequest, on_delete=models.CASCADE, related_name="dispatches")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    dispatched_at = models.DateTimeField(auto_now_add=True)
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    returned = models.BooleanField(_("被退回"), default=False)
    return_reason = models.CharField(_("退单理由"), max_length=300, blank=True)

    class Meta:
        ordering = ["dispatched_at", "id"]
        verbose_name = _("派单记录")
        verbose_name_plural = _("派单记录")

    def __str__(self) -> str:
        return f"{self.request_id} → {self.unit_id}"
