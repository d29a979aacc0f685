"""Refusals of the application domain, carrying a stable code and Korean / English messages."""

from django.utils import translation


class ApplicationRefused(Exception):
    """The action is refused; `status` is the HTTP status the API answers with."""

    status = 409

    def __init__(self, code: str, message_ko: str, message_en: str, problems=None):
        super().__init__(message_en)
        self.code = code
        self.message_ko = message_ko
        self.message_en = message_en
        self.problems = problems or []

    @property
    def message(self) -> str:
        return self.message_en if translation.get_language() == "en" else self.message_ko

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "message": self.message,
            "message_ko": self.message_ko,
            "message_en": self.message_en,
            "problems": [p.as_dict() for p in self.problems],
        }


class CallClosed(ApplicationRefused):
    status = 409


class NotEditable(ApplicationRefused):
    status = 409


class InvalidInput(ApplicationRefused):
    status = 400


class SubmissionInvalid(ApplicationRefused):
    status = 422


class NotPermitted(ApplicationRefused):
    """The actor may not do this to this application (the API answers 404 to other applicants)."""

    status = 403
