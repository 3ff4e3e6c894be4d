"""办文 (SPEC §6): incoming documents along 第二十四条 (签收 → 登记 → 初审 → 承办 → 传阅 → 催办 → 办结 → 归档), outgoing
documents along 拟稿 → 部门审核 → 办公室核稿 → 领导签发 → 编号 → 用印 → 分发 → 归档 with every body kept as a version,
and the 文号 ledger: one gap-free counter per prefix and year, every number used or voided with its reasons."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shuniu.core.models import SingletonConfig, TimeStampedModel
from shuniu.org.models import Unit


class DocType(models.TextChoices):
    """The 15 kinds of 公文 of the regulation's 第八条."""

    RESOLUTION = "resolution", _("决议")
    DECISION = "decision", _("决定")
    ORDER = "order", _("命令（令）")
    COMMUNIQUE = "communique", _("公报")
    ANNOUNCEMENT = "announcement", _("公告")
    PUBLIC_NOTICE = "public_notice", _("通告")
    OPINION = "opinion", _("意见")
    NOTICE = "notice", _("通知")
    CIRCULAR = "circular", _("通报")
    REPORT = "report", _("报告")
    REQUEST = "request", _("请示")
    REPLY = "reply", _("批复")
    MOTION = "motion", _("议案")
    LETTER = "letter", _("函")
    MINUTES = "minutes", _("纪要")


class Urgency(models.TextChoices):
    """紧急程度 of a 公文 (GB/T 9704 §7.2.3): 特急 or 加急, or none. 特提 and 平急 are telegram levels."""

    NONE = "", _("无")
    EXPEDITED = "jiaji", _("加急")
    EXTRA = "teji", _("特急")


class Direction(models.TextChoices):
    DOWN = "down", _("下行文")
    LEVEL = "level", _("平行文")
    UP = "up", _("上行文")


class DocumentConfig(SingletonConfig):
    """The office's time limits for incoming documents, in working days by urgency (defaults 3 / 5 / 15)."""

    limit_extra = models.PositiveSmallIntegerField(_("特急件办理时限（工作日）"), default=3)
    limit_expedited = models.PositiveSmallIntegerField(_("加急件办理时限（工作日）"), default=5)
    limit_normal = models.PositiveSmallIntegerField(_("普通件办理时限（工作日）"), default=15)
    max_attachment_mb = models.PositiveSmallIntegerField(_("附件大小上限（MB）"), default=20)
    receipt_prefix = models.CharField(_("收文号前缀"), max_length=20, default="收")

    class Meta:
        verbose_name = _("办文规则")
        verbose_name_plural = _("办文规则")

    def limit_for(self, urgency: str) -> int:
        return {Urgency.EXTRA: self.limit_extra, Urgency.EXPEDITED: self.limit_expedited}.get(
            urgency,  # type: ignore[call-overload]
            self.limit_normal,
        )


