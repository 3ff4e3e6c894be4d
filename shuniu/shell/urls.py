from django.urls import path

from shuniu.shell import audit_views, views

app_name = "shell"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("holidays/", views.holiday_list, name="holidays"),
    path("holidays/import/", views.holiday_import, name="holiday-import"),
    path("holidays/period/", views.holiday_period, name="holiday-period"),
    path("holidays/<int:pk>/delete/", views.holiday_delete, name="holiday-delete"),
    path("security/refusals/", views.refusal_list, name="refusals"),
    path("audit/", audit_views.audit_log, name="audit-log"),
    path("imports/<uuid:code>/", views.import_job, name="import-job"),
]
