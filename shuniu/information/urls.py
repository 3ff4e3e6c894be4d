from django.urls import path

from shuniu.information import views

app_name = "information"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.item_new, name="item_new"),
    path("inbox/", views.inbox, name="inbox"),
    path("items/<str:code>/", views.item_detail, name="item"),
    path("items/<str:code>/edit/", views.item_edit, name="item_edit"),
    path("items/<str:code>/do/<str:action>/", views.item_action, name="item_action"),
    path("commissions/", views.commission_list, name="commissions"),
    path("commissions/<str:code>/", views.commission_detail, name="commission"),
    path("issues/", views.issue_list, name="issues"),
    path("issues/<int:pk>/", views.issue_detail, name="issue"),
    path("issues/<int:pk>/publish/", views.issue_publish, name="issue_publish"),
    path("issues/<int:pk>/reissue/", views.issue_reissue, name="issue_reissue"),
    path("issues/<int:pk>/docx/", views.issue_download, name="issue_docx"),
    path("events/", views.event_list, name="events"),
    path("events/<str:code>/", views.event_detail, name="event"),
    path("rankings/", views.rankings, name="rankings"),
    path("rules/", views.rules, name="rules"),
]
