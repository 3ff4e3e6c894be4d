from django.urls import path

from shuniu.leave import views

app_name = "leave"

urlpatterns = [
    path("", views.home, name="home"),
    path("preview/", views.preview, name="preview"),
    path("people/", views.people, name="people"),
    path("people/<uuid:code>/", views.person, name="person"),
    path("rules/", views.rules_page, name="rules"),
    path("r/<str:code>/", views.detail, name="detail"),
    path("r/<str:code>/do/<str:action>/", views.leave_transition, name="transition"),
]
