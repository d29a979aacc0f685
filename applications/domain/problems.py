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
