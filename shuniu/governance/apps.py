from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "shuniu.governance"
    label = "governance"
    verbose_name = _("基层治理")

    def ready(self) -> None:
        from django.contrib.postgres.lookups import TrigramSimilar

        from shuniu.governance import todos  # noqa: F401
        from shuniu.governance.models import CitizenRequest

        # `title__trigram_similar` for the duplicate check (used on PostgreSQL only).
        CitizenRequest._meta.get_field("title").register_lookup(TrigramSimilar)
