from django.urls import path

from shuniu.governance.portal import views as portal
from shuniu.governance.volunteers import views as volunteer_views

app_name = "portal"
urlpatterns = [
    path("", portal.portal_home, name="home"),
    path("submit/", portal.portal_submit, name="submit"),
    path("track/", portal.portal_track, name="track"),
    path("activities/<uuid:code>/", volunteer_views.portal_activity, name="activity"),
]
