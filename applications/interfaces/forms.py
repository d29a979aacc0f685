"""Page forms: the plan section as a Django form; row sections are parsed into the API shapes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.domain.validation import REQUIRED_FIELDS
from applications.interfaces.track_field import add_track_field
from applications.models import Application

PLAN_FIELDS = [
    "title_ko", "title_en", "summary", "objectives", "content", "expected_outcomes",
    "outcome_use", "tech_classification", "keywords", "current_trl", "target_trl",
    "period_months", "starts_on", "ends_on",
]  # fmt: skip


class PlanForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = PLAN_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "content": forms.Textarea(attrs={"rows": 6}),
            "expected_outcomes": forms.Textarea(attrs={"rows": 3}),
            "outcome_use": forms.Textarea(attrs={"rows": 3}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "current_trl": forms.NumberInput(attrs={"min": 1, "max": 9}),
            "target_trl": forms.NumberInput(attrs={"min": 1, "max": 9}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A draft may be saved incomplete (required=False); what submission needs is marked from
        # the validation's REQUIRED_FIELDS (marker + aria-required), not hard-coded in a template.
        self.required_names = set(REQUIRED_FIELDS) & set(self.fields)
        self.field_errors: dict = {}
        add_track_field(self)
        for name, field in self.fields.items():
            field.required = False
            field.widget.attrs.setdefault("class", "krds-input")
            if name in self.required_names:
                field.widget.attrs["aria-required"] = "true"

    def mark_errors(self, errors) -> None:
        """aria-invalid and aria-describedby on the inputs that have a FieldError."""
        for error in errors:
            name = error.id.removeprefix("id_")
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{error.id}-error"
        self.field_errors = {e.id.removeprefix("id_"): e for e in errors}


class StartForm(forms.Form):
    program = forms.ModelChoiceField(queryset=None, label=_("Programme"), empty_label=None)

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = call.programs.all()
        self.fields["program"].widget.attrs["class"] = "krds-form-select"


def rows_from_post(
    post, prefix: str, keys: tuple[str, ...], indexes_out: list[int] | None = None
) -> list[dict]:
    """Collect `prefix-N-key` inputs into row dicts, skipping rows left entirely blank.

    `indexes_out`, if given, receives the N of each returned row (to put errors next to inputs).
    """
    indexes = sorted(
        {int(k.split("-")[1]) for k in post if k.startswith(prefix + "-") and k.count("-") == 2
         and k.split("-")[1].isascii() and k.split("-")[1].isdigit() and len(k.split("-")[1]) < 7}
    )  # fmt: skip
    rows = []
    for i in indexes:
        row = {k: post.get(f"{prefix}-{i}-{k}", "").strip() for k in keys}
        if post.get(f"{prefix}-{i}-delete") or not any(
            v for k, v in row.items() if k not in ("role", "category", "year", "kind")
        ):
            continue
        rows.append({k: v for k, v in row.items() if v != ""})
        if indexes_out is not None:
            indexes_out.append(i)
    return rows
