"""A rule problem: stable code, the field it concerns and a Korean / English message."""

from dataclasses import asdict, dataclass

from django.utils import translation


@dataclass(frozen=True)
class Problem:
    code: str
    field: str
    message_ko: str
    message_en: str

    @property
    def message(self) -> str:
        return self.message_en if translation.get_language() == "en" else self.message_ko

    def as_dict(self) -> dict:
        return {**asdict(self), "message": self.message}


def won(amount: int) -> str:
    return f"{amount:,}"


# Korean particles (조사) chosen by the last syllable of the word they follow, so that messages
# read "목표를" / "과제명을", never "목표을(를)".
_PARTICLES = {"을": ("을", "를"), "를": ("을", "를"), "이": ("이", "가"), "가": ("이", "가"),
              "은": ("은", "는"), "는": ("은", "는"), "과": ("과", "와"), "와": ("과", "와"),
              "으로": ("으로", "로"), "로": ("으로", "로")}  # fmt: skip


# Final consonant (종성 index) of how a Latin letter or digit is read; absent = no 받침.
_READ_FINAL = {
    **dict.fromkeys("ABCDEFGHIJKOPQSTUVWXYZ2459", 0),
    **dict.fromkeys("LR178", 8),
    "M": 16,
    "3": 16,
    "N": 4,
    "0": 21,
    "6": 1,
}


def _spoken_end(word: str) -> str:
    text = word.rstrip()
    while text.endswith(")") and "(" in text:
        text = text[: text.rindex("(")].rstrip()
    text = text.rstrip("]」』”'\".")
    return text[-1:]


def josa(word: str, particle: str) -> str:
    """`word` followed by the right form of `particle` ("을", "이", "은", "과" or "으로").

    A final Hangul syllable with a 받침 takes the first form (을/이/은/과/으로), one without takes
    the second (를/가/는/와/로); for 으로, a final ㄹ takes 로. A word ending in something else
    (Latin letters, digits) follows how it is read: "TRL을", "PDF를", "HWP로". A closing
    parenthetical is skipped, as the particle agrees with the word before it (국립국어원):
    "연구개발기간(개월)을", "현재 TRL(2)이". Anything else takes the first form.
    """
    with_batchim, without = _PARTICLES[particle]
    last = _spoken_end(word)
    if "가" <= last <= "힣":
        final = (ord(last) - 0xAC00) % 28
    else:  # read as Korean: "TRL" → 엘 (ㄹ), "PDF" → 에프 (none), "3" → 삼 (ㅁ)
        final = _READ_FINAL.get(last.upper(), 1)
    if final == 0 or (with_batchim == "으로" and final == 8):
        return f"{word}{without}"
    return f"{word}{with_batchim}"
