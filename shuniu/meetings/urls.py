from django.urls import path

from shuniu.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.apply, name="apply"),
    path("week/", views.week, name="week"),
    path("week.docx", views.week_docx, name="week-docx"),
    path("activities/new/", views.activity_new, name="activity-new"),
    path("absences/", views.absences, name="absences"),
    path("plan/", views.plan, name="plan"),
    path("rules/", views.rules_page, name="rules"),
    path("leaders/<uuid:code>/", views.leader, name="leader"),
    path("feeds/<str:token>.ics", views.feed, name="feed"),
    path("m/<str:code>/", views.meeting, name="meeting"),
    path("m/<str:code>/do/<str:action>/", views.meeting_transition, name="transition"),
]
