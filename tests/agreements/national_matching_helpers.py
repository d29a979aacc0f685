"""Builders for the national-matching tests (R16): an open R16 call, a requesting institution."""

import datetime as dt

from accounts.enums import Role
from agreements.domain.national_matching import decide_request, submit_request
from tests.factories import CallFactory, InstitutionFactory, UserFactory


def r16_call(**kwargs):
    return CallFactory(programs=["R16"], title="2021년 정부지원 대응투자 신규 접수", **kwargs)


def requester(name: str = "nm-applicant"):
    institution = InstitutionFactory(name="서울대학교 산학협력단", type="university")
    return UserFactory(username=name, role=Role.APPLICANT, institution=institution)


def nm_staff(name: str = "nm-staff"):
    return UserFactory(username=name, role=Role.STAFF)


def a_request(
    *, applicant=None, call=None, grants=(1_000_000_000, 1_200_000_000, 900_000_000), years=None
):
    return submit_request(
        applicant=applicant or requester(), call=call or r16_call(),
        ministry="과학기술정보통신부", national_programme="인공지능(AI)대학원 지원사업",
        title="AI 대학원 운영", starts_on=dt.date(2021, 4, 1),
        ends_on=dt.date(2021 + (years or len(grants)), 3, 31), national_grants_krw=list(grants),
        institution_share_krw=50_000_000,
    )  # fmt: skip


def approved_request(**kwargs):
    request = a_request(**kwargs)
    return decide_request(request_id=request.pk, approve=True, reasons="사업성·효과성 적정",
                          actor=nm_staff())  # fmt: skip
