"""The agreement terms (협약 조건): the active TermsTemplate, filled in with the agreement's data.

Staff edit the template in the admin. When none exists the default below is created on first use
(DEFAULT: wording drafted from seed 002 §1, §5, §6; SBA's legal text replaces it in the admin).
"""

import re

from agreements.models import TermsTemplate

DEFAULT_TITLE = "서울형 R&D 협약 일반조건 (기본값)"
DEFAULT_BODY = """제1조(목적) 이 협약은 서울경제진흥원(이하 "SBA")과 {lead}(이하 "주관연구개발기관")이 「{program}」 과제 「{title}」의 수행에 관하여 필요한 사항을 정함을 목적으로 한다.
제2조(협약기간) 협약기간은 {starts_on}부터 {ends_on}까지로 하며, 협약연차별 기간과 연구개발비는 별표와 같다.
제3조(시지원연구개발비) SBA는 총 {city_grant}원의 시지원연구개발비를 협약연차별 분할지급에 따라 지급한다. 각 연차의 연구개발비는 해당 연차의 지급 요건을 모두 충족한 때에 지급한다.
제4조(지급이행보증보험) 주관연구개발기관은 최종 선정통보일로부터 30일 이내({guarantee_due_on}까지) 연차별 시지원연구개발비 이상을 보증금액으로 하고 해당연도 연구개발기간에 6개월을 더한 기간을 보증기간으로 하는 지급이행보증보험증권을 제출하여야 하며, 미제출 시 협약이 중지된다. 증권 발행 비용은 연구개발비로 소급하여 계상할 수 있다.
제5조(연구개발비의 사용) 연구개발비는 협약된 비목과 계획에 따라 사용하고, 집행 후 증빙을 갖추어 청구한다(선집행 후청구).
제6조(과제 변경) 연구개발기간, 비목 간 전용, 연구책임자 및 참여기관의 변경은 SBA가 정한 기준에 따라 통보 또는 승인을 거쳐야 하며, 승인된 변경은 협약의 새로운 판으로 기록된다.
제7조(평가 및 정산) 주관연구개발기관은 연차평가 및 최종평가를 받아야 하며, 최종평가 후 정산하여 미사용액과 불인정액을 반납한다.
제8조(기술료) 최종평가 결과가 성공(우수·보통)인 경우 주관연구개발기관은 SBA가 정한 비율에 따라 기술료를 납부한다.
제9조(제재) 허위 서류의 제출, 연구개발비의 용도 외 사용, 정당한 사유 없는 중도 포기 등의 경우 SBA는 협약 해약, 환수, 제재부가금 부과 및 참여제한을 할 수 있다.
제10조(효력) 이 협약은 주관연구개발기관 대표자의 동의 서명과 SBA의 서명이 모두 완료되고 SBA의 전자봉인이 적용된 때부터 효력이 발생한다."""

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def active_terms() -> TermsTemplate:
    """The active template (the newest active one); creates the default on first use."""
    terms = TermsTemplate.objects.filter(is_active=True).order_by("-updated_at").first()
    if terms is None:
        terms = TermsTemplate.objects.create(title=DEFAULT_TITLE, body=DEFAULT_BODY)
    return terms


def fill_terms(body: str, values: dict[str, str]) -> str:
    """Replace known {placeholders}; unknown ones and other braces stay as written."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), body)
