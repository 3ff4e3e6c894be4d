from django.urls import path

from shuniu.duty import views, views_attendance, views_log, views_report

app_name = "duty"

urlpatterns = [
    path("", views.home, name="home"),
    path("log/", views_log.page, name="log"),
    path("report/", views_report.page, name="report"),
    path("attendance/", views_attendance.page, name="attendance"),
    path("log/<str:code>/close/", views_log.close, name="log-close"),
    path("log/<str:code>/urgent/", views_log.raise_item, {"kind": "urgent"}, name="log-urgent"),
    path("log/<str:code>/task/", views_log.raise_item, {"kind": "task"}, name="log-task"),
    path("log/<str:code>/request/", views_log.raise_item, {"kind": "request"}, name="log-request"),
    path("rosters/<str:code>/publish/", views.publish, name="publish"),
    path("duties/<int:pk>/accept/", views.accept, name="accept"),
    path("duties/<int:pk>/swap/", views.swap_request, name="swap-request"),
    path("swaps/<int:pk>/<str:decision>/", views.swap_decide, name="swap-decide"),
]
