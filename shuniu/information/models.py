"""信息报送 (SPEC §4): submissions and their edited versions, commissioned topics (约稿), adoptions and leaders'
批示 with their points, urgent events with their timed reports, and numbered periodicals."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shuniu.core.models import SingletonConfig, TimeStampedModel
from shuniu.org.models import Unit


class Level(models.TextChoices):
    """Where an item was adopted or a 批示 came from (API codes in English)."""

    COUNTY = "county", _("县委办刊物")
    CITY = "city", _("市委办")
    PROVINCE = "province", _("省委办")
    CENTRAL = "central", _("中办")


class InformationConfig(SingletonConfig):
    """The 信息科's rules (data; every change is audited): points per adoption level and per 批示 level, the 2024 rule
    against formalism, the urgent-information limits and the daily 续报 slots."""

    points_county = models.PositiveSmallIntegerField(_("县委办刊物采用分"), default=5)
    points_city = models.PositiveSmallIntegerField(_("市委办采用分"), default=10)
    points_province = models.PositiveSmallIntegerField(_("省委办采用分"), default=20)
    points_central = models.PositiveSmallIntegerField(_("中办采用分"), default=50)
    instruction_county = models.PositiveSmallIntegerField(_("县领导批示加分"), default=10)
    instruction_city = models.PositiveSmallIntegerField(_("市领导批示加分"), default=30)
    instruction_province = models.PositiveSmallIntegerField(_("省领导批示加分"), default=40)
    instruction_central = models.PositiveSmallIntegerField(_("中央领导批示加分"), default=50)
    keep_points_out_of_assessment = models.BooleanField(
        _("批示和采用积分不计入督查考核"),
        default=True,
        help_text=_(
            "《整治形式主义为基层减负若干规定》（2024年）：不得以领导批示、信息采用数量作为考核评价的依据。"
            "积分仅作信息科内部激励。"
        ),
    )
    assessment_rate = models.DecimalField(
        _("每积分折合考核分"),
        max_digits=4,
        decimal_places=2,
        default=0.05,
        help_text=_("仅在关闭上一条规则时使用：积分按此折算后计入督查考核年度得分。"),
    )
    assessment_cap = models.DecimalField(_("信息积分加分上限"), max_digits=4, decimal_places=1, default=5)
    follow_up_slots = models.CharField(_("每日续报时点"), max_length=60, default="08:00,17:00")
    issuer = models.CharField(_("刊物编印单位"), max_length=60, default="中共示范县委办公室")
    duplicate_days = models.PositiveSmallIntegerField(_("跨单位雷同比对天数"), default=30)

    class Meta:
        verbose_name = _("信息报送规则")
        verbose_name_plural = _("信息报送规则")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="information_config_single_row")]

    def __str__(self) -> str:
        return str(_("信息报送规则"))

    def adoption_points(self, level: str) -> int:
        return int(getattr(self, f"points_{level}"))

    def instruction_points(self, level: str) -> int:
        return int(getattr(self, f"instruction_{level}"))


class MustReportType(models.Model):
    """九个必报 (SPEC §4), a configurable list."""

    name = models.CharField(_("必报类型"), max_length=40, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("必报类型")
        verbose_name_plural = _("必报类型")

    def __str__(self) -> str:
        return self.name


class Commission(TimeStampedModel):
    """约稿: the 信息科 asks named units for information on a topic by a due date (working days)."""

    code = models.CharField(_("编号"), max_length=20, unique=True)
    topic = models.CharField(_("约稿主题"), max_length=200)
    description = models.TextField(_("要求"), blank=True)
    due_date = models.DateField(_("截止日期"))
    units = models.ManyToManyField(Unit, verbose_name=_("约稿单位"), related_name="info_commissions")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("发起人")
    )
    last_reminded_on = models.DateField(_("最近催报日期"), null=True, blank=True)

    class Meta:
        ordering = ["-due_date", "-id"]
        verbose_name = _("约稿")
        verbose_name_plural = _("约稿")

    def __str__(self) -> str:
        return f"{self.code} {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("information:commission", args=[self.code])


class InfoItem(TimeStampedModel):
    class Category(models.TextChoices):
        NEWS = "news", _("动态")
        EXPERIENCE = "experience", _("经验做法")
        PROBLEM = "problem", _("问题建议")
        URGENT = "urgent", _("紧急信息")
        OPINION = "opinion", _("舆情")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已报送")
        EDITING = "editing", _("编辑中")
        ADOPTED = "adopted", _("已采用")
        RETURNED = "returned", _("已退回")
        ARCHIVED = "archived", _("存档不用")

    code = models.CharField(_("编号"), max_length=20, unique=True)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="info_items", verbose_name=_("报送单位"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="info_items",
        verbose_name=_("报送人"),
    )
    category = models.CharField(_("类别"), max_length=12, choices=Category.choices, default=Category.NEWS)
    must_report_type = models.ForeignKey(
        MustReportType, models.PROTECT, null=True, blank=True, related_name="items", verbose_name=_("必报类型")
    )
    event_time = models.DateTimeField(_("事件时间"), null=True, blank=True)
    commission = models.ForeignKey(
        Commission, models.SET_NULL, null=True, blank=True, related_name="replies", verbose_name=_("所属约稿")
    )
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    status_reason = models.CharField(_("退回或不用的理由"), max_length=300, blank=True)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    points = models.PositiveIntegerField(_("积分"), default=0)  # the sum of its adoptions and 批示, kept with them
    fingerprint = models.TextField(blank=True, editable=False)  # its jieba words at submission (similar.py)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("信息")
        verbose_name_plural = _("信息")
        permissions = [
            ("view_all_info", _("查看全部信息")),
            ("submit_info", _("报送信息")),
            ("edit_info", _("编辑采用信息（信息科）")),
            ("instruct_info", _("批示信息")),
            ("view_urgent_board", _("查看紧急信息看板")),
        ]
        indexes = [
            models.Index(fields=["status", "category", "submitted_at"], name="info_inbox_idx"),
            models.Index(fields=["unit", "submitted_at"], name="info_unit_idx"),
            models.Index(fields=["submitted_at", "id"], name="info_submitted_idx"),
            # a tally's recount (`tallies`): one officer's items sent in a month
            models.Index(fields=["unit", "author", "submitted_at", "status"], name="info_tally_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("information:item", args=[self.code])


class InfoVersion(models.Model):
    """Every text an item had: the submitter's, then each edit of the 信息科 (who and when)."""

    item = models.ForeignKey(InfoItem, models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("版本"))
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("信息版本")
        verbose_name_plural = _("信息版本")
        ordering = ["item", "number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="info_version_unique")]

    def __str__(self) -> str:
        return f"{self.item_id} v{self.number}"


class InfoAttachment(models.Model):
    item = models.ForeignKey(InfoItem, models.CASCADE, related_name="attachments")
    file = models.FileField(_("附件"), upload_to="information/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("信息附件")
        verbose_name_plural = _("信息附件")

    def __str__(self) -> str:
        return self.name


class Periodical(models.Model):
    name = models.CharField(_("刊物名称"), max_length=40, unique=True)  # 信息快报, 每日要情
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("刊物")
        verbose_name_plural = _("刊物")

    def __str__(self) -> str:
        return self.name


class PointsEntry(models.Model):
    """What earns an item points (an adoption, a 批示): its level, the points fixed from the rules in force when it
    was recorded and the rule's text. The item's unit and author are copied (an item never changes unit), so the
    rankings group points from an index without a join; `moment_field` names when it happened."""

    moment_field: ClassVar[str]
    item = models.ForeignKey(InfoItem, models.CASCADE, related_name="%(class)ss")
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", null=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    points = models.PositiveSmallIntegerField(_("积分"))
    rule = models.CharField(_("计分规则"), max_length=120)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")

    class Meta:
        abstract = True


class Adoption(PointsEntry):
    """采用 at a level, in a named periodical."""

    moment_field = "adopted_at"
    periodical = models.CharField(_("刊物"), max_length=60)
    adopted_at = models.DateTimeField(_("采用时间"))

    class Meta:
        verbose_name = _("采用")
        verbose_name_plural = _("采用")
        ordering = ["adopted_at", "id"]
        indexes = [models.Index(fields=["unit", "author", "adopted_at", "points"], name="info_adoption_tally_idx")]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.periodical}"


class Instruction(PointsEntry):
    """A leader's 批示 on an item."""

    moment_field = "created_at"
    leader = models.CharField(_("批示领导"), max_length=50)
    text = models.TextField(_("批示内容"))
    created_at = models.DateTimeField(_("批示时间"))

    class Meta:
        verbose_name = _("批示")
        verbose_name_plural = _("批示")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["unit", "author", "created_at", "points"], name="info_instruction_tally_idx")]

    def __str__(self) -> str:
        return f"{self.leader} {self.get_level_display()}"


