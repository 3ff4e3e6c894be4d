from __future__ import annotations

import uuid
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


class ParticipationEvent(TimeStampedModel):
    """A 民主议政日 or 百姓夜话: where citizens raise matters face to face; results are published."""

    class Kind(models.TextChoices):
        DELIBERATION = "deliberation", _("民主议政日")
        EVENING_TALK = "evening_talk", _("百姓夜话")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("类型"), max_length=15, choices=Kind.choices)
    title = models.CharField(_("主题"), max_length=200)
    held_on = models.DateField(_("日期"))
    town = models.ForeignKey(
        Unit, verbose_name=_("乡镇街道"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(_("地点"), max_length=200)
    hosts = models.CharField(_("主持人"), max_length=200, blank=True)
    participants = models.CharField(_("参加人员"), max_length=500, blank=True)
    minutes = models.TextField(_("会议纪要"), blank=True)
    published = models.BooleanField(_("在门户公开结果"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("议事活动")
        verbose_name_plural = _("议事活动")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("governance:event-detail", args=[self.code])


class EventItem(models.Model):
    """A matter raised at an event; it becomes a request or a supervision task in one action."""

    event = models.ForeignKey(ParticipationEvent, on_delete=models.CASCADE, related_name="items")
    content = models.TextField(_("群众提出的事项"))
    raised_by = models.CharField(_("提出人"), max_length=50, blank=True)
    outcome = models.TextField(_("办理结果（公开）"), blank=True)
    request = models.ForeignKey(CitizenRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    task = models.ForeignKey("supervision.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["id"]
        verbose_name = _("议事事项")
        verbose_name_plural = _("议事事项")

    def __str__(self) -> str:
        return self.content[:40]


class LegalWorker(TimeStampedModel):
    """法律顾问, 调解员, 法律明白人 and 法治带头人, by village."""

    class Role(models.TextChoices):
        ADVISER = "adviser", _("法律顾问")
        MEDIATOR = "mediator", _("调解员")
        LEGAL_LITERATE = "literate", _("法律明白人")
        LEADER = "leader", _("法治带头人")

    name = models.CharField(_("姓名"), max_length=50)
    role = models.CharField(_("身份"), max_length=10, choices=Role.choices)
    village = models.ForeignKey(Unit, verbose_name=_("村/社区"), on_delete=models.PROTECT, related_name="+")
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_active = models.BooleanField(_("在册"), default=True)

    class Meta:
        ordering = ["village__path", "role", "name"]
        verbose_name = _("法律服务人员")
        verbose_name_plural = _("法律服务人员")

    def __str__(self) -> str:
        return f"{self.name}（{self.get_role_display()}）"


class MediationCase(TimeStampedModel):
    """A people's mediation case (人民调解): normally closed within one month."""

    class DisputeType(models.TextChoices):
        NEIGHBOUR = "neighbour", _("邻里纠纷")
        FAMILY = "family", _("婚姻家庭纠纷")
        LAND = "land", _("土地承包纠纷")
        LABOUR = "labour", _("劳动争议")
        PROPERTY = "property", _("物业纠纷")
        OTHER = "other", _("其他纠纷")

    class Status(models.TextChoices):
        OPEN = "open", _("调解中")
        SUCCEEDED = "succeeded", _("调解成功")
        FAILED = "failed", _("调解不成")
        WITHDRAWN = "withdrawn", _("撤回")

    code = models.CharField(_("案号"), max_length=20, unique=True, editable=False)
    applicant = models.CharField(_("申请人"), max_length=100)
    respondent = models.CharField(_("被申请人"), max_length=100)
    dispute_type = models.CharField(_("纠纷类型"), max_length=12, choices=DisputeType.choices)
    facts = models.TextField(_("纠纷事实"))
    mediator = models.ForeignKey(LegalWorker, verbose_name=_("调解员"), on_delete=models.PROTECT, related_name="cases")
    village = models.ForeignKey(
        Unit, verbose_name=_("村/社区"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_on = models.DateField(_("受理日期"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    agreement = models.TextField(_("协议内容"), blank=True)
    request = models.ForeignKey(CitizenRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("调解案件")
        verbose_name_plural = _("调解案件")
        permissions = [("mediate_case", _("办理本村（社区）调解案件"))]

    def __str__(self) -> str:
        return f"{self.code} {self.applicant}与{self.respondent}"

    def get_absolute_url(self) -> str:
        return reverse("governance:mediation-detail", args=[self.code])


class MediationSession(models.Model):
    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("日期"))
    notes = models.TextField(_("调解经过"))

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = _("调解记录")
        verbose_name_plural = _("调解记录")

    def __str__(self) -> str:
        return f"{self.case_id} {self.held_on}"


STAR_HOURS = (100, 300, 600, 1000, 1500)


class Volunteer(TimeStampedModel):
    """A registered volunteer; the star level follows the hours served (100/300/600/1000/1500)."""

    name = models.CharField(_("姓名"), max_length=50)
    phone_encrypted = models.TextField(blank=True, editable=False)
    phone_index = models.CharField(max_length=64, db_index=True, editable=False)
    phone_masked = models.CharField(_("联系电话"), max_length=20, editable=False)
    organization = models.ForeignKey(
        Unit, verbose_name=_("所属组织"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    skills = models.CharField(_("技能特长"), max_length=200, blank=True)
    hours = models.DecimalField(_("服务时长（小时）"), max_digits=8, decimal_places=1, default=Decimal(0))

    class Meta:
        ordering = ["-hours", "name"]
        verbose_name = _("志愿者")
        verbose_name_plural = _("志愿者")
        permissions = [("manage_volunteers", _("管理志愿服务"))]

    def __str__(self) -> str:
        return self.name

    @property
    def stars(self) -> int:
        return sum(1 for threshold in STAR_HOURS if self.hours >= threshold)


class VolunteerActivity(TimeStampedModel):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("活动名称"), max_length=200)
    held_on = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=200)
    capacity = models.PositiveSmallIntegerField(_("招募人数"), default=20)
    description = models.TextField(_("活动内容"), blank=True)
    published = models.BooleanField(_("在门户发布"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("志愿活动")
        verbose_name_plural = _("志愿活动")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:volunteer-activity", args=[self.code])


class Signup(models.Model):
    activity = models.ForeignKey(VolunteerActivity, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="signups")
    created_at = models.DateTimeField(auto_now_add=True)
    hours = models.DecimalField(_("服务时长"), max_digits=5, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        constraints = [models.UniqueConstraint(fields=["activity", "volunteer"], name="signup_once")]

    def __str__(self) -> str:
        return f"{self.volunteer} → {self.activity}"


class HotWords(models.Model):
    """Computed hot words of one date window (the most mentioned words in request titles), kept so that the office's
    page and the API read them in one query; `refresh_hot_words` (hourly) recomputes this week's and month's."""

    start = models.DateField(_("起始日"))
    end = models.DateField(_("截止日"))
    computed_at = models.DateTimeField(_("计算时间"))
    words = models.JSONField(_("热词"), default=list)

    class Meta:
        verbose_name = _("热词统计")
        verbose_name_plural = _("热词统计")
        constraints = [models.UniqueConstraint(fields=["start", "end"], name="hot_words_window_unique")]

    def __str__(self) -> str:
        return f"{self.start}–{self.end}"
