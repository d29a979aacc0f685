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
