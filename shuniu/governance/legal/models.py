"""Legal services: the registry of advisers, mediators and 法律明白人, and people's mediation cases."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shuniu.core.models import TimeStampedModel
from shuniu.governance.requests.models import CitizenRequest
from shuniu.org.models import Unit


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
