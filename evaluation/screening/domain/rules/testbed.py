"""Testbed Seoul rule (seed 000 Ⅳ-⑧ 혁신성 · 관련기술): the proposal's technology field is one of the
fields the programme lists (flow data ``tech_fields``: 인공지능, IoT, 빅데이터, 블록체인, 핀테크, 로봇,
드론, AR/VR …). The field is the application's ``tech_classification`` code."""

from evaluation.screening.domain.rules.base import failed, passed, review, rule
from programs.domain.flows import flow_value


@rule("listed_tech_field", ko="관련기술 분야(인공지능·IoT·빅데이터·블록체인·핀테크·로봇·드론·AR/VR 등)",
      en="Technology field among the programme's listed fields",
      clause="seed 000 Ⅳ-⑧ 참가대상 혁신성")  # fmt: skip
def listed_tech_field(f, p):
    fields = {t["code"]: t for t in flow_value(program=f.program, key="tech_fields", default=[])}
    if not fields:
        return passed("관련기술 분야 제한 없음", "no list of technology fields")
    code = (f.app.tech_classification or "").strip()
    if not code:
        return review("관련기술 분야 미기재", "no technology field given")
    if code in fields:
        t = fields[code]
        return passed(f"관련기술 분야: {t['name_ko']}", f"technology field: {t['name_en']}")
    listed = ", ".join(t["name_ko"] for t in fields.values())
    return failed(f"관련기술 분야 '{code}'는 대상 분야({listed})가 아님",
                  f"technology field '{code}' is not one of the listed fields")  # fmt: skip
