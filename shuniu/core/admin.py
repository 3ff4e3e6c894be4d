from django.contrib import admin

from shuniu.core.models import HolidayOverride


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["date", "kind", "holiday_name", "source_notice"]

    def has_add_permission(self, request: object) -> bool:
        return False  # edited on the 节假日 page so that every change is audited and the cache refreshed

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
