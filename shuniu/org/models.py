from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractUser, Group
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shuniu.core.models import TimeStampedModel


class Unit(TimeStampedModel):
    """A node of the county's unit tree (SPEC §1). `path` ("/1/5/23/") makes subtree queries one index scan."""

    class Kind(models.TextChoices):
        LEADERSHIP = "leadership", _("县委/县政府")
        OFFICE = "office", _("县委办公室")
        SECTION = "section", _("科室")
        DEPARTMENT = "department", _("县直部门")
        TOWN = "town", _("乡镇街道")
        VILLAGE = "village", _("村/社区")
        GRID = "grid", _("网格")
        SOCIAL_ORG = "social_org", _("社会组织")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("单位名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=400, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    sort_order = models.PositiveIntegerField(_("排序"), default=0, validators=[MaxValueValidator(9999)])
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="org_unit_unique_name_in_parent")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("org:unit-detail", args=[self.code])

    def compute_path(self) -> None:
        """Set `path` and `depth` from the parent; segments sort siblings by sort_order, then creation."""
        parent = self.parent
        self.path = f"{parent.path if parent else '/'}{self.sort_order:04d}{self.pk:08d}/"
        self.depth = parent.depth + 1 if parent else 0


class User(AbstractUser):
    """A person who signs in: real name, unit, position, phone; roles are groups."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    real_name = models.CharField(_("姓名"), max_length=50)
    unit = models.ForeignKey(
        Unit, verbose_name=_("所属单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    position = models.CharField(_("职务"), max_length=50, blank=True)
    phone = models.CharField(_("手机"), max_length=20, blank=True)
    must_change_password = models.BooleanField(_("首次登录须改密码"), default=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["unit__path", "username"]
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.real_name or self.username

    def get_absolute_url(self) -> str:
        return reverse("org:user-detail", args=[self.code])


class Role(models.Model):
    """A group with a data scope (数据权限)."""

    class Scope(models.TextChoices):
        ALL = "all", _("全部数据")
        SUBTREE = "subtree", _("本单位及下级")
        UNIT = "unit", _("本单位")
        OWN = "own", _("仅本人")

    group = models.OneToOneField(Group, primary_key=True, on_delete=models.CASCADE, related_name="role")
    slug = models.SlugField(unique=True)
    scope = models.CharField(_("数据权限"), max_length=10, choices=Scope.choices, default=Scope.OWN)
    description = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("角色")
        verbose_name_plural = _("角色")
        # 三员分立: accounts are the system administrator's, roles the security administrator's.
        permissions = [("assign_role", _("分配角色")), ("unlock_account", _("解锁账户"))]

    def __str__(self) -> str:
        return self.group.name