POINT_SOURCES: tuple[type[PointsEntry], ...] = (Adoption, Instruction)


class InfoTally(models.Model):
    """One unit's and officer's month (Asia/Shanghai) for the rankings: items sent, how many of them were adopted,
    the points recorded. Recounted from the items by `shuniu.information.tallies`, never edited by hand."""

    month = models.DateField()  # the first day
    unit = models.ForeignKey(Unit, models.CASCADE, related_name="+")
    author_key = models.PositiveIntegerField(default=0)  # the officer's user id, 0 when the account is gone
    submitted = models.PositiveIntegerField(default=0)
    adopted = models.PositiveIntegerField(default=0)
    points = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("月度积分汇总")
        verbose_name_plural = _("月度积分汇总")
        constraints = [
            models.UniqueConstraint(fields=["month", "unit", "author_key"], name="info_tally_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.unit_id}/{self.author_key}"


class PeriodicalIssue(TimeStampedModel):
    """One numbered issue (2026年第N期): compiled in the editor's order, frozen when issued."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("编排中")
        ISSUED = "issued", _("已印发")

    periodical = models.ForeignKey(Periodical, models.PROTECT, related_name="issues", verbose_name=_("刊物"))
    year = models.PositiveSmallIntegerField(_("年份"))
    number = models.PositiveIntegerField(_("期号"), null=True, blank=True)  # given at issue, gap-free
    correction = models.PositiveSmallIntegerField(_("更正次数"), default=0)  # a re-issue keeps the number
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    issued_at = models.DateTimeField(_("印发时间"), null=True, blank=True)
    frozen = models.JSONField(_("印发内容"), default=list, blank=True)  # [{code, title, body, unit}] at issue
    docx = models.FileField(_("文件"), upload_to="information/issues/", blank=True)
    corrects = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="corrections", verbose_name=_("更正的期次")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("刊物期次")
        verbose_name_plural = _("刊物期次")
        ordering = ["-year", "-number", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["periodical", "year", "number", "correction"], name="info_issue_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"《{self.periodical.name}》{self.label}"

    @property
    def label(self) -> str:
        if self.number is None:
            return str(_("（编排中）"))
        label = str(_("%(y)s年第%(n)s期") % {"y": self.year, "n": self.number})
        return label + (str(_("（更正%(c)s）") % {"c": self.correction}) if self.correction else "")

    def get_absolute_url(self) -> str:
        return reverse("information:issue", args=[self.pk])


class IssueEntry(models.Model):
    issue = models.ForeignKey(PeriodicalIssue, models.CASCADE, related_name="entries")
    item = models.ForeignKey(InfoItem, models.PROTECT, related_name="issue_entries")
    position = models.PositiveSmallIntegerField(_("顺序"))

    class Meta:
        verbose_name = _("刊发信息")
        verbose_name_plural = _("刊发信息")
        ordering = ["issue", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["issue", "item"], name="info_issue_entry_unique")]

    def __str__(self) -> str:
        return f"{self.issue_id}:{self.position}"


class SimilarFlag(models.Model):
    """A fabrication-guard flag for the editor: a near-duplicate from another unit, or a near-copy of published text."""

    class Kind(models.TextChoices):
        CROSS_UNIT = "cross_unit", _("跨单位雷同")
        PUBLISHED = "published", _("与已刊用信息雷同")

    item = models.ForeignKey(InfoItem, models.CASCADE, related_name="similar_flags")
    other = models.ForeignKey(InfoItem, models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    score = models.DecimalField(max_digits=4, decimal_places=3)

    class Meta:
        verbose_name = _("雷同提示")
        verbose_name_plural = _("雷同提示")
        constraints = [models.UniqueConstraint(fields=["item", "other"], name="info_similar_unique")]

    def __str__(self) -> str:
        return f"{self.item_id}~{self.other_id}"


class UrgentEvent(TimeStampedModel):
    """One emergency with its 首报, 续报 and 终报; its deadlines are stored rows (`UrgentDeadline`)."""

    class UrgentLevel(models.TextChoices):
        ESPECIALLY_MAJOR = "especially_major", _("特别重大")
        MAJOR = "major", _("重大")
        LARGE = "large", _("较大")
        GENERAL = "general", _("一般")

    code = models.CharField(_("编号"), max_length=20, unique=True)
    title = models.CharField(_("事件名称"), max_length=200)
    level = models.CharField(_("等级"), max_length=20, choices=UrgentLevel.choices)
    occurred_at = models.DateTimeField(_("发生时间"))
    place = models.CharField(_("地点"), max_length=200)
    summary = models.TextField(_("简要情况"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="urgent_events", verbose_name=_("报告单位"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    closed_at = models.DateTimeField(_("终报时间"), null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("紧急信息事件")
        verbose_name_plural = _("紧急信息事件")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("information:event", args=[self.code])


class UrgentLimit(models.Model):
    """Phone and written limits in minutes from the event time, per level (SPEC §4; counties set stricter ones)."""

    level = models.CharField(_("等级"), max_length=20, choices=UrgentEvent.UrgentLevel.choices, unique=True)
    phone_minutes = models.PositiveIntegerField(_("电话报告时限（分钟）"), null=True, blank=True)
    written_minutes = models.PositiveIntegerField(_("书面报告时限（分钟）"))

    class Meta:
        verbose_name = _("紧急信息时限")
        verbose_name_plural = _("紧急信息时限")

    def __str__(self) -> str:
        return self.get_level_display()


class UrgentReport(models.Model):
    class Kind(models.TextChoices):
        INITIAL = "initial", _("首报")
        FOLLOW_UP = "follow_up", _("续报")
        FINAL = "final", _("终报")

    class Channel(models.TextChoices):
        PHONE = "phone", _("电话")
        WRITTEN = "written", _("书面")

    event = models.ForeignKey(UrgentEvent, models.CASCADE, related_name="reports")
    kind = models.CharField(_("报告类型"), max_length=10, choices=Kind.choices)
    channel = models.CharField(_("方式"), max_length=8, choices=Channel.choices)
    sent_at = models.DateTimeField(_("报送时间"))
    text = models.TextField(_("内容"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("紧急信息报告")
        verbose_name_plural = _("紧急信息报告")
        ordering = ["sent_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.get_channel_display()}）"


class UrgentDeadline(models.Model):
    """A limit the event must meet: the phone and written 首报, each daily 续报 slot until 终报. `late` is stored the
    moment the limit passes without its report (by `check_urgent_clocks` or the next read), never recomputed."""

    event = models.ForeignKey(UrgentEvent, models.CASCADE, related_name="deadlines")
    kind = models.CharField(max_length=10, choices=UrgentReport.Kind.choices)
    channel = models.CharField(max_length=8, choices=UrgentReport.Channel.choices)
    due_at = models.DateTimeField(_("时限"))
    met_by = models.ForeignKey(UrgentReport, models.SET_NULL, null=True, blank=True, related_name="+")
    late = models.BooleanField(_("超时"), default=False)
    late_marked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("报告时限")
        verbose_name_plural = _("报告时限")
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "kind", "channel", "due_at"], name="urgent_deadline_unique")
        ]
        indexes = [models.Index(fields=["late", "due_at"], name="urgent_deadline_open_idx")]

    def __str__(self) -> str:
        return f"{self.event_id} {self.kind}/{self.channel} {self.due_at:%Y-%m-%d %H:%M}"
