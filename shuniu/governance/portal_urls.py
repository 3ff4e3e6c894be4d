from django.urls import path

from shuniu.governance import portal, volunteer_views

app_name = "portal"
urlpatterns = [
    path("", portal.portal_home, name="home"),
    path("submit/", portal.portal_submit, name="submit"),
    path("track/", portal.portal_track, name="track"),
    path("activities/<uuid:code>/", volunteer_views.portal_activity, name="activity"),
]
