from csp.decorators import csp_update
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config.env import env
from config.i18n import set_language
from config.params import bound_url_ids
from config.routes import part_routes
from evaluation.views.staff_home import staff_home
from programs.views import HomeView

api_v1 = [
    path("", include("accounts.api_urls")),
    path("", include("programs.api_urls")),
    path("", include("applications.api_urls")),
    path("", include("evaluation.screening.api_urls")),
    path("", include("evaluation.api_urls")),
    path("", include("agreements.api_urls")),
    path("", include("tracking.api_urls")),
    *(path("", include((m.api_urlpatterns, f"{n}_api"))) for n, m in part_routes()),
]

urlpatterns = [
    # the language switch translates the page it came from (config/i18n.py)
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI's script is served by the view itself (no inline script, for the CSP); the UI
    # sets inline styles, allowed on this page only.
    path(
        "api/docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="schema")
        ),
        name="api-docs",
    ),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("applications/", include("applications.urls")),
    path("screening/", include("evaluation.screening.urls")),
    path("evaluation/", include("evaluation.urls")),
    path("staff/", staff_home, name="staff-home"),
    path("agreements/", include("agreements.urls")),
    path("tracking/", include("tracking.urls")),
    path("verify/", include("agreements.verify_urls")),
    *(path("", include((m.urlpatterns, n))) for n, m in part_routes()),
    path("", include("accounts.public_urls")),
    path("", include("programs.urls")),
    path("", HomeView.as_view(), name="home"),
    prefix_default_language=False,
)

if env.bool("BENCH_BASELINE_ENABLED", default=False):
    # Bare view for benchmark baselines (bench/README.md); never enabled in production.
    urlpatterns += [path("bench/", include("bench.baseline_urls"))]

# Uploaded files (MEDIA_ROOT) are never served by a public URL, DEBUG included: applicants' plans
# and attachments are only served by views that check the one ownership rule
# (applications.rules.may_read_application), e.g. applications:attachment.

admin.site.site_header = "서울형 R&D 관리 포털 / Seoul R&D portal"
admin.site.site_title = "서울형 R&D"

# A refused request value (config.params.ParamError) is answered with its message, never a 500;
# URL ids beyond bigint are no match (404) instead of reaching raw SQL.
handler400 = "config.params.bad_request"
bound_url_ids()
