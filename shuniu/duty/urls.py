from django.urls import path

from shuniu.duty import views

app_name = "duty"

urlpatterns = [
    path("", views.home, name="home"),
    path("rosters/<str:code>/publish/", views.publish, name="publish"),
    path("duties/<int:pk>/accept/", views.accept, name="accept"),
    path("swaps/<int:pk>/<str:decision>/", views.swap_decide, name="swap-decide"),
]
