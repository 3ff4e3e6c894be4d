from django.urls import path

from shuniu.supervision import edit_views, views

app_name = "supervision"
urlpatterns = [
    path("tasks/", views.task_list, name="task-list"),
    path("tasks/new/", edit_views.task_create, name="task-create"),
    path("tasks/bulk-assign/", edit_views.tasks_bulk_assign, name="task-bulk-assign"),
    path("tasks/import/", views.task_import, name="task-import"),
    path("tasks/<str:code>/", views.task_detail, name="task-detail"),
    path("tasks/<str:code>/notice.docx", views.task_notice, name="task-notice"),
    path("tasks/<str:code>/edit/", edit_views.task_edit, name="task-edit"),
    path("tasks/<str:code>/do/<str:action>/", views.task_action, name="task-action"),
    path("reports/<uuid:code>/<str:decision>/", views.report_review, name="report-review"),
    path("extensions/<uuid:code>/<str:decision>/", views.extension_decide, name="extension-decide"),
    path("bulletins/", views.bulletin_list, name="bulletin-list"),
    path("bulletins/<str:month>/", views.bulletin_detail, name="bulletin-detail"),
    path("bulletins/<str:month>/file.<str:fmt>", views.bulletin_file, name="bulletin-file"),
    path("scores/", views.scores, name="scores"),
    path("instructions/", views.instruction_list, name="instruction-list"),
    path("instructions/<uuid:code>/", views.instruction_detail, name="instruction-detail"),
    path("lists/<str:kind>/", views.special_list, name="special-list"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("rules/", views.rules, name="rules"),
]
