from django.urls import path

from shuniu.governance.open311 import views as open311

app_name = "open311"
urlpatterns = [
    path("discovery.json", open311.discovery, name="discovery"),
    path("services.json", open311.services_list, name="services"),
    path("services/<str:service_code>.json", open311.service_definition, name="service"),
    path("requests.json", open311.requests_view, name="requests"),
    path("requests/<str:code>.json", open311.request_detail, name="request"),
    path("tokens/<str:token_id>.json", open311.token, name="token"),
]
