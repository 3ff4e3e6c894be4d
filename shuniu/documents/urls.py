from django.urls import path

from shuniu.documents import views, views_outgoing

app_name = "documents"

urlpatterns = [
    path("", views.home, name="home"),
    path("incoming/", views.incoming_list, name="incoming-list"),
    path("incoming/new/", views.incoming_new, name="incoming-new"),
    path("incoming/<str:code>/", views.incoming_detail, name="incoming"),
    path("incoming/<str:code>/route/", views.incoming_route, name="incoming-route"),
    path("incoming/<str:code>/instruct/", views.incoming_instruct_page, name="incoming-instruct"),
    path("incoming/<str:code>/do/<str:action>/", views.incoming_transition, name="incoming-transition"),
    path("outgoing/", views_outgoing.outgoing_list, name="outgoing-list"),
    path("outgoing/new/", views_outgoing.outgoing_new, name="outgoing-new"),
    path("outgoing/<str:code>/", views_outgoing.outgoing_detail, name="outgoing"),
    path("outgoing/<str:code>/sign/", views_outgoing.outgoing_sign_page, name="outgoing-sign"),
    path("outgoing/<str:code>/compare/", views_outgoing.outgoing_compare, name="outgoing-compare"),
    path("outgoing/<str:code>/file.docx", views_outgoing.outgoing_docx, name="outgoing-docx"),
    path("outgoing/<str:code>/archive.zip", views_outgoing.outgoing_archive_file, name="outgoing-archive"),
    path("outgoing/<str:code>/do/<str:action>/", views_outgoing.outgoing_transition, name="outgoing-transition"),
    path("numbers/", views_outgoing.ledger, name="ledger"),
    path("rules/", views.rules_page, name="rules"),
]
