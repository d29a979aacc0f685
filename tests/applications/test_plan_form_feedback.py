"""Plan form feedback: messages that fit the rule, errors next to their fields, kept input,
required markers, and Korean particles chosen by the final consonant."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from applications.domain.problems import josa

# ---------------------------------------------------------------- particles (조사)

PARTICLE_TABLE = [
    ("연구개발 목표", "을", "연구개발 목표를"),
    ("연구개발 내용", "을", "연구개발 내용을"),
    ("과제명(국문)", "을", "과제명(국문)을"),  # the particle agrees with the word before "(…)"
    ("연구개발기간(개월)", "을", "연구개발기간(개월)을"),
    ("요약", "을", "요약을"),
    ("키워드", "을", "키워드를"),
    ("기대성과", "이", "기대성과가"),
    ("시작일", "이", "시작일이"),
    ("(주)서울바이오", "은", "(주)서울바이오는"),
    ("한국대학교", "은", "한국대학교는"),
    ("서울", "으로", "서울로"),  # ㄹ takes 로
    ("학교", "으로", "학교로"),
    ("병원", "으로", "병원으로"),
    ("현재 TRL", "을", "현재 TRL을"),  # 엘
    ("PDF", "으로", "PDF로"),  # 에프
    ("HWP", "을", "HWP를"),  # 피
    ("목표 TRL(3)", "이", "목표 TRL(3)이"),
    ("3", "이", "3이"),  # 삼
    ("2", "이", "2가"),  # 이
    ("과제", "와", "과제와"),
    ("기관", "와", "기관과"),
]


@pytest.mark.parametrize(("word", "particle", "expected"), PARTICLE_TABLE)
def test_josa_table(word, particle, expected):
    assert josa(word, particle) == expected


hangul = st.integers(0xAC00, 0xD7A3).map(chr)


@given(stem=st.text(alphabet=hangul, max_size=5), last=hangul)
def test_josa_follows_the_final_consonant(stem, last):
    word = stem + last
    final = (ord(last) - 0xAC00) % 28
    assert josa(word, "을") == word + ("를" if final == 0 else "을")
    assert josa(word, "가") == word + ("가" if final == 0 else "이")
    assert josa(word, "는") == word + ("는" if final == 0 else "은")
    assert josa(word, "으로") == word + ("로" if final in (0, 8) else "으로")


@given(word=st.text(max_size=8), particle=st.sampled_from(["을", "이", "은", "과", "으로"]))
def test_josa_never_fails_and_only_appends(word, particle):
    out = josa(word, particle)
    assert out.startswith(word) and out[len(word) :] in {
        "을", "를", "이", "가", "은", "는", "과", "와", "으로", "로",
    }  # fmt: skip


def test_required_messages_have_no_double_particles(catalogue):
    from applications.domain.validation import validate_application
    from tests.applications.factories import complete_application

    app = complete_application()
    app.objectives = ""
    app.title_ko = ""
    messages = {p.field: p.message_ko for p in validate_application(app)}
    assert messages["objectives"] == "연구개발 목표를 입력하십시오."
    assert messages["title_ko"] == "과제명(국문)을 입력하십시오."
    assert not any("(를)" in m or "(가)" in m for m in messages.values())


# ---------------------------------------------------------------- the page

import re  # noqa: E402

from django.test import Client  # noqa: E402

from tests.applications.factories import complete_application  # noqa: E402


def page_client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _input(html: str, input_id: str) -> str:
    match = re.search(rf'<(?:input|select|textarea)[^>]*\bid="{re.escape(input_id)}"[^>]*>', html)
    assert match, f"no input #{input_id}"
    return match.group(0)


def _researcher_post(app, rate="150", **extra):
    return {
        "res-900-researcher_no": "77777777", "res-900-name": "새연구자",
        "res-900-institution": str(app.lead_institution_id), "res-900-role": "researcher",
        "res-900-rate_pct": rate, **extra,
    }  # fmt: skip


def test_150_percent_gets_the_rule_message_next_to_the_field(catalogue):
    app = complete_application()
    c = page_client(app.applicant)
    r = c.post(f"/applications/{app.pk}/save/researchers/", _researcher_post(app))
    html = r.content.decode()
    assert r.status_code == 400
    assert "참여율은 100% 이하여야 합니다." in html
    assert "The participation rate must be 100 % or less." in html
    assert "필수 항목" not in html
    # next to the field: aria-invalid + aria-describedby to the message's id
    tag = _input(html, "res-900-rate")
    assert 'aria-invalid="true"' in tag and 'aria-describedby="res-900-rate-error"' in tag
    assert re.search(r'id="res-900-rate-error"[^>]*>참여율은 100% 이하', html)
    # linked from the summary at the top of the section (not the page top)
    summary = re.search(r'<div id="errors-researchers".*?</div>\s*</div>', html, re.S).group(0)
    assert 'href="#res-900-rate"' in summary and 'role="alert"' in summary
    section = html[html.index('<section id="researchers"') :]
    assert section.index('id="errors-researchers"') < section.index('id="res-900-rate"')
    # kept input: the row as typed
    assert 'value="150"' in tag
    assert 'value="77777777"' in _input(html, "res-900-no")
    assert app.researchers.count() == 2  # nothing saved


@pytest.mark.parametrize(
    ("rate", "ko"),
    [("0", "참여율은 1% 이상이어야 합니다."), ("abc", "참여율은 숫자로 입력하십시오(%)."),
     ("", "참여율을 입력하십시오.")],
)  # fmt: skip
def test_other_rate_rules_name_the_field(catalogue, rate, ko):
    app = complete_application()
    r = page_client(app.applicant).post(
        f"/applications/{app.pk}/save/researchers/", _researcher_post(app, rate=rate)
    )
    assert r.status_code == 400 and ko in r.content.decode()


def test_rate_with_percent_sign_is_accepted(catalogue):
    app = complete_application()
    r = page_client(app.applicant).post(
        f"/applications/{app.pk}/save/researchers/",
        {**_researcher_post(app, rate="10%"),
         **{f"res-{i}-{k}": v for i, row in enumerate(app.researchers.all())
            for k, v in {"researcher_no": row.researcher.researcher_no, "name": row.researcher.name,
                         "role": row.role, "rate_pct": str(row.rate_pct)}.items()}},
    )  # fmt: skip
    assert r.status_code == 302, r.content.decode()[:500]
    assert app.researchers.filter(rate_pct=10).exists()


def test_invalid_co_institution_number_is_kept_and_explained(catalogue):
    app = complete_application()
    c = page_client(app.applicant)
    r = c.post(f"/applications/{app.pk}/save/institutions/", {"inst-900-institution": "123-45"})
    html = r.content.decode()
    assert r.status_code == 400
    tag = _input(html, "inst-new")
    assert 'value="123-45"' in tag and 'aria-invalid="true"' in tag
    assert 'aria-describedby="inst-new-error"' in tag
    assert "사업자등록번호는 숫자 10자리입니다" in html
    r = c.post(f"/applications/{app.pk}/save/institutions/", {"inst-900-institution": "9999999999"})
    html = r.content.decode()
    assert 'value="9999999999"' in _input(html, "inst-new")
    assert "사업자등록번호 9999999999인 기관이 포털에 등록되어 있지 않습니다." in html


def test_plan_field_error_stays_in_place_with_input(catalogue):
    app = complete_application()
    c = page_client(app.applicant)
    r = c.post(f"/applications/{app.pk}/save/plan/",
               {"title_ko": "새 제목", "current_trl": "twelve", "target_trl": "7"})  # fmt: skip
    html = r.content.decode()
    assert r.status_code == 400
    tag = _input(html, "id_current_trl")
    assert 'aria-invalid="true"' in tag and 'aria-describedby="id_current_trl-error"' in tag
    assert 'value="twelve"' in tag or "twelve" in tag
    assert 'value="새 제목"' in _input(html, "id_title_ko")
    assert 'href="#id_current_trl"' in html
    assert "현재 TRL" in html  # the message names the field
    # the form posts to the section's anchor: the answer opens at the section with its summary
    assert re.search(r'action="[^"]*/save/plan/#plan"', html)


def test_autosave_refusal_returns_the_section_summary_out_of_band(catalogue):
    app = complete_application()
    r = page_client(app.applicant).post(
        f"/applications/{app.pk}/save/researchers/", _researcher_post(app),
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    html = r.content.decode()
    assert r.status_code == 200 and 'data-autosave-state="refused"' in html
    assert re.search(
        r'<div id="errors-researchers" class="section-errors" hx-swap-oob="true">', html
    )
    assert 'data-error-for="res-900-rate"' in html and "참여율은 100% 이하여야 합니다." in html
    assert 'id="section-stepper"' in html
    ok = page_client(app.applicant).post(
        f"/applications/{app.pk}/save/plan/", {"title_ko": "제목"}, HTTP_HX_REQUEST="true"
    )
    body = ok.content.decode()
    assert 'data-autosave-state="saved"' in body
    assert re.search(
        r'<div id="errors-plan" class="section-errors" hx-swap-oob="true">\s*</div>', body
    )


def test_required_markers_come_from_the_validation_rules(catalogue):
    from applications.domain.validation import REQUIRED_FIELDS

    app = complete_application()
    html = page_client(app.applicant).get(f"/applications/{app.pk}/").content.decode()
    for name in REQUIRED_FIELDS:
        label = re.search(rf'<label for="id_{name}">(.*?)</label>', html, re.S).group(1)
        assert 'class="required-mark" aria-hidden="true">*' in label, name
        assert '<span class="sr-only">(필수)</span>' in label, name
        assert 'aria-required="true"' in _input(html, f"id_{name}")
    assert 'aria-required="true"' in _input(html, "res-900-rate")
    assert 'aria-required="true"' in _input(html, "privacy_consent")


def test_stepper_and_budget_totals_and_scroll_regions(catalogue):
    app = complete_application(privacy_consent=False)
    html = page_client(app.applicant).get(f"/applications/{app.pk}/").content.decode()
    stepper = re.search(r'<nav id="section-stepper".*?</nav>', html, re.S).group(0)
    assert 'href="#plan"' in stepper and 'href="#attachments"' in stepper
    forms = re.search(r'<li[^>]*data-section="forms"[^>]*>', stepper).group(0)
    assert "section-stepper__item--todo" in forms and 'data-problems="1"' in forms
    assert "section-stepper__item--done" in re.search(
        r'<li[^>]*data-section="researchers"[^>]*>', stepper
    ).group(0)
    items = list(app.budget_items.all())
    total = sum(i.city_krw + i.cash_krw + i.inkind_krw for i in items)
    assert re.search(rf'data-col-total="all">{total:,}<', html)
    assert html.count('class="table-scroll" role="region"') == 4
    assert "행 합계" in html and "신청서 작성 단계" in html  # Korean page
    assert "js/budget-totals.js" in html and "css/plan-form.css" in html


def test_api_names_the_participation_rule_too(catalogue):
    from tests.conftest import client_for

    app = complete_application()
    rows = [{"researcher_no": r.researcher.researcher_no, "role": r.role, "rate_pct": r.rate_pct}
            for r in app.researchers.all()]  # fmt: skip
    rows[0]["rate_pct"] = 150
    r = client_for(app.applicant).patch(
        f"/api/v1/applications/{app.pk}/", {"researchers": rows}, format="json"
    )
    assert r.status_code == 400
    body = r.content.decode("utf-8")
    assert "참여율은 100% 이하여야 합니다." in body and "%%" not in body
