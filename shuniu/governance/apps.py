from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "shuniu.governance"
    label = "governance"
    verbose_name = _("基层治理")

    def ready(self) -> None:
        from django.contrib.postgres.lookups import TrigramSimilar

        from shuniu.core import registry
        from shuniu.governance.models import CitizenRequest, Volunteer
        from shuniu.governance.requests import todos  # noqa: F401
        from shuniu.governance.requests.policies import DISPATCH, HANDLE, MEDIATE, PERSONAL, VIEW_ALL, VOLUNTEERS

        # `title__trigram_similar` for the duplicate check (used on PostgreSQL only).
        CitizenRequest._meta.get_field("title").register_lookup(TrigramSimilar)

        registry.urls("governance/", "shuniu.governance.urls")
        registry.nav(
            _("治理规则"), "governance:rules", order=86, allowed=registry.perm("governance.change_governanceconfig")
        )
        registry.urls("portal/", "shuniu.governance.portal.urls")
        registry.urls("open311/v2/", "shuniu.governance.open311.urls")
        registry.api_router("shuniu.governance.requests.api", order=30)
        from shuniu.governance.requests import calendar
        from shuniu.governance.requests.home import operator_panel

        registry.home_panel("governance/_home_operator.html", operator_panel, order=20)

        registry.calendar_dependent("request_due_dates", calendar.MESSAGE, calendar.prepare, calendar.apply)

        registry.nav(
            _("基层治理"), "governance:home", order=60, allowed=registry.perm(VIEW_ALL, HANDLE, VOLUNTEERS, MEDIATE)
        )
        config = "governance.change_governanceconfig"
        registry.grant("sysadmin", config)
        registry.grant("county_leader", VIEW_ALL)
        registry.grant("office_director", VIEW_ALL, DISPATCH, config)
        registry.grant("supervisor", VIEW_ALL)
        registry.grant("liaison", HANDLE)
        registry.grant("handler", HANDLE)
        registry.grant("operator", VIEW_ALL, DISPATCH, PERSONAL)
        registry.grant("mediator", MEDIATE)
        registry.grant("volunteer_admin", VOLUNTEERS)
        for job in (
            "detect_surges",
            "escalate_requests",
            "refresh_duplicate_index",
            "refresh_hot_words",
            "train_dispatch",
        ):
            registry.daily_job(job, order=20)
        registry.encrypted(CitizenRequest, "phone_encrypted", "id_number_encrypted")
        registry.encrypted(Volunteer, "phone_encrypted")