class DocPrefix(TimeStampedModel):
    """A 发文字号 prefix (机关代字 + kind, e.g. 示委办发) of an issuing organ, with its 版头 and its principal."""

    prefix = models.CharField(_("发文字号前缀"), max_length=20, unique=True)
    issuer = models.CharField(_("发文机关"), max_length=60, help_text=_("署名用的全称，如 中共示范县委办公室"))
    mark = models.CharField(_("发文机关标志"), max_length=60, help_text=_("版头，如 中共示范县委办公室文件"))
    unit = models.ForeignKey(Unit, verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="+")
    principal = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("机关主要负责人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["prefix"]
        verbose_name = _("发文字号")
        verbose_name_plural = _("发文字号")

    def __str__(self) -> str:
        return self.prefix


def number_text(prefix: str, year: int, seq: int) -> str:
    """示委办发〔2026〕12号: six-sided brackets, no 第, no leading zeros (GB/T 9704 §7.2.4)."""
    return f"{prefix}〔{year}〕{seq}号"


class DocNumber(models.Model):
    """One number of the ledger. Never deleted: used by a document, or voided with reason, person, time and
    approver (作废待批 until the approver decides)."""

    class Status(models.TextChoices):
        USED = "used", _("已使用")
        VOID_PENDING = "void_pending", _("作废待批")
        VOIDED = "voided", _("已作废")

    prefix = models.ForeignKey(DocPrefix, on_delete=models.PROTECT, related_name="numbers")
    year = models.PositiveSmallIntegerField(_("年度"))
    seq = models.PositiveIntegerField(_("顺序号"))
    status = models.CharField(_("状态"), max_length=14, choices=Status.choices, default=Status.USED)
    outgoing = models.ForeignKey(
        "Outgoing", verbose_name=_("公文"), null=True, blank=True, on_delete=models.PROTECT, related_name="numbers"
    )
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(_("编号时间"), auto_now_add=True)
    void_reason = models.CharField(_("作废理由"), max_length=300, blank=True)
    void_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    void_requested_at = models.DateTimeField(_("申请作废时间"), null=True, blank=True)
    void_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    voided_at = models.DateTimeField(_("作废时间"), null=True, blank=True)

    class Meta:
        ordering = ["prefix", "-year", "seq"]
        constraints = [models.UniqueConstraint(fields=["prefix", "year", "seq"], name="docnumber_unique")]
        verbose_name = _("文号")
        verbose_name_plural = _("文号台账")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return number_text(self.prefix.prefix, self.year, self.seq)


class Outgoing(TimeStampedModel):
    """A 发文 from its draft to its archive package."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("拟稿")
        DEPT_REVIEW = "dept_review", _("部门审核")
        OFFICE_REVIEW = "office_review", _("办公室核稿")
        SIGNING = "signing", _("待签发")
        SIGNED = "signed", _("已签发")
        NUMBERED = "numbered", _("已编号")
        SEALED = "sealed", _("已用印")
        DISTRIBUTED = "distributed", _("已分发")
        ARCHIVED = "archived", _("已归档")
        WITHDRAWN = "withdrawn", _("已撤销")

    code = models.CharField(_("编码"), max_length=20, unique=True)
    title = models.CharField(_("标题"), max_length=200)
    doc_type = models.CharField(_("文种"), max_length=16, choices=DocType.choices)
    direction = models.CharField(_("行文方向"), max_length=6, choices=Direction.choices, default=Direction.DOWN)
    important = models.BooleanField(_("重要公文"), default=False)
    prefix = models.ForeignKey(DocPrefix, verbose_name=_("发文字号"), on_delete=models.PROTECT, related_name="+")
    drafting_unit = models.ForeignKey(Unit, verbose_name=_("拟稿单位"), on_delete=models.PROTECT, related_name="+")
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("拟稿人"), on_delete=models.PROTECT, related_name="+"
    )
    countersign_units = models.ManyToManyField(Unit, verbose_name=_("会签单位"), blank=True, related_name="+")
    urgency = models.CharField(_("紧急程度"), max_length=6, choices=Urgency.choices, blank=True, default="")
    main_recipients = models.CharField(_("主送机关"), max_length=500, blank=True)
    cc = models.CharField(_("抄送机关"), max_length=500, blank=True)
    body = models.TextField(_("正文"))
    attachments_note = models.TextField(_("附件说明"), blank=True, help_text=_("每行一个附件名称"))
    note = models.CharField(_("附注"), max_length=200, blank=True)
    copies = models.PositiveIntegerField(_("印发份数"), default=0)
    with_copy_numbers = models.BooleanField(_("标注份号"), default=False)
    recipients = models.ManyToManyField(Unit, verbose_name=_("分发单位（系统内）"), blank=True, related_name="+")
    status = models.CharField(_("状态"), max_length=14, choices=Status.choices, default=Status.DRAFT, db_index=True)
    status_reason = models.CharField(_("退回意见"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signer_name = models.CharField(_("签发人姓名"), max_length=50, blank=True)
    signed_as_delegate = models.BooleanField(_("代签"), default=False)
    signed_on = models.DateField(_("签发日期"), null=True, blank=True)
    issued_on = models.DateField(_("成文日期"), null=True, blank=True)
    number = models.OneToOneField(
        DocNumber, verbose_name=_("文号"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    doc_number = models.CharField(_("发文字号"), max_length=60, blank=True, db_index=True)
    sealed_at = models.DateTimeField(_("用印时间"), null=True, blank=True)
    distributed_at = models.DateTimeField(_("分发时间"), null=True, blank=True)
    archived_at = models.DateTimeField(_("归档时间"), null=True, blank=True)
    archive = models.FileField(_("归档包"), upload_to="documents/archive/%Y/", blank=True)
    terms = models.TextField(_("检索词"), blank=True, editable=False)  # terms.terms(title)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="outgoing_status_created"),
            models.Index(fields=["drafting_unit", "-created_at"], name="outgoing_unit_created"),
        ]
        verbose_name = _("发文")
        verbose_name_plural = _("发文")
        permissions = [
            ("view_all_documents", _("查看全部公文")),
            ("draft_outgoing", _("拟稿")),
            ("review_dept", _("部门审核发文")),
            ("review_office", _("办公室核稿")),
            ("sign_outgoing", _("签发公文")),
            ("issue_outgoing", _("编号、用印、分发、归档")),
            ("void_number", _("申请作废文号")),
            ("approve_void", _("批准作废文号")),
        ]

    def __str__(self) -> str:
        return f"{self.doc_number or self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("documents:outgoing", args=[self.code])

    @property
    def upward(self) -> bool:
        return self.direction == Direction.UP

    @property
    def recipient_list(self) -> list[str]:
        return [r for r in _split(self.main_recipients) if r]

    @property
    def attachment_names(self) -> list[str]:
        return [line.strip() for line in self.attachments_note.splitlines() if line.strip()]


def _split(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[，,、；;\n]+", text or "")]


class OutgoingVersion(models.Model):
    """A kept version of the title and body: who changed it and when."""

    outgoing = models.ForeignKey(Outgoing, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本"))
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("修改时间"), auto_now_add=True)
    step = models.CharField(_("环节"), max_length=14, blank=True)

    class Meta:
        ordering = ["outgoing", "number"]
        constraints = [models.UniqueConstraint(fields=["outgoing", "number"], name="outgoing_version_unique")]
        verbose_name = _("发文版本")
        verbose_name_plural = _("发文版本")

    def __str__(self) -> str:
        return f"{self.outgoing_id} v{self.number}"


class Opinion(models.Model):
    """An opinion on the 发文稿纸: 部门审核, 办公室核稿, 会签, 签发 — the text, the person's name and the full date."""

    class Step(models.TextChoices):
        DEPT = "dept", _("部门审核")
        OFFICE = "office", _("办公室核稿")
        COUNTERSIGN = "countersign", _("会签")
        SIGN = "sign", _("签发")
        RETURN = "return", _("退回")

    outgoing = models.ForeignKey(Outgoing, on_delete=models.CASCADE, related_name="opinions")
    step = models.CharField(_("环节"), max_length=12, choices=Step.choices)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("姓名"), max_length=50)
    text = models.CharField(_("意见"), max_length=500)
    delegate = models.BooleanField(_("代签"), default=False)
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["outgoing", "at", "id"]
        verbose_name = _("办文意见")
        verbose_name_plural = _("办文意见")

    def __str__(self) -> str:
        return f"{self.get_step_display()} {self.name}"

    @property
    def signature(self) -> str:
        """意见 姓名（代） 2026年5月8日 — the name with 代 when signed on the principal's behalf."""
        from django.utils import timezone

        day = timezone.localtime(self.at).date()
        return f"{self.text}　{self.name}{'（代）' if self.delegate else ''}　{day.year}年{day.month}月{day.day}日"


