"""统战对象 (SPEC §8): the categories of the 统战工作条例 as a list that is data, contacts whose phone and ID number are
encrypted at rest and masked on every page (SPEC §0.6), seen only by the 统战 staff, their 联谊交友 records, and their
建言献策 — each of which may become a supervision task in one action."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shuniu.core.models import TimeStampedModel


class Category(models.Model):
    name = models.CharField(_("类别"), max_length=40, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("统战对象类别")
        verbose_name_plural = _("统战对象类别")

    def __str__(self) -> str:
        return self.name


class Contact(TimeStampedModel):
    code = models.CharField(_("编号"), max_length=20, unique=True)
    name = models.CharField(_("姓名"), max_length=30)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("类别"))
    organisation = models.CharField(_("工作单位"), max_length=100, blank=True)
    position = models.CharField(_("职务"), max_length=60, blank=True)
    affiliation = models.CharField(_("党派团体"), max_length=40, blank=True)
    phone_encrypted = models.TextField(blank=True, editable=False)
    phone_masked = models.CharField(_("联系电话"), max_length=20, blank=True)
    phone_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    id_number_encrypted = models.TextField(blank=True, editable=False)
    id_number_masked = models.CharField(_("身份证号"), max_length=20, blank=True)
    keeper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("联系干部"),
    )  # fmt: skip

    class Meta:
        ordering = ["category__sort_order", "name", "id"]
        permissions = [
            ("manage_contact", "管理统战对象、联谊交友、建言献策"),
            ("view_contact_personal", "查看统战对象完整联系方式"),
        ]
        verbose_name = _("统战对象")
        verbose_name_plural = _("统战对象")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("united_front:contact", args=[self.code])


class Record(models.Model):
    class Kind(models.TextChoices):
        VISIT = "visit", _("走访")
        TALK = "talk", _("谈心谈话")
        FORUM = "forum", _("座谈")
        GREETING = "greeting", _("节日慰问")
        OTHER = "other", _("其他")

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="records")
    date = models.DateField(_("日期"))
    kind = models.CharField(_("方式"), max_length=10, choices=Kind.choices)
    content = models.TextField(_("情况"), max_length=2000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("联谊交友记录")
        verbose_name_plural = _("联谊交友记录")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class Suggestion(TimeStampedModel):
    code = models.CharField(_("编号"), max_length=20, unique=True)
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="suggestions")
    title = models.CharField(_("建议题目"), max_length=100)
    content = models.TextField(_("建议内容"), max_length=5000)
    received_on = models.DateField(_("提出日期"))
    task_code = models.CharField(_("督办事项"), max_length=20, blank=True, db_index=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("建言献策")
        verbose_name_plural = _("建言献策")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"
