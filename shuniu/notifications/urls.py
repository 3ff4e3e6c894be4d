from django.urls import path

from shuniu.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("read-all/", views.mark_all_read, name="read-all"),
    path("<uuid:code>/read/", views.mark_read, name="read"),
]
