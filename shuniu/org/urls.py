from django.urls import path

from shuniu.org import views

app_name = "org"
urlpatterns = [
    path("units/", views.unit_list, name="unit-list"),
    path("units/new/", views.unit_create, name="unit-create"),
    path("units/import/", views.unit_import, name="unit-import"),
    path("units/<uuid:code>/", views.unit_detail, name="unit-detail"),
    path("units/<uuid:code>/edit/", views.unit_edit, name="unit-edit"),
    path("users/", views.user_list, name="user-list"),
    path("locks/", views.account_locks, name="account-locks"),
    path("users/new/", views.user_create, name="user-create"),
    path("users/import/", views.user_import, name="user-import"),
    path("users/<uuid:code>/", views.user_detail, name="user-detail"),
    path("users/<uuid:code>/edit/", views.user_edit, name="user-edit"),
    path("users/<uuid:code>/roles/", views.user_roles, name="user-roles"),
    path("account/", views.account, name="account"),
    path("account/tokens/<uuid:code>/revoke/", views.token_revoke_view, name="token-revoke"),
]
