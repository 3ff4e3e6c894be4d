from django.urls import path

from shuniu.inspections import views

app_name = "inspections"

urlpatterns = [
    path("", views.plan_page, name="plan"),
    path("v/<str:code>/", views.visit_page, name="visit"),
    path("f/<str:code>/recheck/", views.recheck, name="recheck"),
]
