from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitedFrontConfig(AppConfig):
    name = "shuniu.united_front"
    label = "united_front"
    verbose_name = _("统战对象")

    def ready(self) -> None:
        from shuniu.core import registry
        from shuniu.united_front.models import Contact
        from shuniu.united_front.services import MANAGE, PERSONAL

        registry.urls("united-front/", "shuniu.united_front.urls", order=68)
        registry.nav(_("统战对象"), "united_front:contacts", order=68, allowed=registry.perm(MANAGE))
        registry.audit_actions(record=_("联谊交友"), suggest=_("建言献策"))
        registry.audit_fields(category=_("类别"), record=_("联谊交友"), task=_("督办事项"))
        registry.grant("united_front_officer", MANAGE, PERSONAL)
        registry.encrypted(Contact, "phone_encrypted", "id_number_encrypted")
