"""What the portal knows of an institution's certificates, for the outcome report's pre-fill.

The performance certificates (실증확인서 / 성능확인서) are issued by the testbed programme
(applications.models.TestbedCertificate: certificate → proposal → application → lead institution).
One selector, so the pre-fill does not depend on where that model lives.
"""

from __future__ import annotations


def certificates_issued(*, institution_id: int, year: int) -> int:
    """Performance certificates issued to the institution (as lead of the application) in the
    calendar year (ONE count query)."""
    from applications.models import TestbedCertificate

    return TestbedCertificate.objects.filter(
        proposal__application__lead_institution_id=institution_id, issued_on__year=year
    ).count()
