from django.urls import path

from shuniu.innovation import views

app_name = "innovation"

urlpatterns = [
    path("", views.calls, name="calls"),
    path("c/<str:code>/", views.call_page, name="call"),
    path("lectures/", views.lectures, name="lectures"),
]
