from django.urls import path

from shuniu.duty import views, views_attendance, views_log

app_name = "duty"

urlpatterns = [
    path("", views.home, name="home"),
    path("log/", views_log.page, name="log"),
    path("attendance/", views_attendance.page, name="attendance"),
    path("log/<str:code>/close/", views_log.close, name="log-close"),
    path("log/<str:code>/urgent/", views_log.raise_urgent, name="log-urgent"),
    path("rosters/<str:code>/publish/", views.publish, name="publish"),
    path("duties/<int:pk>/accept/", views.accept, name="accept"),
    path("swaps/<int:pk>/<str:decision>/", views.swap_decide, name="swap-decide"),
]
