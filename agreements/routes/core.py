"""Routes of the agreements part 'core' (pages under /agreements/, API under /api/v1/).

The public verification page is routed at /verify/<code>/ by agreements/verify_urls.py.
"""

from django.urls import path

from agreements.models import SignerRole
from agreements.views import core, core_api, core_staff

urlpatterns: list = [
    path("", core.my_agreements, name="mine"),
    path("staff/", core_staff.workbench, name="workbench"),
    path("staff/create/<int:application_pk>/", core_staff.create, name="create"),
    path("<int:pk>/", core.detail, name="detail"),
    path("<int:pk>/v<int:no>.pdf", core.version_pdf, name="version-pdf"),
    path("<int:pk>/v<int:no>-sealed.pdf", core.version_pdf, {"sealed": True}, name="sealed-pdf"),
    path("<int:pk>/sign/", core.sign, {"role": SignerRole.INSTITUTION}, name="sign"),
    path("<int:pk>/countersign/", core.sign, {"role": SignerRole.STAFF}, name="countersign"),
]
api_urlpatterns: list = [
    path("agreements/", core_api.AgreementCreateApi.as_view(), name="api-agreement-create"),
    path("agreements/<int:pk>/", core_api.AgreementDetailApi.as_view(), name="api-agreement"),
]
