"""创新案例评比 (SPEC §8): a quarterly call with a deadline, cases submitted by units, judges scoring each case on
weighted criteria (data) independently — never a case of their own unit — in an anonymised first phase; the ranking
by a trimmed mean, frozen when published, with its award notice; and the 科室讲堂 rota."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shuniu.core.models import SingletonConfig, TimeStampedModel


class ContestConfig(SingletonConfig):
    trim_from = models.PositiveSmallIntegerField(_("评委达到几人时去掉一个最高分和一个最低分"), default=5)
    first_prizes = models.PositiveSmallIntegerField(_("一等奖名额"), default=1)
    second_prizes = models.PositiveSmallIntegerField(_("二等奖名额"), default=2)
    third_prizes = models.PositiveSmallIntegerField(_("三等奖名额"), default=3)
    issuer = models.CharField(_("通报单位"), max_length=60, default="中共示范县委办公室")

    class Meta:
        verbose_name = _("评比规则")
        verbose_name_plural = _("评比规则")


class Criterion(models.Model):
    name = models.CharField(_("评分项目"), max_length=30, unique=True)
    description = models.CharField(_("评分要点"), max_length=200, blank=True)
    weight = models.PositiveSmallIntegerField(_("权重（%）"), validators=[MinValueValidator(1), MaxValueValidator(100)])
    max_score = models.PositiveSmallIntegerField(_("满分"), default=10, validators=[MinValueValidator(1)])
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("评分项目")
        verbose_name_plural = _("评分项目")

    def __str__(self) -> str:
        return self.name


class Call(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("征集中")
        PUBLISHED = "published", _("已公布")

    code = models.CharField(_("编号"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(_("年度"))
    quarter = models.PositiveSmallIntegerField(_("季度"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    title = models.CharField(_("名称"), max_length=100)
    deadline = models.DateField(_("截止日期"))
    judges = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("评委"), blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)
    ranking = models.JSONField(_("排名"), default=list, blank=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-quarter"]
        constraints = [models.UniqueConstraint(fields=["year", "quarter"], name="one_call_a_quarter")]
        permissions = [("manage_contest", "组织创新案例评比、科室讲堂"), ("submit_case", "申报创新案例")]
        verbose_name = _("创新案例评比")
        verbose_name_plural = _("创新案例评比")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("innovation:call", args=[self.code])


class Case(TimeStampedModel):
    code = models.CharField(_("编号"), max_length=20, unique=True)
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="cases")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("申报单位"))
    title = models.CharField(_("案例名称"), max_length=100)
    summary = models.TextField(_("案例简介"), max_length=5000)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("创新案例")
        verbose_name_plural = _("创新案例")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Score(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="scores")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("得分"), max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal(0))])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "judge", "criterion"], name="one_score_per_judge_criterion")
        ]
        verbose_name = _("评分")
        verbose_name_plural = _("评分")

    def __str__(self) -> str:
        return f"{self.case_id}/{self.judge_id}/{self.criterion_id}={self.value}"


class Lecture(models.Model):
    """科室讲堂: who speaks when, on what, with the materials."""

    date = models.DateField(_("日期"))
    speaker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("主讲人")
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("科室"))
    topic = models.CharField(_("题目"), max_length=100)
    materials = models.FileField(_("讲稿材料"), upload_to="innovation/lectures/%Y/", blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("科室讲堂")
        verbose_name_plural = _("科室讲堂")

    def __str__(self) -> str:
        return f"{self.date} {self.topic}"
