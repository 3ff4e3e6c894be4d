from django.urls import path

from shuniu.united_front import views

app_name = "united_front"

urlpatterns = [
    path("", views.contacts, name="contacts"),
    path("c/<str:code>/", views.contact, name="contact"),
]
