from django.urls import path

from shuniu.reception import views

app_name = "reception"

urlpatterns = [
    path("", views.reception_list, name="list"),
    path("new/", views.reception_new, name="new"),
    path("stats/", views.stats, name="stats"),
    path("r/<str:code>/", views.detail, name="detail"),
    path("r/<str:code>/pack/", views.pack, name="pack"),
    path("r/<str:code>/do/<str:action>/", views.reception_transition, name="transition"),
]
