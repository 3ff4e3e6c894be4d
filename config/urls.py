from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config.api import api
from shuniu.org import views as org_views

admin.site.site_header = "枢纽 · 系统管理"
admin.site.site_title = "枢纽"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", org_views.password_change, name="password_change"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("org/", include("shuniu.org.urls")),
    path("notifications/", include("shuniu.notifications.urls")),
    path("supervision/", include("shuniu.supervision.urls")),
    path("governance/", include("shuniu.governance.urls")),
    path("portal/", include("shuniu.governance.portal.urls")),
    path("open311/v2/", include("shuniu.governance.open311.urls")),
    path("", include("shuniu.shell.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
