from django.urls import path

from shuniu.goals import views

app_name = "goals"

urlpatterns = [
    path("", views.home, name="home"),
    path("g/<str:code>/report/", views.report, name="report"),
]
