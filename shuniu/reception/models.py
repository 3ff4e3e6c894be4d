"""公务接待 (SPEC §8): no reception without a 公函; the pre-approval form (审批单) with its planned figures; the
接待清单 of guests and items (meals, rooms, activities) compared with the 公函; the rules — one working meal, the
陪餐 limit, the per-person standards by rank, no cash — are data (ReceptionConfig, RankStandard)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shuniu.core.models import SingletonConfig, TimeStampedModel

MONEY = {"max_digits": 10, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}


class ReceptionConfig(SingletonConfig):
    """The county's reading of 《党政机关国内公务接待管理规定》 (第九条 工作餐, 第十条 陪餐, 第十七条 结算)."""

    working_meals = models.PositiveSmallIntegerField(_("工作餐次数上限"), default=1)
    small_group = models.PositiveSmallIntegerField(_("接待对象人数界限"), default=10)
    small_accompany = models.PositiveSmallIntegerField(_("界限以内陪餐人数上限"), default=3)
    large_ratio = models.PositiveSmallIntegerField(_("超过界限时陪餐不超过接待对象的几分之一"), default=3)
    basis = models.CharField(_("依据"), max_length=100, default="《党政机关国内公务接待管理规定》")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("接待规则")
        verbose_name_plural = _("接待规则")


class RankStandard(models.Model):
    """Per-person standards by the guests' rank (data: set to the province's current 接待 and 差旅 standards)."""

    rank = models.CharField(_("职级"), max_length=30, unique=True)
    meal = models.DecimalField(_("工作餐标准（元/人·餐）"), **MONEY)  # type: ignore[arg-type]
    room = models.DecimalField(_("住宿标准（元/人·晚）"), **MONEY)  # type: ignore[arg-type]
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("接待标准")
        verbose_name_plural = _("接待标准")

    def __str__(self) -> str:
        return self.rank


class Letter(TimeStampedModel):
    """公函: who sends whom, when, to do what — the document every reception answers to."""

    code = models.CharField(_("编号"), max_length=20, unique=True)
    sending_unit = models.CharField(_("来函单位"), max_length=100)
    doc_number = models.CharField(_("来函文号"), max_length=60, blank=True)
    guests = models.TextField(_("来访人员（每行一人：姓名 职务）"), max_length=3000)
    guest_count = models.PositiveSmallIntegerField(_("来访人数"), validators=[MinValueValidator(1)])
    start_date = models.DateField(_("来访开始日期"))
    end_date = models.DateField(_("来访结束日期"))
    activities = models.TextField(_("公务活动内容"), max_length=2000)
    file = models.FileField(_("公函扫描件"), upload_to="reception/letters/%Y/", blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("公函")
        verbose_name_plural = _("公函")

    def __str__(self) -> str:
        return f"{self.sending_unit} {self.doc_number}".strip()

    @property
    def names(self) -> list[str]:
        return [line.split()[0] for line in self.guests.splitlines() if line.strip()]


class Reception(TimeStampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已批准")
        REFUSED = "refused", _("未批准")
        DONE = "done", _("已接待")

    code = models.CharField(_("编号"), max_length=20, unique=True)
    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="receptions", verbose_name=_("公函"))
    host_unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("接待单位"))
    purpose = models.CharField(_("接待事由"), max_length=200)
    planned_guests = models.PositiveSmallIntegerField(_("接待对象人数"), validators=[MinValueValidator(1)])
    planned_accompanying = models.PositiveSmallIntegerField(_("陪餐人数"), default=0)
    planned_meals = models.PositiveSmallIntegerField(_("工作餐次数"), default=0)
    budget = models.DecimalField(_("经费预算（元）"), default=Decimal(0), **MONEY)  # type: ignore[arg-type]
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    status_reason = models.CharField(_("说明"), max_length=500, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    invoice = models.FileField(_("发票"), upload_to="reception/invoices/%Y/", blank=True)
    breaches = models.JSONField(_("违规提示"), default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]
        permissions = [
            ("manage_reception", "登记公函、申请接待、填写接待清单"),
            ("approve_reception", "审批公务接待"),
            ("view_all_receptions", "查看全部公务接待"),
        ]
        verbose_name = _("公务接待")
        verbose_name_plural = _("公务接待")

    def __str__(self) -> str:
        return f"{self.code} {self.purpose}"

    def get_absolute_url(self) -> str:
        return reverse("reception:detail", args=[self.code])


class Guest(models.Model):
    reception = models.ForeignKey(Reception, on_delete=models.CASCADE, related_name="guest_rows")
    name = models.CharField(_("姓名"), max_length=30)
    unit = models.CharField(_("单位"), max_length=100)
    position = models.CharField(_("职务"), max_length=60, blank=True)
    rank = models.ForeignKey(RankStandard, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("职级"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("接待对象")
        verbose_name_plural = _("接待对象")

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    """One line of the 接待清单: a meal, a room, an activity, transport."""

    class Kind(models.TextChoices):
        MEAL = "meal", _("工作餐")
        ROOM = "room", _("住宿")
        ACTIVITY = "activity", _("公务活动")
        TRANSPORT = "transport", _("用车")

    class Payment(models.TextChoices):
        CARD = "card", _("公务卡")
        TRANSFER = "transfer", _("银行转账")
        CASH = "cash", _("现金")
        NONE = "none", _("不产生费用")

    reception = models.ForeignKey(Reception, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("项目"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=100)
    content = models.CharField(_("内容"), max_length=200)
    guests = models.PositiveSmallIntegerField(_("接待对象人数"), default=0)
    accompanying = models.PositiveSmallIntegerField(_("陪同（陪餐）人数"), default=0)
    nights = models.PositiveSmallIntegerField(_("间夜数"), default=0)
    cost = models.DecimalField(_("费用（元）"), default=Decimal(0), **MONEY)  # type: ignore[arg-type]
    payment = models.CharField(_("结算方式"), max_length=10, choices=Payment.choices, default=Payment.CARD)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("接待清单")
        verbose_name_plural = _("接待清单")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.content}"
