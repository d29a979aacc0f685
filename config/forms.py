"""Helpers shared by the apps' form views."""

from django import forms
from django.core.exceptions import ValidationError


def add_domain_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a domain service's ValidationError on the form: per field where it names one, else general."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class KrdsFormMixin:
    """KRDS classes on every control; aria-describedby/aria-invalid tie hints and errors to it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "krds-form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "krds-form-select")
            else:
                widget.attrs.setdefault("class", "krds-input")
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{name}_hint"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                hint = widget.attrs.get("aria-describedby", "")
                widget.attrs["aria-describedby"] = f"{hint} id_{name}_error".strip()
