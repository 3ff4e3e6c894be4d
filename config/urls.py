from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config.api import api
from shuniu.core import registry
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
    # Each app mounts its own pages (shuniu.core.registry.urls); the site root last.
    *(path(prefix, include(module)) for prefix, module in registry.url_modules()),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "shuniu.shell.errors.bad_request"
handler403 = "shuniu.shell.errors.permission_denied"
handler404 = "shuniu.shell.errors.page_not_found"
