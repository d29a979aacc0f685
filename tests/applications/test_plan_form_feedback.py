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
