"""API of Testbed Seoul: the anonymous certificate check ``GET /api/v1/certificates/{code}/``."""

from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from applications.domain.testbed_certificates import certificate_data, find_certificate


@api_view(["GET"])
@permission_classes([AllowAny])  # public by design: anyone holding a certificate checks it
@throttle_classes([AnonRateThrottle])
def certificate(request, code: str):
    found = find_certificate(code)
    if found is None:
        return Response({"code": "unknown", "detail": "No certificate has this code."}, status=404)
    return Response({"valid": True, **certificate_data(found)})
