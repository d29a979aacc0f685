"""Business logic of evaluation. Errors carry Korean and English messages."""


class EvaluationError(Exception):
    """A refused action, with the message in Korean and English."""

    def __init__(self, message_ko: str, message_en: str, code: str = "invalid"):
        super().__init__(message_en)
        self.code = code
        self.message_ko = message_ko
        self.message_en = message_en

    @property
    def message(self) -> str:
        from django.utils import translation

        return self.message_en if translation.get_language() == "en" else self.message_ko
