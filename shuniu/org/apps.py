from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "shuniu.org"
    label = "org"
    verbose_name = _("组织机构")

    def ready(self) -> None:
        from django.contrib.auth.models import Group

        from shuniu.core import registry
        from shuniu.core.access import register_unit_scope
        from shuniu.core.models import ApiToken
        from shuniu.core.versions import bump_on_change
        from shuniu.org.policies import unit_policy
        from shuniu.org.roles import ensure_roles

        register_unit_scope(unit_policy.visible)
        registry.nav(_("组织机构"), "org:unit-list", order=80, allowed=registry.perm("org.view_unit"))
        registry.nav(_("账户解锁"), "org:account-locks", order=93, allowed=registry.perm("org.unlock_account"))
        registry.urls("org/", "shuniu.org.urls")
        registry.importer("units", "shuniu.org.imports.units_import")
        registry.importer("users", "shuniu.org.imports.users_import")
        registry.api_router("shuniu.org.api", order=10)

        # Units, users, roles, role permissions and API tokens decide who sees what: cached reads, permission
        # and token lookups key on this generation.
        bump_on_change("org", {"org"}, [Group, ApiToken])

        # After every app's migrate, so that the permissions of apps listed later exist too.
        post_migrate.connect(ensure_roles, dispatch_uid="org.ensure_roles")
