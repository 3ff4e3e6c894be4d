from django.urls import path

from shuniu.governance.legal import views as legal_views
from shuniu.governance.participation import views as event_views
from shuniu.governance.requests import views
from shuniu.governance.volunteers import views as volunteer_views

app_name = "governance"
urlpatterns = [
    path("", views.home, name="home"),
    path("requests/", views.request_list, name="request-list"),
    path("console/", views.console, name="console"),
    path("console/duplicates/", views.console_duplicates, name="console-duplicates"),
    path("console/suggest/", views.console_suggest, name="console-suggest"),
    path("requests/<str:code>/", views.request_detail, name="request-detail"),
    path("requests/<str:code>/do/<str:action>/", views.request_action, name="request-action"),
    path("requests/<str:code>/personal/", views.personal_data, name="request-personal"),
    path("extensions/<uuid:code>/<str:decision>/", views.extension_decide, name="extension-decide"),
    path("rates/", views.rates, name="rates"),
    path("topics/", views.topics, name="topics"),
    path("rules/", views.rules, name="rules"),
    path("legal/", legal_views.registry, name="legal"),
    path("mediation/", legal_views.cases, name="mediation"),
    path("mediation/<str:code>/", legal_views.case_detail, name="mediation-detail"),
    path("volunteers/", volunteer_views.overview, name="volunteers"),
    path("volunteers/activities/<uuid:code>/", volunteer_views.activity_detail, name="volunteer-activity"),
    path("events/", event_views.event_list, name="event-list"),
    path("events/<uuid:code>/", event_views.event_detail, name="event-detail"),
    path("events/<uuid:code>/do/<str:action>/", event_views.event_action, name="event-action"),
]