class Attachment(TimeStampedModel):
    """A .docx attached to an outgoing document (附件), checked by the guard on upload."""

    outgoing = models.ForeignKey(Outgoing, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(_("文件名"), max_length=200)
    file = models.FileField(_("文件"), upload_to="documents/attachments/%Y/")
    size = models.PositiveIntegerField(_("大小"), default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["outgoing", "id"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")


class Incoming(TimeStampedModel):
    """A 收文 of one receiving unit: from 签收 to 归档, with its 收文号, handling mode and the steps' clocks."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待签收")
        RECEIVED = "received", _("已签收")
        REGISTERED = "registered", _("已登记")
        RETURNED = "returned", _("已退回")
        READING = "reading", _("传阅中")
        PROPOSED = "proposed", _("待批示")
        HANDLING = "handling", _("承办中")
        CLOSED = "closed", _("已办结")
        ARCHIVED = "archived", _("已归档")

    class Mode(models.TextChoices):
        NONE = "", _("未定")
        READ = "read", _("阅知")
        HANDLE = "handle", _("批办")

    code = models.CharField(_("编码"), max_length=20, unique=True)
    unit = models.ForeignKey(Unit, verbose_name=_("收文单位"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("标题"), max_length=200)
    source_org = models.CharField(_("来文单位"), max_length=100)
    source_doc_number = models.CharField(_("来文字号"), max_length=60, blank=True, db_index=True)
    source_outgoing = models.ForeignKey(
        Outgoing, verbose_name=_("来自发文"), null=True, blank=True, on_delete=models.PROTECT, related_name="deliveries"
    )
    doc_type = models.CharField(_("文种"), max_length=16, choices=DocType.choices, blank=True)
    urgency = models.CharField(_("紧急程度"), max_length=6, choices=Urgency.choices, blank=True, default="")
    copies = models.PositiveSmallIntegerField(_("份数"), default=1)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, db_index=True)
    received_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("收文年度"), null=True, blank=True)
    receipt_seq = models.PositiveIntegerField(_("收文顺序号"), null=True, blank=True)
    receipt_number = models.CharField(_("收文号"), max_length=30, blank=True, db_index=True)
    registered_at = models.DateTimeField(_("登记时间"), null=True, blank=True)
    due_date = models.DateField(_("办理时限"), null=True, blank=True)
    mode = models.CharField(_("承办方式"), max_length=6, choices=Mode.choices, blank=True, default="")
    proposal = models.TextField(_("拟办意见"), blank=True)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("批示领导"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    instruction_text = models.TextField(_("领导批示"), blank=True)
    instructed_at = models.DateTimeField(_("批示时间"), null=True, blank=True)
    instruction = models.ForeignKey(
        "supervision.Instruction", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lead_unit = models.ForeignKey(
        Unit, verbose_name=_("主办单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handling_units = models.ManyToManyField(Unit, verbose_name=_("承办单位"), blank=True, related_name="+")
    status_reason = models.CharField(_("退回理由"), max_length=500, blank=True)
    result = models.TextField(_("办理结果"), blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    archived_at = models.DateTimeField(_("归档时间"), null=True, blank=True)
    step_started_at = models.DateTimeField(_("本环节开始"), null=True, blank=True)
    terms = models.TextField(_("检索词"), blank=True, editable=False)  # terms.terms(title, source_org)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "status", "-created_at"], name="incoming_unit_status"),
            models.Index(fields=["-created_at"], name="incoming_created"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "receipt_seq"],
                name="incoming_receipt_unique",
                condition=models.Q(receipt_seq__isnull=False),
            )
        ]
        verbose_name = _("收文")
        verbose_name_plural = _("收文")
        permissions = [("handle_incoming", _("签收、登记、分办收文")), ("instruct_incoming", _("批示收文"))]

    def __str__(self) -> str:
        return f"{self.receipt_number or self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("documents:incoming", args=[self.code])


class Step(models.Model):
    """One step of an incoming document with its clock: started, ended, by whom (elapsed working days are read
    against the urgency's limit)."""

    incoming = models.ForeignKey(Incoming, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField(_("环节"), max_length=12, choices=Incoming.Status.choices)
    started_at = models.DateTimeField(_("开始"))
    ended_at = models.DateTimeField(_("结束"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["incoming", "started_at", "id"]
        verbose_name = _("收文环节")
        verbose_name_plural = _("收文环节")

    def __str__(self) -> str:
        return f"{self.incoming_id} {self.name}"


class Circulation(models.Model):
    """传阅: who holds the document, since when, whether he has read it (and his opinion)."""

    incoming = models.ForeignKey(Incoming, on_delete=models.CASCADE, related_name="circulations")
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("送阅时间"))
    read_at = models.DateTimeField(_("阅毕时间"), null=True, blank=True)
    opinion = models.CharField(_("阅文意见"), max_length=300, blank=True)
    reminded_at = models.DateTimeField(_("催阅时间"), null=True, blank=True)

    class Meta:
        ordering = ["incoming", "sent_at", "id"]
        constraints = [models.UniqueConstraint(fields=["incoming", "reader"], name="circulation_unique")]
        indexes = [models.Index(fields=["reader", "read_at"], name="circulation_reader")]
        verbose_name = _("传阅")
        verbose_name_plural = _("传阅")

    def __str__(self) -> str:
        return f"{self.incoming_id} → {self.reader_id}"
